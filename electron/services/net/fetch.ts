/**
 * A recording `fetch` for the HTTP APIs Ballast calls without ccxt (market data, blockchain APIs).
 *
 * `createRecordingFetch(opts)` returns a function with the shape of `fetch(url, init)` that:
 * - asks `opts.gate` first: a source paused until later fails at once (the gate throws a
 *   `rate-limit` AppError saying until when) and nothing goes out;
 * - aborts after `timeoutMs` (default 15 s; the caller's own `init.signal` still works);
 * - reads the whole body, so the returned Response is already complete (read it as usual);
 * - pauses the source in the gate when the answer asks for it: 418, or 429/503 with a Retry-After
 *   header (parseRetryAfter: capped at 10 minutes);
 * - reports every call through `opts.onCall` as an ApiCallRecord (path only, status, host,
 *   purpose, bytes out and in), success or not. A listener that throws is ignored.
 *
 * Network failures and timeouts are thrown as they come (TypeError, TimeoutError, AbortError);
 * a non-2xx answer is returned, not thrown: the caller decides (`decideRetry` in ./retry-after.ts).
 * The exchange clients (electron/services/exchange/client.ts) record the same fields through ccxt.
 */
import type { ApiCallRecord, ApiPurpose } from '../../../shared/domain/activity';
import { DEFAULT_BAN_MS, parseRetryAfter, type PauseReason } from './retry-after';

/**
 * The per-source "no calls before T" gate as a client sees it. ExchangeGate
 * (electron/services/exchange/gate.ts) is the app's, keyed by exchange id.
 */
export interface CallGate {
  /** Throws a `rate-limit` AppError saying until when, when `source` may not be called now. */
  check(source: string): void;
  /** No call to `source` before `until` (ms since epoch); a time earlier than one already held changes nothing. */
  hold(source: string, until: number, reason: PauseReason): void;
}

export interface RecordingFetchOptions {
  /** Who is called, as recorded (`ApiCallRecord.exchange`) and as the gate's key: "binance", "coingecko"... */
  source: string;
  purpose: ApiPurpose;
  onCall?: (rec: ApiCallRecord) => void;
  gate?: CallGate;
  now?: () => number;
  /** Per-request timeout (default 15 s). */
  timeoutMs?: number;
  /** The underlying fetch (default the global one). */
  fetch?: typeof globalThis.fetch;
}

export type RecordingFetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

export const DEFAULT_FETCH_TIMEOUT_MS = 15_000;

/** Bytes of a request body Ballast sends (strings, bytes, form parameters); 0 for none or a stream. */
export function bodyBytes(body: unknown): number {
  if (body === undefined || body === null) return 0;
  if (typeof body === 'string') return Buffer.byteLength(body, 'utf8');
  if (body instanceof URLSearchParams) return Buffer.byteLength(body.toString(), 'utf8');
  if (body instanceof ArrayBuffer) return body.byteLength;
  if (ArrayBuffer.isView(body)) return body.byteLength;
  return 0;
}

/** The host name of a URL (no port), or undefined when it is not one. */
export function hostOf(url: unknown): string | undefined {
  try {
    return new URL(String(url)).hostname || undefined;
  } catch {
    return undefined;
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split(/[?#]/)[0] ?? '';
  }
}

/** The pause an answer asks for, or null: 418 (ban), or 429/503 with a Retry-After header. */
export function pauseAskedFor(
  status: number,
  retryAfter: string | null | undefined,
  now: number,
): { until: number; reason: PauseReason } | null {
  const wait = parseRetryAfter(retryAfter, now);
  if (status === 418) return { until: now + (wait ?? DEFAULT_BAN_MS), reason: 'ban' };
  if ((status === 429 || status === 503) && wait !== null && wait > 0)
    return { until: now + wait, reason: 'rate-limit' };
  return null;
}

export function createRecordingFetch(opts: RecordingFetchOptions): RecordingFetch {
  const now = opts.now ?? Date.now;
  const baseFetch = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;

  return async (input, init = {}) => {
    const url = String(input);
    opts.gate?.check(opts.source);
    const at = now();
    const started = performance.now();
    const method = (init.method ?? 'GET').toUpperCase();
    const emit = (rec: Pick<ApiCallRecord, 'status' | 'errorClass' | 'ok'> & { bytesIn?: number }): void => {
      if (!opts.onCall) return;
      const host = hostOf(url);
      try {
        opts.onCall({
          at,
          exchange: opts.source,
          method,
          endpoint: pathOf(url),
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          ...rec,
          ...(host ? { host } : {}),
          purpose: opts.purpose,
          bytesOut: Buffer.byteLength(url, 'utf8') + bodyBytes(init.body),
        });
      } catch {
        // a failing listener must not break the call
      }
    };
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let status: number | null = null;
    try {
      const res = await baseFetch(url, { ...init, signal });
      status = res.status;
      const bytes = res.status === 204 || res.status === 304 ? null : new Uint8Array(await res.arrayBuffer());
      const pause = pauseAskedFor(res.status, res.headers.get('retry-after'), now());
      if (pause) opts.gate?.hold(opts.source, pause.until, pause.reason);
      emit({ status, errorClass: res.ok ? null : 'HttpError', ok: res.ok, bytesIn: bytes?.byteLength ?? 0 });
      return new Response(bytes, { status: res.status, statusText: res.statusText, headers: res.headers });
    } catch (err) {
      const name = err && typeof err === 'object' ? (err as { name?: unknown }).name : undefined;
      emit({ status, errorClass: typeof name === 'string' && name.length < 64 ? name : 'Error', ok: false });
      throw err;
    }
  };
}
