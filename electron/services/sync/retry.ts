/**
 * The sync's retry rules: the backoff and the retry decision come from electron/services/net/retry-after.ts
 * (re-exported here for the sync's callers); this module classifies sync failures into "try again"
 * (network, timeout, 429, 5xx, unreadable answer) and "tell the user" (auth, permission),
 * carrying what the retry decision needs (HTTP status, the wait the exchange asked for).
 */
import { AppError, type ErrorCode } from '../errors';
import { ExchangeCallError, mapExchangeError, type ExchangeErrorCode } from '../exchange/errors';

export { backoffDelay, DEFAULT_RETRY, type RetryPolicy } from '../net/retry-after';

export interface SyncFailure {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  /** HTTP status of the failed call, when known. */
  httpStatus?: number | null;
  /** When the exchange may be called again (Retry-After, a ban, or the exchange's pause), if it said. */
  retryUntil?: number | null;
}

const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ExchangeErrorCode>([
  'rate-limit',
  'network',
  'timeout',
  'exchange-down',
  'bad-response',
]);

/** What went wrong, in words the user can act on, and whether trying again may help. */
export function classifyFailure(err: unknown, exchangeId: string): SyncFailure {
  if (err instanceof ExchangeCallError) {
    return {
      code: err.code,
      message: err.message,
      retryable: err.retryable,
      httpStatus: err.httpStatus,
      retryUntil: err.retryUntil,
    };
  }
  if (err instanceof AppError) return { code: err.code, message: err.message, retryable: RETRYABLE.has(err.code) };
  const m = mapExchangeError(err, exchangeId);
  return {
    code: m.code,
    message: m.message,
    retryable: m.retryable,
    httpStatus: m.httpStatus,
    retryUntil: m.retryUntil,
  };
}
