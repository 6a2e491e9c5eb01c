/**
 * What the exchange client (./client.ts) wraps around ccxt's `fetch`, the one place every HTTP call
 * of a ccxt instance goes through:
 * - the per-exchange gate is asked first: a paused exchange fails at once, nothing goes out;
 * - every call is reported as an ApiCallRecord (path only, status, ccxt error class, duration, host,
 *   purpose, bytes out and in);
 * - a 2xx answer that is not a JSON object or array (empty, `null`, a number, text, HTML) raises
 *   ccxt's `BadResponse` (ccxt would hand it on and its parsers would read "no balances");
 * - a failed call carries what ccxt leaves out: `httpStatus`, and when the exchange may be called
 *   again (`retryAfterMs`, `retryUntil`) from its Retry-After header, a 418 ban or Binance's
 *   "IP banned until" answer; the gate is told, so every client of that exchange waits;
 * - thrown messages are scrubbed of query strings, signatures and credential values.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Exchange } from 'ccxt';
import type { ApiCallRecord, ApiPurpose } from '../../../shared/domain/activity';
import { bodyBytes, hostOf, pauseAskedFor, type CallGate } from '../net/fetch';
import { errorClassOf, sanitizeText } from './errors';

export interface RecordingOptions {
  exchangeId: string;
  purpose?: ApiPurpose;
  onCall?: (rec: ApiCallRecord) => void;
  gate?: CallGate;
  now: () => number;
  /** Credential values to scrub from thrown messages. */
  secrets: readonly string[];
  /** ccxt's BadResponse class (the instance's ccxt module). */
  BadResponse: new (message: string) => Error;
}

/** What the response of the call in progress told: status, Retry-After and body size. */
interface CallContext {
  status: number | null;
  retryAfter: string | null;
  bytesIn: number | null;
}

/**
 * The response of the call in progress, per async context. One instance for every client: each
 * AsyncLocalStorage that has run stays registered for the life of the process (Node < 24) and adds
 * work to every promise created afterwards, so one per client would slow main down with every sync.
 */
const callStore = new AsyncLocalStorage<CallContext>();

function pathOf(url: unknown): string {
  if (typeof url !== 'string') return '';
  try {
    return new URL(url).pathname;
  } catch {
    return url.split(/[?#]/)[0] ?? '';
  }
}

function headerValue(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== 'object') return null;
  const h = headers as { get?: unknown } & Record<string, unknown>;
  if (typeof h.get === 'function') {
    const v: unknown = (h.get as (n: string) => unknown).call(headers, name);
    return typeof v === 'string' ? v : null;
  }
  for (const [k, v] of Object.entries(h)) {
    if (k.toLowerCase() !== name) continue;
    if (typeof v === 'string') return v;
    if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  }
  return null;
}

/** Scrub a thrown error in place (message and stack) and return it. */
function scrubError(err: unknown, secrets: readonly string[]): unknown {
  if (err && typeof err === 'object') {
    const e = err as { message?: unknown; stack?: unknown };
    try {
      if (typeof e.message === 'string') e.message = sanitizeText(e.message, secrets);
      if (typeof e.stack === 'string') e.stack = sanitizeText(e.stack, secrets);
    } catch {
      // read-only properties: leave as is
    }
  }
  return err;
}

function tag(err: unknown, key: string, value: number): void {
  if (!err || typeof err !== 'object') return;
  try {
    Object.defineProperty(err, key, { value, enumerable: false, configurable: true });
  } catch {
    // frozen error object
  }
}

/** Binance's ban answer carries the end of the ban: `IP(…) banned until 1700000000000`. */
function bannedUntil(message: unknown): number | null {
  if (typeof message !== 'string') return null;
  const m = /banned until (\d{12,14})/i.exec(message);
  return m ? Number(m[1]) : null;
}

/** Whether a value ccxt's fetch returned is a JSON object or array (anything else is no usable answer). */
function isJsonStructure(result: unknown): boolean {
  return result !== null && typeof result === 'object';
}

/** Wraps `ex.handleRestResponse` and `ex.fetch` as described at the top of this module. */
export function instrumentFetch(ex: Exchange, opts: RecordingOptions): void {
  const { exchangeId, onCall, gate, now, secrets } = opts;

  const originalHandle = ex.handleRestResponse.bind(ex);
  ex.handleRestResponse = (response: unknown, ...rest: unknown[]) => {
    const ctx = callStore.getStore();
    const r = response as { status?: unknown; headers?: unknown; text?: unknown } | null;
    if (ctx && r) {
      if (typeof r.status === 'number') ctx.status = r.status;
      ctx.retryAfter = headerValue(r.headers, 'retry-after');
      if (typeof r.text === 'function') {
        const text = r.text as () => Promise<unknown>;
        (r as { text: () => Promise<unknown> }).text = async () => {
          const body = await text.call(r);
          if (typeof body === 'string') ctx.bytesIn = Buffer.byteLength(body, 'utf8');
          return body;
        };
      }
    }
    return (originalHandle as (...a: unknown[]) => unknown)(response, ...rest);
  };

  const originalFetch = ex.fetch.bind(ex);
  ex.fetch = async (url: unknown, method: string = 'GET', headers?: unknown, body?: unknown): Promise<unknown> => {
    gate?.check(exchangeId);
    const ctx: CallContext = { status: null, retryAfter: null, bytesIn: null };
    const verb = String(method).toUpperCase();
    const at = now();
    const started = performance.now();
    const emit = (ok: boolean, errorClass: string | null): void => {
      if (!onCall) return;
      const host = hostOf(url);
      const rec: ApiCallRecord = {
        at,
        exchange: exchangeId,
        method: verb,
        endpoint: pathOf(url),
        status: ctx.status,
        errorClass,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ok,
        ...(host ? { host } : {}),
        ...(opts.purpose ? { purpose: opts.purpose } : {}),
        bytesOut: Buffer.byteLength(String(url), 'utf8') + bodyBytes(body),
        ...(ctx.bytesIn !== null ? { bytesIn: ctx.bytesIn } : {}),
      };
      try {
        onCall(rec);
      } catch {
        // a failing listener must not break the call
      }
    };
    try {
      const result: unknown = await callStore.run(ctx, () => originalFetch(url, method, headers, body));
      if (!isJsonStructure(result)) {
        throw new opts.BadResponse(`${exchangeId} ${verb} ${pathOf(url)} returned no JSON object`);
      }
      emit(true, null);
      return result;
    } catch (err) {
      const failedAt = now();
      const banEnd = exchangeId === 'binance' ? bannedUntil((err as { message?: unknown } | null)?.message) : null;
      const ban = banEnd !== null && banEnd > failedAt ? banEnd : null;
      scrubError(err, secrets);
      if (ctx.status !== null) {
        tag(err, 'httpStatus', ctx.status);
        const pause = pauseAskedFor(ctx.status, ctx.retryAfter, failedAt);
        const until = ban !== null ? Math.max(pause?.until ?? 0, ban) : (pause?.until ?? null);
        if (until !== null) {
          tag(err, 'retryAfterMs', until - failedAt);
          tag(err, 'retryUntil', until);
          gate?.hold(exchangeId, until, ctx.status === 418 || ban !== null ? 'ban' : 'rate-limit');
        }
      }
      emit(false, errorClassOf(err));
      throw err;
    }
  };
}
