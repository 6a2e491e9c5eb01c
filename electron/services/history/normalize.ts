/**
 * ccxt's unified structures (trades, deposits and withdrawals, conversions) as entries of an account's
 * history (shared/history/types.ts). Asset codes go through the same unification as balances
 * (`normalizeBalanceCode`: Kraken's "DOT.S" is DOT), so history and balances compare. A record that
 * cannot be read (no time, no amount, an unknown asset code) is left out and counted, never guessed.
 * Used by the exchange plans in ./plans/.
 */
import type { Conversion, Trade, Transaction } from 'ccxt';
import {
  ASSET_CODE_PATTERN,
  MAX_ENTRY_ID,
  type AssetAmount,
  type HistoryEntry,
  type IncomeSource,
} from '../../../shared/history/types';
import { normalizeBalanceCode } from '../../../shared/portfolio/holdings';

/** Entries read from one page, and how many records could not be read. */
export interface Normalized {
  entries: HistoryEntry[];
  skipped: number;
}

const num = (x: unknown): number | null => {
  const n = typeof x === 'string' ? Number(x) : x;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

/** The unified asset of an exchange's code, or null when it is not a code Ballast can keep. */
export function assetCode(exchange: string, code: unknown): string | null {
  if (typeof code !== 'string' || code.length === 0) return null;
  const asset = normalizeBalanceCode(exchange, code).asset.toUpperCase();
  return ASSET_CODE_PATTERN.test(asset) ? asset : null;
}

/** An entry id from its source and the exchange's id (cut to the stored bound). */
export function entryId(...parts: unknown[]): string {
  return parts
    .map((p) => String(p ?? ''))
    .join(':')
    .slice(0, MAX_ENTRY_ID);
}

/** A positive amount of a known asset, or null. */
function amountOf(exchange: string, code: unknown, amount: unknown): AssetAmount | null {
  const asset = assetCode(exchange, code);
  const n = num(amount);
  return asset !== null && n !== null && n > 0 ? { asset, amount: n } : null;
}

/** A fee of a ccxt structure: positive ones are fees; a negative one (a rebate) is income. */
function feeOf(exchange: string, fee: unknown): { fee: AssetAmount | null; rebate: AssetAmount | null } {
  const f = fee as { cost?: unknown; currency?: unknown } | undefined;
  const cost = num(f?.cost);
  if (!f || cost === null || cost === 0) return { fee: null, rebate: null };
  const asset = assetCode(exchange, f.currency);
  if (asset === null) return { fee: null, rebate: null };
  return cost > 0 ? { fee: { asset, amount: cost }, rebate: null } : { fee: null, rebate: { asset, amount: -cost } };
}

/** A spot trade: the quote given for the base got (a buy), or the other way round. */
export function tradeEntries(exchange: string, trades: readonly Trade[]): Normalized {
  const entries: HistoryEntry[] = [];
  let skipped = 0;
  for (const tr of trades) {
    const [base, quote, ...rest] = String(tr.symbol ?? '').split('/');
    const t = num(tr.timestamp);
    const amount = num(tr.amount);
    const cost = num(tr.cost) ?? (amount !== null && num(tr.price) !== null ? amount * num(tr.price)! : null);
    const baseLeg = amountOf(exchange, base, amount);
    const quoteLeg = amountOf(exchange, quote?.split(':')[0], cost);
    if (rest.length > 0 || t === null || !baseLeg || !quoteLeg || tr.id === undefined || tr.id === null) {
      skipped += 1;
      continue;
    }
    const buy = tr.side === 'buy';
    if (!buy && tr.side !== 'sell') {
      skipped += 1;
      continue;
    }
    const { fee, rebate } = feeOf(exchange, tr.fee);
    const id = entryId('trade', tr.symbol, tr.id);
    entries.push({
      kind: 'trade',
      id,
      t,
      give: buy ? quoteLeg : baseLeg,
      get: buy ? baseLeg : quoteLeg,
      fee,
      market: `${baseLeg.asset}/${quoteLeg.asset}`,
    });
    if (rebate) entries.push({ kind: 'income', id: `${id}:rebate`, t, ...rebate, source: 'reward' });
  }
  return { entries, skipped };
}

/** Deposits or withdrawals that completed ('ok'); pending ones are read again at the next import. */
export function transferEntries(
  exchange: string,
  txs: readonly Transaction[],
  kind: 'deposit' | 'withdrawal',
): Normalized {
  const entries: HistoryEntry[] = [];
  let skipped = 0;
  for (const tx of txs) {
    if (tx.status !== 'ok') continue;
    const t = num(tx.timestamp);
    const leg = amountOf(exchange, tx.currency, tx.amount);
    if (t === null || !leg || tx.id === undefined || tx.id === null) {
      skipped += 1;
      continue;
    }
    const txid = typeof tx.txid === 'string' && tx.txid.length > 0 ? tx.txid.slice(0, MAX_ENTRY_ID) : null;
    const id = entryId(kind, tx.id);
    if (kind === 'deposit') entries.push({ kind, id, t, asset: leg.asset, amount: leg.amount, txid });
    else entries.push({ kind, id, t, asset: leg.asset, amount: leg.amount, fee: feeOf(exchange, tx.fee).fee, txid });
  }
  return { entries, skipped };
}

/** Conversions outside the order book (Binance Convert): a trade without a market. */
export function conversionEntries(exchange: string, list: readonly Conversion[]): Normalized {
  const entries: HistoryEntry[] = [];
  let skipped = 0;
  for (const c of list) {
    const t = num(c.timestamp);
    const give = amountOf(exchange, c.fromCurrency, c.fromAmount);
    const get = amountOf(exchange, c.toCurrency, c.toAmount);
    const status = (c.info as { orderStatus?: unknown } | undefined)?.orderStatus;
    if (status !== undefined && status !== 'SUCCESS') continue;
    if (t === null || !give || !get || !c.id) {
      skipped += 1;
      continue;
    }
    entries.push({ kind: 'trade', id: entryId('convert', c.id), t, give, get, fee: null, market: null });
  }
  return { entries, skipped };
}

/** An income entry from raw fields (rewards lists read through implicit endpoints). */
export function incomeEntry(
  exchange: string,
  raw: { id: unknown; t: unknown; asset: unknown; amount: unknown },
  source: IncomeSource,
  prefix = 'income',
): HistoryEntry | null {
  const t = num(raw.t);
  const leg = amountOf(exchange, raw.asset, raw.amount);
  if (t === null || !leg || raw.id === undefined || raw.id === null || raw.id === '') return null;
  return { kind: 'income', id: entryId(prefix, raw.id), t, asset: leg.asset, amount: leg.amount, source };
}
