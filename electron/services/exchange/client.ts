/**
 * ccxt client factory for the main process.
 *
 * - Loads only the ccxt module of the exchange in use (see loader.ts).
 * - Rate limiting is always on; Binance and OKX are restricted to spot markets and do not call
 *   their private currency/margin endpoints while loading markets (fewer calls, least privilege).
 * - Every HTTP call is reported through `onCall` as an `ApiCallRecord` (path only, status,
 *   ccxt error class, duration). Error messages thrown by the instance are scrubbed of query
 *   strings, signatures and credential values.
 * - A 2xx response that is not valid JSON raises ccxt's `BadResponse` (ccxt would otherwise hand
 *   the raw text to the parser, which silently yields empty results).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Exchange } from 'ccxt';
import type { ApiCallRecord } from '../../../shared/domain/activity';
import type { ExchangeCredentials } from '../../../shared/keys/credentials';
import { errorClassOf, sanitizeText } from './errors';
import { loadCcxtErrors, loadExchangeClass } from './loader';

export type { ExchangeCredentials };
export type ExchangeClient = Exchange;

export interface ExchangeClientOptions {
  /**
   * Replacement for ccxt `urls.api` (the test emulator). Every URL must point to the loopback
   * interface (127.0.0.1, ::1 or localhost): signed requests are never redirected elsewhere.
   */
  apiUrls?: unknown;
  /** Per-request timeout (default 15 s). */
  timeoutMs?: number;
  /** Called after every HTTP call, successful or not. Exceptions thrown by it are ignored. */
  onCall?: (rec: ApiCallRecord) => void;
  /**
   * Minimum spacing between requests in ms (ccxt `rateLimit`). Defaults to the exchange's own
   * value; lowering it is meant for the local emulator only.
   */
  rateLimitMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * HTTP status of the call in progress, per async context. One instance for every client: each
 * AsyncLocalStorage that has run stays registered for the life of the process (Node < 24) and
 * adds work to every promise created afterwards, so one per client would slow main down with
 * every sync.
 */
const statusStore = new AsyncLocalStorage<{ status: number | null }>();

/** Per-exchange ccxt options applied to every client. */
function tuneInstance(exchangeId: string, ex: Exchange, errors: { AuthenticationError: unknown }): void {
  switch (exchangeId) {
    case 'binance':
      Object.assign(ex.options, {
        defaultType: 'spot',
        fetchMarkets: { types: ['spot'] },
        // both would add signed /sapi calls to every loadMarkets
        fetchMargins: false,
        fetchCurrencies: false,
      });
      break;
    case 'okx':
      Object.assign(ex.options, { defaultType: 'spot', fetchMarkets: { types: ['spot'] } });
      // with credentials ccxt would call the private /asset/currencies on every loadMarkets
      ex.has['fetchCurrencies'] = false;
      break;
    case 'kraken': {
      // ccxt maps "EAPI:Invalid key" to AuthenticationError but leaves a wrong secret as a
      // generic ExchangeError; both mean the credentials are wrong.
      const exact = ((ex.exceptions as Record<string, unknown>)['exact'] ?? {}) as Record<string, unknown>;
      exact['EAPI:Invalid signature'] = errors.AuthenticationError;
      (ex.exceptions as Record<string, unknown>)['exact'] = exact;
      break;
    }
    default:
      break;
  }
}

function isLoopbackUrl(value: string): boolean {
  try {
    const u = new URL(value.replace('{hostname}', 'invalid'));
    return (
      (u.protocol === 'http:' || u.protocol === 'https:') && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)
    );
  } catch {
    return false;
  }
}

function validateApiUrls(apiUrls: unknown): Record<string, string> | string {
  if (typeof apiUrls === 'string') {
    if (!isLoopbackUrl(apiUrls)) throw new Error('apiUrls override must point to the loopback interface.');
    return apiUrls;
  }
  if (!apiUrls || typeof apiUrls !== 'object' || Array.isArray(apiUrls)) {
    throw new Error('apiUrls override must be an object of URLs.');
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(apiUrls)) {
    if (typeof v !== 'string' || !isLoopbackUrl(v)) {
      throw new Error('apiUrls override must point to the loopback interface.');
    }
    out[k] = v;
  }
  return out;
}

function pathOf(url: unknown): string {
  if (typeof url !== 'string') return '';
  try {
    return new URL(url).pathname;
  } catch {
    return url.split(/[?#]/)[0] ?? '';
  }
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

/**
 * A ccxt instance for `exchangeId`, with rate limiting on and every HTTP call recorded.
 * `creds` null gives a public-data-only client.
 */
export async function createExchangeClient(
  exchangeId: string,
  creds: ExchangeCredentials | null,
  opts: ExchangeClientOptions = {},
): Promise<ExchangeClient> {
  const [Cls, errors] = await Promise.all([loadExchangeClass(exchangeId), loadCcxtErrors()]);
  const config: Record<string, unknown> = {
    enableRateLimit: true,
    timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  if (opts.rateLimitMs !== undefined) config['rateLimit'] = opts.rateLimitMs;
  if (creds) {
    config['apiKey'] = creds.apiKey;
    config['secret'] = creds.secret;
    if (creds.password !== undefined) config['password'] = creds.password;
  }
  const ex = new Cls(config);
  tuneInstance(exchangeId, ex, errors);
  if (opts.apiUrls !== undefined) {
    ex.urls = { ...ex.urls, api: validateApiUrls(opts.apiUrls) } as typeof ex.urls;
  }

  const secrets = creds ? [creds.apiKey, creds.secret, ...(creds.password ? [creds.password] : [])] : [];
  const onCall = opts.onCall;

  const originalHandle = ex.handleRestResponse.bind(ex);
  ex.handleRestResponse = (response: unknown, ...rest: unknown[]) => {
    const ctx = statusStore.getStore();
    const status = (response as { status?: unknown } | null)?.status;
    if (ctx && typeof status === 'number') ctx.status = status;
    return (originalHandle as (...a: unknown[]) => unknown)(response, ...rest);
  };

  const originalFetch = ex.fetch.bind(ex);
  ex.fetch = async (url: unknown, method: string = 'GET', headers?: unknown, body?: unknown): Promise<unknown> => {
    const ctx = { status: null as number | null };
    const at = Date.now();
    const started = performance.now();
    const emit = (ok: boolean, errorClass: string | null): void => {
      if (!onCall) return;
      const rec: ApiCallRecord = {
        at,
        exchange: exchangeId,
        method: String(method).toUpperCase(),
        endpoint: pathOf(url),
        status: ctx.status,
        errorClass,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ok,
      };
      try {
        onCall(rec);
      } catch {
        // a failing listener must not break the call
      }
    };
    try {
      const result: unknown = await statusStore.run(ctx, () => originalFetch(url, method, headers, body));
      if (typeof result === 'string' && result.trim().length > 0) {
        throw new errors.BadResponse(
          `${exchangeId} ${String(method).toUpperCase()} ${pathOf(url)} returned a response that is not valid JSON`,
        );
      }
      emit(true, null);
      return result;
    } catch (err) {
      scrubError(err, secrets);
      if (err && typeof err === 'object' && ctx.status !== null) {
        try {
          Object.defineProperty(err, 'httpStatus', { value: ctx.status, enumerable: false, configurable: true });
        } catch {
          // frozen error object
        }
      }
      emit(false, errorClassOf(err));
      throw err;
    }
  };

  return ex;
}
