/**
 * Builders shared by the unit tests: catalog entries and a small test catalog, valued
 * positions and portfolios, exchange accounts with their permission reports, and daily
 * candles. Every builder returns a fresh object; tests override only what they are about.
 */
import type { AssetCatalog } from '../../../shared/allocation';
import type { AccountMeta, PermissionReport } from '../../../shared/domain/keys';
import {
  DAY_MS,
  type AssetInfo,
  type Candle,
  type Custody,
  type Portfolio,
  type Sector,
  type ValuedPosition,
} from '../../../shared/domain/types';

const HOUR_MS = 3_600_000;

/** A catalog entry named "<symbol> coin". `cap` is the market cap in USD (null: unknown). */
export function asset(symbol: string, cap: number | null, sectors: Sector[], stablecoin = false): AssetInfo {
  return { symbol, name: `${symbol} coin`, sectors, stablecoin, marketCapUsd: cap, rank: null };
}

/**
 * The test catalog. Large caps: BTC, ETH (primary sector L1), SOL, DOGE, USDC and USDT
 * (stablecoins); mid caps: LINK, ARB; small caps: PEPE, FET; MYST has no market cap.
 */
export const CATALOG: AssetCatalog = {
  BTC: asset('BTC', 1.2e12, ['L1']),
  ETH: asset('ETH', 4e11, ['L1', 'DeFi']),
  SOL: asset('SOL', 8e10, ['L1']),
  DOGE: asset('DOGE', 2e10, ['meme']),
  LINK: asset('LINK', 8e9, ['oracle']),
  ARB: asset('ARB', 3e9, ['L2']),
  PEPE: asset('PEPE', 5e8, ['meme']),
  FET: asset('FET', 8e8, ['AI']),
  USDC: asset('USDC', 6e10, ['stablecoin'], true),
  USDT: asset('USDT', 1.4e11, ['stablecoin'], true),
  MYST: asset('MYST', null, ['privacy']),
};

/** Custodies of the test portfolios: two Binance accounts, Kraken and a Ledger wallet. */
export const CUSTODIES: Custody[] = [
  { id: 'bin', label: 'Binance main', kind: 'exchange', platform: 'binance' },
  { id: 'bin2', label: 'Binance sub', kind: 'exchange', platform: 'binance' },
  { id: 'krk', label: 'Kraken', kind: 'exchange', platform: 'kraken' },
  { id: 'ledger', label: 'Ledger', kind: 'manual', platform: 'Ledger' },
];

/** A position of `amount` units at `price` (null: unpriced, so no value). */
export function position(custodyId: string, symbol: string, amount: number, price: number | null): ValuedPosition {
  return { custodyId, asset: symbol, amount, price, value: price === null ? null : amount * price };
}

/** A USD portfolio over CUSTODIES, valued at time 0 unless `over` says otherwise. */
export function portfolio(positions: ValuedPosition[], over: Partial<Portfolio> = {}): Portfolio {
  return { base: 'USD', asOf: 0, custodies: CUSTODIES, positions, ...over };
}

/** A permission report with the given status (trade and withdraw rights follow from it). */
export function permission(status: PermissionReport['status'], over: Partial<PermissionReport> = {}): PermissionReport {
  return {
    status,
    canRead: true,
    canTrade: status === 'trade' || status === 'withdraw',
    canWithdraw: status === 'withdraw',
    granted: [],
    ipRestricted: null,
    guidance: '',
    checkedAt: 0,
    ...over,
  };
}

/**
 * An active Binance account "acc1" as of `now`: a read-only key stored 10 days before,
 * last used an hour before and verified a day before.
 */
export function account(now: number, over: Partial<AccountMeta> = {}): AccountMeta {
  return {
    id: 'acc1',
    label: 'Binance main',
    exchange: 'binance',
    status: 'active',
    createdAt: now - 10 * DAY_MS,
    keyCreatedAt: now - 10 * DAY_MS,
    rotatedAt: null,
    lastUsedAt: now - HOUR_MS,
    lastVerifiedAt: now - DAY_MS,
    permission: permission('read-only', { checkedAt: now - DAY_MS }),
    tradeAccepted: false,
    fingerprint: 'ab12',
    ...over,
  };
}

/** Day 0 of the candle builders: 2024-01-01 (UTC). */
export const D0 = Date.UTC(2024, 0, 1);
/** UTC midnight of day i after D0. */
export const day = (i: number): number => D0 + i * DAY_MS;

/** Flat candles (open = high = low = close) with the given closes, one a day from `startDay`. */
export function candles(closes: number[], opts: { startDay?: number; mc?: number[] } = {}): Candle[] {
  const start = opts.startDay ?? 0;
  return closes.map((c, i) => ({
    t: day(start + i),
    o: c,
    h: c,
    l: c,
    c,
    v: 1000,
    ...(opts.mc ? { mc: opts.mc[i]! } : {}),
  }));
}
