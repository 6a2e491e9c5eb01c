/**
 * The closed list of error codes that can reach the user.
 *
 * Main throws `AppError(code, message)` (electron/services/errors.ts) and the renderer receives it as an
 * `ApiError` with the same `code` (renderer/src/lib/api.ts), so `err.code === 'key-trade-needs-acceptance'`
 * is checked by the compiler on both sides. Reuse a code before adding one: a code says what the user can
 * do about it, not where it was thrown. Messages carry the detail.
 */

/** Failures of a call to an exchange (electron/services/exchange/errors.ts maps ccxt's errors onto them). */
export const EXCHANGE_ERROR_CODES = [
  /** Wrong key / secret / passphrase, or the key was revoked. */
  'auth',
  /** The key lacks a permission, the IP is not allow-listed, or access is blocked (HTTP 403). */
  'permission',
  'rate-limit',
  'network',
  'timeout',
  /** Maintenance or server trouble at the exchange. */
  'exchange-down',
  /** The exchange answered something unreadable. */
  'bad-response',
  /** The exchange refused the request time or nonce (computer clock off, or a key shared with another app). */
  'clock-skew',
  /** The exchange's certificate could not be verified (a proxy, antivirus or captive portal in between). */
  'tls',
  'not-supported',
  'unknown',
] as const;
export type ExchangeErrorCode = (typeof EXCHANGE_ERROR_CODES)[number];

export const ERROR_CODES = [
  ...EXCHANGE_ERROR_CODES,
  // The IPC layer (electron/services/ipc-router.ts, renderer/src/lib/api.ts)
  /** A channel that is not part of the contract. */
  'unknown-channel',
  /** The payload did not match the channel's schema; `details` names the fields. */
  'bad-request',
  /** An unexpected failure; the message is generic and the cause stays in main. */
  'internal',
  /** The renderer runs without the preload's bridge. */
  'no-bridge',
  // Input the user can correct
  /** A value the user typed or imported is not acceptable (name, amount, file name, export content...). */
  'invalid',
  'invalid-credentials',
  'invalid-account',
  'invalid-settings',
  'invalid-rule-settings',
  'invalid-targets',
  'invalid-override',
  'invalid-spec',
  'csv-invalid',
  /** A bounded list is full (wallets, holdings, saved specs...). */
  'limit',
  'not-found',
  'wallet-exists',
  'holding-exists',
  'unknown-rule',
  'no-targets',
  'nothing-to-export',
  // Keys and accounts
  'keychain-unavailable',
  'key-missing',
  'key-unreadable',
  'key-unchanged',
  'key-duplicate',
  'key-check-failed',
  'key-withdraw-enabled',
  'key-trade-needs-acceptance',
  'account-disabled',
  'account-revoked',
  'no-accounts',
  // Services and files
  'sync-unavailable',
  'sample-unavailable',
  'plan-failed',
  'save-failed',
  /** A file could not be written because the disk is full (ENOSPC, EDQUOT); the message names the folder. */
  'disk-full',
  /** A file could not be written because its folder is read-only or protected (EROFS, EACCES, EPERM). */
  'write-failed',
  'log-write-failed',
  'log-changed',
  'invalid-log-entry',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES);

/** Whether a value is one of the codes above (for errors that arrive untyped, e.g. from a worker). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN.has(value);
}
