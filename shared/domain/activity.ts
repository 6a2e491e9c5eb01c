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
 * Result of checking the log's hash chain: the number of entries (and the bytes of a torn last line
 * that was ignored), or the first entry where the chain breaks and why.
 */
export type ChainStatus =
  { ok: true; entries: number; tornTailBytes?: number } | { ok: false; brokenAt: number; reason: string };

/**
 * One HTTP call made to an exchange API, as the exchange client records it.
 * Never holds a secret, a signature, a query string or a header.
 */
export interface ApiCallRecord {
  /** When the call started, ms since epoch. */
  at: number;
  /** ccxt exchange id, e.g. "binance". */
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
}
