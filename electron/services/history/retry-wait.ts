/**
 * How long an exchange asked Ballast to wait after a failed call, for the history importer
 * (./importer.ts): the time the exchange client tagged on the error (`retryUntil`, `retryAfterMs`),
 * else the Retry-After header of the failed answer, which ccxt keeps on the client
 * (`last_response_headers`): a number of seconds or an HTTP date. Null when the exchange said nothing.
 */
import { parseRetryAfter } from '../net/retry-after';

/** Waits up to this long are waited out within the run; longer ones pause the import. */
export const MAX_INLINE_WAIT_MS = 60_000;
/** No wait asked for is taken as longer than this (a wrong or hostile header must not stop imports for days). */
export const MAX_ASKED_WAIT_MS = 24 * 3600_000;

function headerOf(client: unknown): string | null {
  const h = (client as { last_response_headers?: unknown } | null)?.last_response_headers;
  if (!h || typeof h !== 'object') return null;
  for (const [k, v] of Object.entries(h as Record<string, unknown>)) {
    if (k.toLowerCase() === 'retry-after' && typeof v === 'string') return v;
  }
  return null;
}

/** The wait in ms from `now`, or null. */
export function retryWaitOf(err: unknown, client: unknown, now: number): number | null {
  const tags = (err && typeof err === 'object' ? err : {}) as { retryUntil?: unknown; retryAfterMs?: unknown };
  let ms: number;
  if (typeof tags.retryUntil === 'number' && Number.isFinite(tags.retryUntil)) ms = tags.retryUntil - now;
  else if (typeof tags.retryAfterMs === 'number' && Number.isFinite(tags.retryAfterMs)) ms = tags.retryAfterMs;
  else return parseRetryAfter(headerOf(client), now, MAX_ASKED_WAIT_MS);
  return Math.min(MAX_ASKED_WAIT_MS, Math.max(0, Math.round(ms)));
}
