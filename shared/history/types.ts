/**
 * An exchange account's history as Ballast keeps it once imported: trades (and conversions), deposits,
 * withdrawals, income (staking, earn, airdrops), standalone fees and adjustments, each normalized from
 * the exchange's own records. Pure types and limits; the main process writes them
 * (electron/services/history/), the domain rebuilds holdings from them (./holdings.ts) and the P&L
 * reads them (shared/pnl/).
 *
 * Amounts are positive units of the asset; which way they move is said by the field they are in
 * (`give` leaves the account, `get` arrives) or by the kind. `balanceChanges` (./changes.ts) turns an
 * entry into signed balance changes.
 */

/** An amount of one asset (units, > 0 unless said otherwise). */
export interface AssetAmount {
  asset: string;
  amount: number;
}

interface EntryBase {
  /**
   * Unique within the account: the record's kind of source and the exchange's own id
   * ("trade:BTC/USDT:28457"). A later entry with the same id replaces the earlier one.
   */
  id: string;
  /** When it happened (ms since epoch). */
  t: number;
}

/** A market trade or a conversion: `give` left the account, `get` came in, `fee` was charged besides. */
export interface TradeEntry extends EntryBase {
  kind: 'trade';
  give: AssetAmount;
  get: AssetAmount;
  /** Charged on top, in any asset (the quote, the asset bought, BNB...); null when none. */
  fee: AssetAmount | null;
  /** "BTC/USDT" for a market trade; null for a conversion outside the order book. */
  market: string | null;
}

/** Funds that arrived from outside the account; `amount` is what was credited (after any fee). */
export interface DepositEntry extends EntryBase {
  kind: 'deposit';
  asset: string;
  amount: number;
  /** The blockchain transaction, when the exchange gives it (transfer matching uses it). */
  txid: string | null;
}

/** Funds sent out of the account: `amount` left for the destination, `fee` was charged on top. */
export interface WithdrawalEntry extends EntryBase {
  kind: 'withdrawal';
  asset: string;
  amount: number;
  fee: AssetAmount | null;
  txid: string | null;
}

/** Where income came from. */
export type IncomeSource = 'staking' | 'earn' | 'airdrop' | 'reward';

/** Units received without paying for them: staking and earn rewards, airdrops, promotions. */
export interface IncomeEntry extends EntryBase {
  kind: 'income';
  asset: string;
  amount: number;
  source: IncomeSource;
}

/** A fee charged on its own (not part of a trade or withdrawal). */
export interface FeeEntry extends EntryBase {
  kind: 'fee';
  asset: string;
  amount: number;
}

/** A balance correction by the exchange; `amount` is signed (negative: units removed). */
export interface AdjustmentEntry extends EntryBase {
  kind: 'adjustment';
  asset: string;
  amount: number;
}

export type HistoryEntry = TradeEntry | DepositEntry | WithdrawalEntry | IncomeEntry | FeeEntry | AdjustmentEntry;
export type EntryKind = HistoryEntry['kind'];
export const ENTRY_KINDS: readonly EntryKind[] = ['trade', 'deposit', 'withdrawal', 'income', 'fee', 'adjustment'];

/** An entry and the account it belongs to (entries of several accounts together). */
export interface AccountEntry {
  accountId: string;
  entry: HistoryEntry;
}

/** Largest number of entries kept per account. */
export const MAX_ENTRIES_PER_ACCOUNT = 2_000_000;
/** Longest id of an entry. */
export const MAX_ENTRY_ID = 200;
/** Asset codes as stored (exchange codes after ccxt's unification: letters, digits, a few signs). */
export const ASSET_CODE_PATTERN = /^[A-Za-z0-9._\-$]{1,32}$/;
