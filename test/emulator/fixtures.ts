/**
 * Standard emulator accounts for the exchange tests: one key per permission level per exchange.
 */
import { generateHistory, type GeneratedHistory } from './history';
import { DEFAULT_MARKETS } from './server';
import type { AccountSpec, EmulatedExchangeId, EmulatorConfig, KeyPermission } from './types';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

export interface TestKey {
  apiKey: string;
  secret: string;
  password?: string;
}

function account(
  exchange: EmulatedExchangeId,
  permission: KeyPermission,
  balances: Record<string, number>,
  ipRestricted = false,
  funding?: { tag: string; balances: Record<string, number> },
): AccountSpec {
  const tag = `${exchange}-${funding?.tag ?? permission}`;
  return {
    apiKey: `key-${tag}-7Hq2LmX9`,
    secret: exchange === 'kraken' ? b64(`kraken secret bytes for ${tag} 4f1c`) : `secret-${tag}-Zp81Kd0w3`,
    ...(exchange === 'okx' ? { passphrase: `pass-${tag}-Qw` } : {}),
    permission,
    balances,
    ipRestricted,
    ...(funding ? { funding: funding.balances } : {}),
  };
}

export const TEST_BALANCES: Record<EmulatedExchangeId, Record<string, number>> = {
  binance: { BTC: 0.5, ETH: 4.25, USDT: 1250.5, SOL: 12 },
  kraken: { BTC: 0.125, ETH: 2, USD: 830.25, SOL: 40 },
  okx: { BTC: 1.5, USDT: 99.5, DOGE: 15000 },
};

export const TEST_ACCOUNTS: Record<EmulatedExchangeId, Record<KeyPermission, AccountSpec>> = {
  binance: {
    read: account('binance', 'read', TEST_BALANCES.binance, true),
    trade: account('binance', 'trade', TEST_BALANCES.binance),
    withdraw: account('binance', 'withdraw', TEST_BALANCES.binance),
  },
  kraken: {
    read: account('kraken', 'read', TEST_BALANCES.kraken, true),
    trade: account('kraken', 'trade', TEST_BALANCES.kraken),
    withdraw: account('kraken', 'withdraw', TEST_BALANCES.kraken),
  },
  okx: {
    read: account('okx', 'read', TEST_BALANCES.okx, true),
    trade: account('okx', 'trade', TEST_BALANCES.okx),
    withdraw: account('okx', 'withdraw', TEST_BALANCES.okx),
  },
};

/** Exchanges with a separate funding wallet in the emulator. */
export type FundingExchangeId = 'binance' | 'okx';

/**
 * Funding-wallet balances of the TEST_FUNDING_ACCOUNTS: some assets also held in spot (amounts
 * add up), some only in the funding wallet. The TEST_ACCOUNTS keys have an empty funding wallet.
 */
export const TEST_FUNDING_BALANCES: Record<FundingExchangeId, Record<string, number>> = {
  binance: { USDT: 300.25, ETH: 0.75, ADA: 1000 },
  okx: { USDT: 500.5, ETH: 2 },
};

/** Read-only keys whose accounts hold TEST_BALANCES in spot plus TEST_FUNDING_BALANCES in funding. */
export const TEST_FUNDING_ACCOUNTS: Record<FundingExchangeId, AccountSpec> = {
  binance: account('binance', 'read', TEST_BALANCES.binance, false, {
    tag: 'funding',
    balances: TEST_FUNDING_BALANCES.binance,
  }),
  okx: account('okx', 'read', TEST_BALANCES.okx, false, { tag: 'funding', balances: TEST_FUNDING_BALANCES.okx }),
};

/** A read-only account with a generated history, its balances what the history adds up to. */
export interface HistoryAccount extends AccountSpec {
  generated: GeneratedHistory;
}

export interface HistoryAccountsOptions {
  /** The time the emulator starts at (its candles end on that day). */
  now: number;
  /** The emulator's candle days and seed (trades happen at its closes). */
  candleDays: number;
  seed?: number;
  /** How far back the history starts (default 730 days) and how many trades (default 300). */
  days?: number;
  trades?: number;
}

