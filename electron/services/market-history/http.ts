/**
 * JSON over HTTP for the market-cap sources (Coin Metrics, CoinGecko): each call waits for its turn in
 * the source's rate limit (spacer.ts), goes out through the source's recording fetch (so the activity
 * log lists it with host, purpose and bytes), and is tried again as attempts.ts decides. A Retry-After
 * also holds the source's spacer, so the calls queued behind the failed one wait as well.
 */
import { parseRetryAfter } from '../net/retry-after';
import { withAttempts, type FailureInfo, type RunControl } from './attempts';
import type { RequestSpacer } from './spacer';

/** `fetch(url, init)` as the recording fetch offers it. */
export type HttpGet = (url: string, init?: RequestInit) => Promise<Response>;

export interface JsonSource {
  /** Name for messages and the activity log ("Coin Metrics"). */
  name: string;
  get: HttpGet;
  spacer: RequestSpacer;
}

/** A non-2xx answer. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfter: number | null,
    source: string,
  ) {
    super(`${source} answered HTTP ${status}`);
    this.name = 'HttpStatusError';
  }
}

/** A 2xx answer that is not JSON (a proxy page, a cut connection). */
export class UnreadableAnswerError extends Error {
  constructor(source: string) {
    super(`${source} sent an answer that is not JSON`);
    this.name = 'UnreadableAnswerError';
  }
}

export function failureInfo(err: unknown): FailureInfo {
  if (err instanceof HttpStatusError) {
    const s = err.status;
    return { status: s, retryAfterMs: err.retryAfter, transient: s === 408 || s === 425 || s === 429 || s >= 500 };
  }
  if (err instanceof UnreadableAnswerError) return { status: 200, retryAfterMs: null, transient: true };
  // fetch's own failures: no connection (TypeError), no answer in time (TimeoutError, AbortError).
  const name = err && typeof err === 'object' ? (err as { name?: unknown }).name : undefined;
  const network = name === 'TypeError' || name === 'TimeoutError' || name === 'AbortError';
  return { status: null, retryAfterMs: null, transient: network };
}

/** GETs `url` from `src` and parses the JSON answer; `counted` is called for every request sent. */
export function getJson(src: JsonSource, url: string, ctl: RunControl, counted: () => void): Promise<unknown> {
  return withAttempts(
    src.name,
    async () => {
      await src.spacer.take(ctl.signal);
      counted();
      const res = await src.get(url, { signal: ctl.signal, headers: { accept: 'application/json' } });
      if (!res.ok) {
        const wait = parseRetryAfter(res.headers.get('retry-after'), ctl.now());
        if (wait !== null) src.spacer.holdUntil(ctl.now() + wait);
        throw new HttpStatusError(res.status, wait, src.name);
      }
      const text = await res.text();
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new UnreadableAnswerError(src.name);
      }
    },
    failureInfo,
    ctl,
  );
}
