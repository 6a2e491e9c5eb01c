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
