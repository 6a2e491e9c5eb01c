/**
 * Manual holdings: amounts the user keeps outside connected exchanges (cold wallets, other platforms),
 * entered by hand or imported from a CSV file. Pure types and limits, shared by main, renderer and tests.
 */

/** A manual wallet or platform, e.g. "Ledger" on "Hardware wallet". Labels are unique (case-insensitive). */
export interface ManualWallet {
  id: string;
  /** Human label, unique among manual wallets (case-insensitive). */
  label: string;
  /** Free-form platform text ("Ledger Nano X", "Nexo", ...); may be empty. */
  platform: string;
  createdAt: number;
}

/** One asset amount held in a manual wallet. There is at most one holding per wallet and asset. */
export interface ManualHolding {
  id: string;
  walletId: string;
  /** Upper-case symbol matching SYMBOL_PATTERN. */
  asset: string;
  /** Units held, finite and >= 0. */
  amount: number;
  note?: string;
  /** Total cost of the holding in the base currency, when the user knows it. */
  costBasis?: number;
  updatedAt: number;
}

/** A wallet with its holdings (sorted by asset), as the UI lists them. */
export interface ManualWalletView extends ManualWallet {
  holdings: ManualHolding[];
}

export interface ManualHoldingsList {
  wallets: ManualWalletView[];
}

/** One valid CSV row, ready to import. */
export interface ManualHoldingInput {
  /** 1-based line of the file where the row starts (line 1 is the header). */
  line: number;
  /** Wallet label (the default wallet when the row names none). */
  wallet: string;
  asset: string;
  amount: number;
  /** Present only when the file has a note column and the cell is not empty. */
  note?: string;
  /** Present only when the file has a cost-basis column and the cell is not empty. */
  costBasis?: number;
}

export interface CsvRowError {
  /** 1-based line where the row starts. */
  line: number;
  message: string;
  /** The row as written in the file (cut to CSV_RAW_PREVIEW characters). */
  raw: string;
}

export interface CsvDuplicate {
  line: number;
  /** Line of the first row for the same wallet and asset (the one that is kept). */
  ofLine: number;
  wallet: string;
  asset: string;
}

export type CsvDelimiter = ',' | ';' | '\t' | '|';

export interface HoldingsCsvResult {
  /** Valid rows, in file order; only the first row of each wallet+asset pair. */
  rows: ManualHoldingInput[];
  errors: CsvRowError[];
  /** Later rows repeating a wallet+asset pair; they are not imported. */
  duplicates: CsvDuplicate[];
  /** A problem with the whole file (too large, no header, missing columns): nothing can be imported. */
  fatal: string | null;
  /** Non-blank data rows seen (valid + errors + duplicates). */
  totalRows: number;
  /** Field delimiter used. */
  delimiter: CsvDelimiter;
  /** Column roles found in the header, e.g. { asset: 'Coin', amount: 'Qty' }. */
  columns: Partial<Record<CsvColumn, string>>;
}

export type CsvColumn = 'asset' | 'amount' | 'wallet' | 'note' | 'costBasis';

export type CsvImportMode = 'merge' | 'replace-wallet';

/** What importing one valid row would do. */
export type CsvRowAction = 'add' | 'update' | 'unchanged';

/** A parse result plus what importing it would change (nothing is saved). */
export interface HoldingsCsvPreview extends HoldingsCsvResult {
  /** Action per valid row, same order as `rows`. */
  actions: CsvRowAction[];
  /** Wallet labels the import would create. */
  newWallets: string[];
  /** For 'replace-wallet': holdings that would be removed from the wallets the file names. */
  removals: { wallet: string; asset: string }[];
}

export interface HoldingsImportResult {
  /** Valid rows written (added + updated + unchanged). */
  imported: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Holdings removed by 'replace-wallet'. */
  removed: number;
  walletsCreated: string[];
  errors: CsvRowError[];
  duplicates: CsvDuplicate[];
}

/** Ticker shape after upper-casing: letters, digits and dots (shared/catalog/schema.ts symbolSchema checks it). */
export const SYMBOL_PATTERN = /^[A-Z0-9.]{1,20}$/;
/** Largest amount accepted (units). */
export const MAX_AMOUNT = 1e15;
export const MAX_WALLET_LABEL = 60;
export const MAX_PLATFORM = 60;
export const MAX_NOTE = 200;
/** Limits of a CSV import. */
export const MAX_CSV_ROWS = 10_000;
/** 2 MiB: the file size limit; decoded text is limited to as many characters. */
export const MAX_CSV_BYTES = 2 * 1024 * 1024;
export const MAX_CSV_CHARS = MAX_CSV_BYTES;
export const CSV_RAW_PREVIEW = 200;
/** Wallet used for rows that name none (unless the import targets a wallet). */
export const DEFAULT_MANUAL_WALLET = 'Manual';
