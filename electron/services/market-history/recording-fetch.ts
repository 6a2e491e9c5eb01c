/**
 * A `fetch` that reports every call as an ApiCallRecord (path only, status, duration), for the HTTP
 * sources called without ccxt: Coin Metrics, CoinGecko and the catalog refresh.
 */
import type { ApiCallRecord } from '../../../shared/domain/activity';

export function recordingFetch(
  source: string,
  onCall: (rec: ApiCallRecord) => void,
  base: typeof fetch = fetch,
): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
  return async (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const at = Date.now();
    const started = performance.now();
    const report = (status: number | null, ok: boolean, errorClass: string | null): void => {
      try {
        onCall({
          at,
          exchange: source,
          method: (init.method ?? 'GET').toUpperCase(),
          endpoint: new URL(url).pathname,
          status,
          errorClass,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          ok,
        });
      } catch {
        // a failing listener must not break the call
      }
    };
    try {
      const res = await base(url, init);
      const body = new Uint8Array(await res.arrayBuffer());
      report(res.status, res.ok, res.ok ? null : 'HttpError');
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } catch (err) {
      report(null, false, err instanceof Error ? err.name : 'Error');
      throw err;
    }
  };
}