/**
 * One read-only account per exchange with a generated history (test/emulator/history.ts): on Binance
 * and OKX, part of the ETH is in Simple Earn (flexible / savings) and part of the SOL staked (locked /
 * staking orders), so the account's total is still what the history explains.
 */
export function historyAccounts(o: HistoryAccountsOptions): Record<EmulatedExchangeId, HistoryAccount> {
  const make = (exchange: EmulatedExchangeId, quote: string): HistoryAccount => {
    const generated = generateHistory({
      exchange,
      markets: DEFAULT_MARKETS[exchange],
      candleDays: o.candleDays,
      candleSeed: o.seed ?? 1,
      now: o.now,
      days: o.days ?? 730,
      trades: o.trades ?? 300,
      quote,
      deposit: 20_000,
    });
    const tag = `${exchange}-history`;
    const spot = { ...generated.balances };
    const earn: Record<string, number> = {};
    const staking: Record<string, number> = {};
    if (exchange !== 'kraken') {
      for (const [asset, share, into] of [
        ['ETH', 0.3, earn],
        ['SOL', 0.2, staking],
      ] as const) {
        const held = spot[asset] ?? 0;
        if (held <= 0) continue;
        const moved = Math.round(held * share * 1e8) / 1e8;
        into[asset] = moved;
        spot[asset] = Math.round((held - moved) * 1e8) / 1e8;
      }
    }
    return {
      apiKey: `key-${tag}-Rt5Yh2Ds`,
      secret: exchange === 'kraken' ? b64(`kraken secret bytes for ${tag} 9a1f`) : `secret-${tag}-Vn31Lp6x`,
      ...(exchange === 'okx' ? { passphrase: `pass-${tag}-Zq` } : {}),
      permission: 'read',
      balances: spot,
      earn,
      staking,
      history: generated.history,
      generated,
    };
  };
  return { binance: make('binance', 'USDT'), kraken: make('kraken', 'USD'), okx: make('okx', 'USDT') };
}

/** Emulator configuration holding every test account (and the history accounts, when given). */
export function testConfig(
  extra: Omit<EmulatorConfig, 'exchanges'> & {
    krakenApiKeyInfo?: boolean;
    fundingAccounts?: boolean;
    history?: Record<EmulatedExchangeId, HistoryAccount>;
  } = {},
): EmulatorConfig {
  const { krakenApiKeyInfo, fundingAccounts, history, ...rest } = extra;
  const funding = (ex: FundingExchangeId): AccountSpec[] => (fundingAccounts ? [TEST_FUNDING_ACCOUNTS[ex]] : []);
  const hist = (ex: EmulatedExchangeId): AccountSpec[] => (history ? [history[ex]] : []);
  return {
    ...rest,
    exchanges: {
      binance: { accounts: [...Object.values(TEST_ACCOUNTS.binance), ...funding('binance'), ...hist('binance')] },
      kraken: {
        accounts: [...Object.values(TEST_ACCOUNTS.kraken), ...hist('kraken')],
        apiKeyInfo: krakenApiKeyInfo ?? true,
      },
      okx: { accounts: [...Object.values(TEST_ACCOUNTS.okx), ...funding('okx'), ...hist('okx')] },
    },
  };
}

/** Credentials (client side) of a test account. */
export function credsOf(a: AccountSpec): TestKey {
  return { apiKey: a.apiKey, secret: a.secret, ...(a.passphrase !== undefined ? { password: a.passphrase } : {}) };
}

/** Every credential value of every test account, for leak scans. */
export function allSecretValues(): string[] {
  return [
    ...Object.values(TEST_ACCOUNTS).flatMap((byPerm) => Object.values(byPerm)),
    ...Object.values(TEST_FUNDING_ACCOUNTS),
  ].flatMap((a) => [a.apiKey, a.secret, ...(a.passphrase ? [a.passphrase] : [])]);
}
