/**
 * CoinGecko public API emulation of `GET /api/v3/coins/{id}/market_chart?vs_currency=usd&days=N
 * &interval=daily`: `{ prices, market_caps, total_volumes }` as `[ms, value]` pairs, one point at
 * 00:00 UTC per day of the last N days (the value at the end of the previous day) and a last point at
 * "now", as CoinGecko answers. Keyless limits: more than 365 days is a 401 with CoinGecko's error.
 * An id it does not know is a 404 `{"error":"coin not found"}`. Requested ids are kept (`requested`).
 */
import { DAY_MS } from '../../shared/domain/types';
import type { GeckoPoint } from './history-data';
import type { EmuResponse } from './types';

const json = (status: number, body: unknown): EmuResponse => ({ status, body });

export function createCoinGeckoHandler(points: Map<string, GeckoPoint[]>, now: () => number) {
  const requested: string[] = [];

  function chart(id: string, q: URLSearchParams): EmuResponse {
    requested.push(id);
    const series = points.get(id);
    if (!series) return json(404, { error: 'coin not found' });
    if (q.get('vs_currency') !== 'usd') return json(400, { error: 'invalid vs_currency' });
    const days = Number(q.get('days'));
    if (!Number.isFinite(days) || days < 1) return json(400, { error: 'invalid days' });
    if (days > 365) {
      return json(401, {
        error: {
          status: {
            error_code: 10012,
            error_message:
              'Your request exceeds the allowed time range. Public API users are limited to querying historical data within the past 365 days.',
          },
        },
      });
    }
    const t = now();
    const today = Math.floor(t / DAY_MS);
    const kept = series.filter((p) => p.day > today - days && p.day <= today);
    const at = (p: GeckoPoint) => p.day * DAY_MS;
    const last = series.filter((p) => p.day <= today).at(-1);
    const tail = (v: (p: GeckoPoint) => number) => (last ? [[t, v(last)]] : []);
    return json(200, {
      prices: [...kept.map((p) => [at(p), p.price]), ...tail((p) => p.price)],
      market_caps: [...kept.map((p) => [at(p), p.mc]), ...tail((p) => p.mc)],
      total_volumes: [...kept.map((p) => [at(p), p.volume]), ...tail((p) => p.volume)],
    });
  }

  return {
    id: 'coingecko' as const,
    requested,
    url: (base: string) => `${base}/coingecko`,
    handle(req: { method: string; path: string; query: URLSearchParams }): EmuResponse {
      const m = /^\/api\/v3\/coins\/([^/]+)\/market_chart$/.exec(req.path);
      if (req.method !== 'GET' || !m) return json(404, { error: 'Not Found' });
      return chart(decodeURIComponent(m[1]!), req.query);
    },
    rateLimitResponse(retryAfterS: number): EmuResponse {
      return {
        status: 429,
        body: { status: { error_code: 429, error_message: "You've exceeded the Rate Limit." } },
        headers: { 'Retry-After': String(retryAfterS) },
      };
    },
  };
}
