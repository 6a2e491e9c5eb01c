/**
 * ccxt client factory for the main process.
 *
 * - Loads only the ccxt module of the exchange in use (see loader.ts).
 * - Rate limiting is always on; Binance and OKX are restricted to spot markets and do not call
 *   their private currency/margin endpoints while loading markets (fewer calls, least privilege).
 * - Every HTTP call goes through the exchange's gate (a paused exchange is not called, see gate.ts)
 *   and is reported through `onCall` as an `ApiCallRecord` (path only, status, ccxt error class,
 *   duration, host, purpose, bytes). A 2xx answer that is not a JSON object or array raises ccxt's
 *   `BadResponse`; a failed call carries its HTTP status and any wait the exchange asked for
 *   (recording.ts). Error messages thrown by the instance are scrubbed of query strings, signatures
 *   and credential values.
 * - Every `fetchBalance` answer is checked to have the exchange's fields (balance-shape.ts).
 * - A refused request time is corrected once where the exchange tells its time, then reported as
 *   `clock-skew` (clock.ts); Binance gets a 20 s recvWindow.
 */
import type { Exchange } from 'ccxt';
import type { ApiCallRecord, ApiPurpose } from '../../../shared/domain/activity';
import type { ExchangeCredentials } from '../../../shared/keys/credentials';
import type { CallGate } from '../net/fetch';
import { checkBalanceShape, walletOf } from './balance-shape';
import { correctClockOnRefusal } from './clock';
import { loadCcxtErrors, loadExchangeClass } from './loader';
import { instrumentFetch } from './recording';

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
  /** Why this client calls the exchange; recorded with every call. */
  purpose?: ApiPurpose;
  /** The app's per-exchange "no calls before" gate (gate.ts); none: not gated (tests of the client alone). */
  gate?: CallGate;
  /** Clock for the call records and the waits the exchange asks for (default Date.now). */
  now?: () => number;
  /**
   * Called when the exchange refused the request time and Ballast measured the computer's clock offset
   * (ms, positive: the computer is ahead) and corrected for it (clock.ts). Exceptions are ignored.
   */
  onClockCorrected?: (offsetMs: number) => void;
  /** A clock offset measured earlier for this exchange (see onClockCorrected): signed calls start corrected. */
  clockOffsetMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

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
        // how late a signed request may arrive (ccxt's default is 10 s, Binance's own 5 s; at most 60 s)
        recvWindow: 20_000,
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
  instrumentFetch(ex, {
    exchangeId,
    ...(opts.purpose ? { purpose: opts.purpose } : {}),
    ...(opts.onCall ? { onCall: opts.onCall } : {}),
    ...(opts.gate ? { gate: opts.gate } : {}),
    now: opts.now ?? Date.now,
    secrets,
    BadResponse: errors.BadResponse as new (message: string) => Error,
  });
  if (opts.clockOffsetMs !== undefined) ex.options['timeDifference'] = opts.clockOffsetMs;
  correctClockOnRefusal(ex, exchangeId, opts.onClockCorrected);
  const originalFetchBalance = ex.fetchBalance.bind(ex);
  ex.fetchBalance = async (params?: Record<string, unknown>) => {
    const balance = await originalFetchBalance(params);
    checkBalanceShape(exchangeId, balance, walletOf(params));
    return balance;
  };

  return ex;
}
