/**
 * Trying a request again, for every request of a market-history update (ccxt candles and the Coin
 * Metrics / CoinGecko calls): temporary failures (no answer, timeout, 429, 5xx) are retried with
 * backoff; a Retry-After is honoured exactly, within the run when it is short and otherwise by pausing
 * that source (`SourcePausedError`, the run moves on without it); anything else fails at once.
 * Waits go through the run's injected sleep and end when the run is cancelled.
 */
import { backoffDelay, type RetryPolicy } from '../sync/retry';

export type { RetryPolicy } from '../sync/retry';

/** Retry-Afters longer than this end the source's part of the run instead of being waited out. */
export const MAX_INLINE_WAIT_MS = 60_000;
/** What a run gives every request: cancellation, time, waiting and the retry policy. */
export interface RunControl {
  signal: AbortSignal;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  retry: RetryPolicy;
  /** Told before each wait between attempts (for the progress note). */
  onWait?: (ms: number, source: string) => void;
}

/** How a failed attempt looked, as far as deciding to try again goes. */
export interface FailureInfo {
  /** HTTP status, or null when no answer arrived. */
  status: number | null;
  /** The wait a Retry-After header asked for, in ms, or null. */
  retryAfterMs: number | null;
  /** Whether trying again may help (network, timeout, 429, 5xx, an unreadable answer). */
  transient: boolean;
}

/** A source asked for a long pause (or banned the IP): no call to it before `until`. */
export class SourcePausedError extends Error {
  constructor(
    readonly source: string,
    readonly until: number,
  ) {
    super(`${source} asked Ballast to wait until ${new Date(until).toISOString().slice(11, 16)} UTC`);
    this.name = 'SourcePausedError';
  }
}

/**
 * `fn()`, tried again as the policy allows. `infoOf` reads a failure; `source` names who is called (in
 * the pause error and the progress note). Cancellation ends the waits and is rethrown as it is.
 */
export async function withAttempts<T>(
  source: string,
  fn: () => Promise<T>,
  infoOf: (err: unknown) => FailureInfo,
  ctl: RunControl,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    ctl.signal.throwIfAborted();
    try {
      return await fn();
    } catch (err) {
      if (ctl.signal.aborted) throw err;
      const info = infoOf(err);
      if (info.status === 418) throw new SourcePausedError(source, ctl.now() + (info.retryAfterMs ?? 2 * 60_000));
      if (!info.transient) throw err;
      const left = attempt < ctl.retry.attempts;
      if (info.retryAfterMs !== null && (!left || info.retryAfterMs > MAX_INLINE_WAIT_MS)) {
        throw new SourcePausedError(source, ctl.now() + info.retryAfterMs);
      }
      if (!left) throw err;
      const wait = info.retryAfterMs ?? backoffDelay(attempt, ctl.retry);
      ctl.onWait?.(wait, source);
      await ctl.sleep(wait, ctl.signal);
    }
  }
}

/** A sleep that ends early (rejecting) when `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
