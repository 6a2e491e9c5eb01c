/**
 * Coinbase Exchange public REST emulation (api.exchange.coinbase.com, ccxt id `coinbaseexchange`):
 * GET /products, /currencies, /time and /products/{id}/candles (granularity 86400, ISO start/end, at
 * most 300 candles, newest first, each `[time (s), low, high, open, close, volume]`). Public only: the
 * market-history download never signs a request.
 */
import { htmlPage, publicResult, isUnusableAnswer, unusableAnswer } from './http';
import { DAY_MS, type ExchangeData, priceDecimals } from './market-data';
import type { AnsweredFault, EmuResponse, MarketSpec } from './types';

const json = (status: number, body: unknown, headers?: Record<string, string>): EmuResponse => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});
const message = (status: number, text: string): EmuResponse => json(status, { message: text });

/** Coinbase refuses a request for more candles than this. */
export const COINBASE_MAX_CANDLES = 300;

const productId = (m: MarketSpec): string => `${m.base}-${m.quote}`;

export function createCoinbaseHandler(data: ExchangeData, now: () => number) {
  const product = (m: MarketSpec) => {
    const d = priceDecimals(m.price);
    return {
      id: productId(m),
      base_currency: m.base,
      quote_currency: m.quote,
      quote_increment: (10 ** -d).toFixed(d),
      base_increment: '0.00000001',
      display_name: `${m.base}/${m.quote}`,
      min_market_funds: '1',
      margin_enabled: false,
      post_only: false,
      limit_only: false,
      cancel_only: false,
      status: 'online',
      status_message: '',
      trading_disabled: false,
      fx_stablecoin: false,
      max_slippage_percentage: '0.02000000',
      auction_mode: false,
    };
  };

  function candles(id: string, q: URLSearchParams): EmuResponse {
    const m = data.markets.find((x) => productId(x) === id);
    if (!m) return message(404, 'NotFound');
    if (q.get('granularity') !== '86400') return message(400, 'Unsupported granularity');
    const start = q.get('start') === null ? null : Date.parse(q.get('start')!);
    const end = q.get('end') === null ? null : Date.parse(q.get('end')!);
    if ((start !== null && !Number.isFinite(start)) || (end !== null && !Number.isFinite(end))) {
      return message(400, 'Invalid start or end');
    }
    if (start !== null && end !== null && (end - start) / DAY_MS > COINBASE_MAX_CANDLES) {
      return message(
        400,
        'granularity too small for the requested time range. Count of aggregations requested exceeds 300',
      );
    }
    let rows = data.candles(m);
    if (start !== null) rows = rows.filter((c) => c.t >= start);
    if (end !== null) rows = rows.filter((c) => c.t <= end);
    const d = priceDecimals(m.price);
    const r = (x: number) => Number(x.toFixed(d));
    return json(
      200,
      rows
        .slice(-COINBASE_MAX_CANDLES)
        .reverse()
        .map((c) => [c.t / 1000, r(c.l), r(c.h), r(c.o), r(c.c), Number(c.v.toFixed(8))]),
    );
  }

  return {
    id: 'coinbaseexchange' as const,
    urls(base: string): Record<string, string> {
      return { public: `${base}/coinbaseexchange`, private: `${base}/coinbaseexchange` };
    },
    faultResponse(kind: AnsweredFault, status?: number): EmuResponse {
      if (isUnusableAnswer(kind)) return unusableAnswer(kind);
      switch (kind) {
        case 'rate-limit':
          return json(429, { message: 'Public rate limit exceeded' }, { 'Retry-After': '1' });
        case 'ip-ban':
          return json(429, { message: 'Public rate limit exceeded' }, { 'Retry-After': '120' });
        case 'clock-skew':
          return message(400, 'request timestamp expired');
        case 'server-error':
          return message(status ?? 503, 'Service Unavailable');
        case 'malformed-json':
          return { status: 200, body: '[{"id":"BTC-USD","base_curr' };
        case 'unauthorized':
          return message(401, 'Unauthorized.');
        case 'forbidden':
          return htmlPage(403, '<html><body>403 Forbidden</body></html>');
      }
    },
    handle(req: { method: string; path: string; query: URLSearchParams }) {
      if (req.method !== 'GET') return publicResult(message(404, 'NotFound'));
      if (req.path === '/products') return publicResult(json(200, data.markets.map(product)));
      if (req.path === '/currencies') {
        const codes = [...new Set(data.markets.flatMap((m) => [m.base, m.quote]))];
        return publicResult(
          json(
            200,
            codes.map((id) => ({
              id,
              name: id,
              min_size: '0.00000001',
              status: 'online',
              max_precision: '0.00000001',
              details: { type: 'crypto' },
            })),
          ),
        );
      }
      if (req.path === '/time') {
        const t = now();
        return publicResult(json(200, { iso: new Date(t).toISOString(), epoch: t / 1000 }));
      }
      const match = /^\/products\/([^/]+)\/candles$/.exec(req.path);
      if (match) return publicResult(candles(decodeURIComponent(match[1]!), req.query));
      return publicResult(message(404, 'NotFound'));
    },
  };
}
