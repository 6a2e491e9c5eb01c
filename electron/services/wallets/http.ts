/**
 * Every request of the watch-only wallets goes through here: a per-request timeout, one record per HTTP
 * call for the activity log (network, host, method, the path relative to the provider's base URL or the
 * JSON-RPC method, status, bytes, duration; never the query, a body or a header), a 429 answered with a
 * short Retry-After (read by net/retry-after.ts) waited out and tried again (at most twice), and
 * failures turned into AppErrors in Ballast's words with the sync engine's codes ('rate-limit', 'timeout', 'network', 'exchange-down' and
 * 'bad-response' are retried by the engine). Used by the Bitcoin, EVM and Solana readers (./bitcoin.ts,
 * ./evm.ts, ./solana.ts).
 */
import { NETWORK_LABELS, type Network } from '../../../shared/wallets';
import { AppError } from '../errors';
import { parseRetryAfter } from '../net/retry-after';

/** One HTTP call of a wallet, as the activity log records it. */
export interface WalletCallRecord {
  at: number;
  /** The wallet it was made for; null before the wallet exists (checking a provider, resolving ENS). */
  walletId: string | null;
  network: Network;
  host: string;
  method: string;
  /** Path relative to the provider's base URL (addresses shortened), or the JSON-RPC method(s). */
  endpoint: string;
  status: number | null;
  /** Bytes of the answer. */
  bytes: number;
  durationMs: number;
  ok: boolean;
  errorClass: string | null;
}

export interface WalletHttpOptions {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Per-request timeout (default 15 s). */
  timeoutMs?: number;
  /** Longest Retry-After waited out before trying again (default 10 s); a longer one fails the attempt. */
  maxRetryAfterMs?: number;
  record: (rec: WalletCallRecord) => void;
  fetchImpl?: typeof fetch;
}

/** Who a request is for and how the log names it. */
export interface WalletCall {
  walletId: string | null;
  network: Network;
  endpoint: string;
}

const RETRY_AFTER_TRIES = 2;

/** "bc1qar…5mdq": enough to recognise an address in the log without spelling out the wallet's addresses. */
export function shortAddress(address: string): string {
  return address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

export class WalletHttp {
  private readonly opts: WalletHttpOptions;
  private readonly timeoutMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(opts: WalletHttpOptions) {
    this.opts = opts;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.maxRetryAfterMs = opts.maxRetryAfterMs ?? 10_000;
    this.fetchImpl = opts.fetchImpl ?? fetch;
  }

  /** The JSON answer of a request; throws an AppError (see the module comment) on any failure. */
  async json(call: WalletCall, url: string, init: { method: 'GET' | 'POST'; body?: string }): Promise<unknown> {
    const text = await this.text(call, url, init);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw unreadable(call.network);
    }
  }

  /** The text of a 2xx answer; throws an AppError on any failure. */
  async text(call: WalletCall, url: string, init: { method: 'GET' | 'POST'; body?: string }): Promise<string> {
    for (let tryNo = 1; ; tryNo++) {
      const res = await this.once(call, url, init);
      if (res.status >= 200 && res.status < 300) return res.text;
      const wait = res.status === 429 ? parseRetryAfter(res.retryAfter, this.opts.now()) : null;
      if (wait !== null && wait <= this.maxRetryAfterMs && tryNo <= RETRY_AFTER_TRIES) {
        await this.opts.sleep(wait);
        continue;
      }
      throw statusError(call.network, res.status);
    }
  }

  /** A fetch for libraries (viem): every call recorded and failures thrown as AppErrors. */
  fetchFor(call: Omit<WalletCall, 'endpoint'>, endpointOf: (body: string) => string): typeof fetch {
    return (async (input: string | URL | Request, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const body = typeof init?.body === 'string' ? init.body : '';
      const text = await this.text({ ...call, endpoint: endpointOf(body) }, url, {
        method: (init?.method ?? 'GET').toUpperCase() === 'POST' ? 'POST' : 'GET',
        ...(body ? { body } : {}),
      });
      return new Response(text, { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as typeof fetch;
  }

  private async once(
    call: WalletCall,
    url: string,
    init: { method: 'GET' | 'POST'; body?: string },
  ): Promise<{ status: number; text: string; retryAfter: string | null }> {
    const at = this.opts.now();
    const started = performance.now();
    const host = hostOf(url);
    const record = (status: number | null, bytes: number, errorClass: string | null) =>
      this.opts.record({
        at,
        walletId: call.walletId,
        network: call.network,
        host,
        method: init.method,
        endpoint: call.endpoint,
        status,
        bytes,
        durationMs: Math.round(performance.now() - started),
        ok: status !== null && status >= 200 && status < 300,
        errorClass,
      });
    let res: Response;
    let text: string;
    try {
      res = await this.fetchImpl(url, {
        method: init.method,
        headers: init.body ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: '*/*' },
        ...(init.body ? { body: init.body } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
      text = await res.text();
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      record(null, 0, timedOut ? 'Timeout' : 'NetworkError');
      throw timedOut ? timeoutError(call.network) : networkError(call.network);
    }
    const bytes = Buffer.byteLength(text, 'utf8');
    record(res.status, bytes, res.ok ? null : `HTTP ${res.status}`);
    return { status: res.status, text, retryAfter: res.headers.get('retry-after') };
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'unknown';
  }
}

const provider = (network: Network) => `The ${NETWORK_LABELS[network]} provider`;

export function statusError(network: Network, status: number): AppError {
  if (status === 429) {
    return new AppError('rate-limit', `${provider(network)} is limiting requests (too many in a short time).`);
  }
  if (status >= 500) return new AppError('exchange-down', `${provider(network)} is having trouble (HTTP ${status}).`);
  return new AppError('bad-response', `${provider(network)} refused the request (HTTP ${status}).`);
}

export function timeoutError(network: Network): AppError {
  return new AppError('timeout', `${provider(network)} did not answer in time.`);
}

export function networkError(network: Network): AppError {
  return new AppError('network', `${provider(network)} could not be reached. Check your connection or its URL.`);
}

export function unreadable(network: Network): AppError {
  return new AppError('bad-response', `${provider(network)} answered something Ballast cannot read.`);
}

/** The answer comes from a node behind the one seen last time: the last good balances are kept. */
export function behindError(network: Network, height: number, seen: number): AppError {
  return new AppError(
    'exchange-down',
    `${provider(network)} is behind: it answered for block ${height}, older than block ${seen} already seen. The last good balances are kept.`,
  );
}
