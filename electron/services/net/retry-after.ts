/**
 * When to call a server again: the pure rules every HTTP client of Ballast shares (the ccxt exchange
 * clients, and the recording fetch of ./fetch.ts for market-data and blockchain APIs).
 *
 * - `parseRetryAfter(value, now)`: a Retry-After header value (a delay in seconds, or an HTTP date) as
 *   the wait in ms from `now`, capped at MAX_RETRY_AFTER_MS; null when absent or unreadable.
 * - `decideRetry(failure, policy)`: after a failed attempt, either try again after `delayMs`
 *   (`retry`), stop and call that server no more before `until` (`wait`), or stop (`give-up`).
 *   An HTTP 418 (Binance's IP ban) is never retried; a Retry-After wait is honoured, inside the same
 *   run only when it is short (MAX_INLINE_WAIT_MS); other temporary failures back off exponentially.
 * - `backoffDelay(attempt, policy)`: bounded exponential backoff with "equal jitter".
 *
 * No I/O and no clock: `now` is always passed in. Tested by test/main/net-retry-after.test.ts.
 */
import type { PauseReason } from '../../../shared/domain/keys';

export interface RetryPolicy {
  /** Total attempts, the first one included. */
  attempts: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseMs: 500, capMs: 5_000 };

/** A Retry-After longer than this is read as this long (a wrong or hostile header must not stop Ballast for days). */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;
/** Waits up to this long are waited out within the same run; longer ones end it. */
export const MAX_INLINE_WAIT_MS = 60_000;
/** How long an HTTP 418 (IP ban) without a Retry-After header stops the calls. */
export const DEFAULT_BAN_MS = 2 * 60_000;

/** Why calls to a server are paused: it asked to slow down (429 + Retry-After), or banned the IP (418). */
export type { PauseReason };

/**
 * The wait a Retry-After header value asks for, in ms from `now`: "30" (seconds) or an HTTP date
 * ("Wed, 21 Oct 2015 07:28:00 GMT"). Capped at `capMs`; a date in the past is 0. Null when the value
 * is absent, empty or unreadable (a negative or fractional number of seconds included).
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number,
  capMs: number = MAX_RETRY_AFTER_MS,
): number | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  if (v === '') return null;
  let ms: number;
  if (/^\d+$/.test(v)) {
    ms = Number(v) * 1000;
  } else {
    // Only dates that carry a day name or a month name: a bare "-5" or "1.5" must not parse as a date.
    if (!/[A-Za-z]{3}/.test(v)) return null;
    const at = Date.parse(v);
    if (!Number.isFinite(at)) return null;
    ms = at - now;
  }
  if (!Number.isFinite(ms)) return null;
  return Math.min(capMs, Math.max(0, Math.round(ms)));
}

/**
 * Delay before attempt `attempt + 1` (attempt is 1-based): half of min(cap, base * 2^(attempt-1))
 * plus a random part of the other half ("equal jitter"), so clients do not retry in lock step.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}

/** Statuses worth trying again without a change: no answer at all, 408, 425, 429 and 5xx. */
export function isTransientStatus(status: number | null): boolean {
  return status === null || status === 408 || status === 425 || status === 429 || (status >= 500 && status <= 599);
}

/** What a failed attempt looked like. */
export interface FailedAttempt {
  /** HTTP status of the answer; null when none arrived (network failure, timeout, call refused locally). */
  status: number | null;
  /** The wait the server asked for (parseRetryAfter), or null. */
  retryAfterMs?: number | null;
  /** 1-based number of the attempt that just failed. */
  attempt: number;
  now: number;
  /**
   * Whether trying again may help without the user changing anything. Defaults to
   * `isTransientStatus(status)`; pass it when the failure says more than its status (a 200 with an
   * unreadable body is transient, a 200 with "invalid key" is not).
   */
  transient?: boolean;
}

export type RetryDecision =
  /** Try again after `delayMs`, within the same run. */
  | { action: 'retry'; delayMs: number }
  /** Stop, and make no call to that server before `until` (ms since epoch). */
  | { action: 'wait'; until: number; reason: PauseReason }
  /** Stop: trying again will not help (or the attempts are used up). */
  | { action: 'give-up' };

/**
 * Try again, wait, or give up after a failed attempt.
 * - 418: wait (until now + Retry-After, or DEFAULT_BAN_MS without one); never retried.
 * - not transient: give up.
 * - a Retry-After wait: retry after exactly that wait when it is at most MAX_INLINE_WAIT_MS and an
 *   attempt is left; otherwise wait until then.
 * - otherwise: retry after `backoffDelay` while attempts are left, then give up.
 */
export function decideRetry(
  failure: FailedAttempt,
  policy: RetryPolicy = DEFAULT_RETRY,
  random: () => number = Math.random,
): RetryDecision {
  const wait = failure.retryAfterMs ?? null;
  if (failure.status === 418) return { action: 'wait', until: failure.now + (wait ?? DEFAULT_BAN_MS), reason: 'ban' };
  const transient = failure.transient ?? isTransientStatus(failure.status);
  if (!transient) return { action: 'give-up' };
  const attemptsLeft = failure.attempt < policy.attempts;
  if (wait !== null) {
    if (attemptsLeft && wait <= MAX_INLINE_WAIT_MS) return { action: 'retry', delayMs: wait };
    return { action: 'wait', until: failure.now + wait, reason: 'rate-limit' };
  }
  return attemptsLeft
    ? { action: 'retry', delayMs: backoffDelay(failure.attempt, policy, random) }
    : { action: 'give-up' };
}
