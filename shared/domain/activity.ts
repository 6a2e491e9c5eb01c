/**
 * Activity types shared by main, renderer and tests.
 */

/** Kinds of activity-log entries the user sees: exchange calls and key lifecycle events. */
export const ACTIVITY_KINDS = [
  'api-call',
  'key-added',
  'key-verified',
  'key-rotated',
  'key-revoked',
  'key-renamed',
  'key-refused',
  'account-disabled',
  'account-enabled',
  'account-removed',
  'permission-flagged',
] as const;

/** A kind the user sees (the log also writes 'anchor' lines of its own). */
export type ActivityEventKind = (typeof ACTIVITY_KINDS)[number];

/** Kinds the UI can filter by: one kind, or 'lifecycle' (every kind except 'api-call'). */
export type ActivityKindFilter = ActivityEventKind | 'lifecycle';

/** API calls and failed calls of one local calendar day. */
export interface DailyActivity {
  /** Local day "yyyy-MM-dd". */
  date: string;
  /** Start of that local day (ms). */
  start: number;
  calls: number;
  errors: number;
}

/**
 * How the activity log is signed (docs/SECURITY.md): with a key of this installation kept in the OS
 * keychain, or, while the keychain cannot be used, only hash-chained.
 */
export interface ChainSigning {
  /** 'signed': new entries carry this installation's signature; 'unavailable': the keychain cannot be used now. */
  state: 'signed' | 'unavailable';
  /** Entries written before the log was first signed, and when signing started (ms); they are chained and pinned since. */
  unsignedBefore?: { entries: number; at: number };
}

/**
 * Result of checking the log: the number of entries (and the bytes of a torn last line that was
 * ignored), or the first entry where the log was altered and why (plain words).
 * - `warning`: nothing was found altered, but part of the log could not be checked (plain words); the
 *   log is then not shown as intact.
 * - `signing`: how the log is protected; absent when it was opened without a keychain (tools, tests).
 */
export type ChainStatus =
  | { ok: true; entries: number; tornTailBytes?: number; warning?: string; signing?: ChainSigning }
  | { ok: false; brokenAt: number; reason: string; signing?: ChainSigning };

/**
 * Why a request was made: one closed list, set by whoever creates the client (the sync, a key check,
 * the market-history download...) and recorded with every call.
 */
export const API_PURPOSES = [
  'sync',
  'key-check',
  'market-history',
  'market-caps',
  'catalog',
  'wallet',
  'history-import',
  'prices',
] as const;
export type ApiPurpose = (typeof API_PURPOSES)[number];

/**
 * One HTTP call made to an exchange or another public API, as the exchange client (or the recording
 * fetch of electron/services/net/fetch.ts) records it.
 * Never holds a secret, a signature, a query string or a header.
 */
export interface ApiCallRecord {
  /** When the call started, ms since epoch. */
  at: number;
  /** ccxt exchange id, e.g. "binance"; for other APIs the id of the service called, e.g. "coingecko". */
  exchange: string;
  /** HTTP method, upper case. */
  method: string;
  /** URL path only, e.g. "/api/v3/account" (query string and signature removed). */
  endpoint: string;
  /** HTTP status received, or null when no response arrived (timeout, network failure). */
  status: number | null;
  /** ccxt error class name (e.g. "AuthenticationError"), or null on success. */
  errorClass: string | null;
  durationMs: number;
  ok: boolean;
  /** Host name the request went to, e.g. "api.binance.com" (no port, path or query). */
  host?: string;
  /** Why the request was made. */
  purpose?: ApiPurpose;
  /** Bytes sent: the URL and the request body (headers not counted). */
  bytesOut?: number;
  /** Bytes of the response body as received (after decompression); absent when none arrived. */
  bytesIn?: number;
}
