/**
 * Bounded exponential backoff with jitter, and the classification of sync failures into
 * "try again" (network, timeout, 429, 5xx, unreadable answer) and "tell the user" (auth, permission).
 */
import { AppError, type ErrorCode } from '../errors';
import { ExchangeCallError, mapExchangeError, type ExchangeErrorCode } from '../exchange/errors';

export interface RetryPolicy {
  /** Total attempts, the first one included. */
  attempts: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseMs: 500, capMs: 5_000 };

/**
 * Delay before attempt `attempt + 1` (attempt is 1-based): half of min(cap, base * 2^(attempt-1))
 * plus a random part of the other half ("equal jitter"), so clients do not retry in lock step.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}

export interface SyncFailure {
  code: ErrorCode;
  message: string;
  retryable: boolean;
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
  if (err instanceof ExchangeCallError) return { code: err.code, message: err.message, retryable: err.retryable };
  if (err instanceof AppError) return { code: err.code, message: err.message, retryable: RETRYABLE.has(err.code) };
  const m = mapExchangeError(err, exchangeId);
  return { code: m.code, message: m.message, retryable: m.retryable };
}
