/**
 * Bybit v5 public REST emulation: GET /v5/market/instruments-info?category=spot (linear, inverse and
 * option answer empty lists), /v5/market/time and /v5/market/kline?category=spot&interval=D (start/end
 * in ms, at most 1000 candles, the newest ones of the range first, each
 * `[start (ms), open, high, low, close, volume, turnover]` as strings). Public only.
 */
import { htmlPage, publicResult, isUnusableAnswer, unusableAnswer } from './http';
import { type ExchangeData, fmt, priceDecimals } from './market-data';
import type { AnsweredFault, EmuResponse, MarketSpec } from './types';

const ok = (result: unknown, t: number): EmuResponse => ({
  status: 200,
  body: { retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: t },
});
const fail = (retCode: number, retMsg: string, t: number): EmuResponse => ({
  status: 200,
  body: { retCode, retMsg, result: {}, retExtInfo: {}, time: t },
});

export const BYBIT_MAX_KLINES = 1000;

const symbolId = (m: MarketSpec): string => `${m.base}${m.quote}`;

export function createBybitHandler(data: ExchangeData, now: () => number) {
  const instrument = (m: MarketSpec) => {
    const d = priceDecimals(m.price);
    return {
      symbol: symbolId(m),
      baseCoin: m.base,
      quoteCoin: m.quote,
      innovation: '0',
      status: 'Trading',
      marginTrading: 'none',
      lotSizeFilter: {
        basePrecision: '0.000001',
        quotePrecision: '0.00000001',
        minOrderQty: '0.000048',
        maxOrderQty: '71.73956243',
        minOrderAmt: '1',
        maxOrderAmt: '2000000',
      },
      priceFilter: { tickSize: (10 ** -d).toFixed(d) },
    };
  };

  function kline(q: URLSearchParams): EmuResponse {
    const t = now();
    if (q.get('category') !== 'spot') return fail(10001, 'params error: category', t);
    const m = data.markets.find((x) => symbolId(x) === q.get('symbol'));
    if (!m) return fail(10001, 'Not supported symbols', t);
    if (q.get('interval') !== 'D') return fail(10001, 'params error: interval', t);
    const limit = q.get('limit') === null ? 200 : Number(q.get('limit'));
    if (!Number.isInteger(limit) || limit < 1 || limit > BYBIT_MAX_KLINES) return fail(10001, 'params error: limit', t);
    const start = q.get('start') === null ? null : Number(q.get('start'));
    const end = q.get('end') === null ? null : Number(q.get('end'));
    let rows = data.candles(m);
    if (start !== null) rows = rows.filter((c) => c.t >= start);
    if (end !== null) rows = rows.filter((c) => c.t <= end);
    const d = priceDecimals(m.price);
    const list = rows
      .slice(-limit)
      .reverse()
      .map((c) => [
        String(c.t),
        c.o.toFixed(d),
        c.h.toFixed(d),
        c.l.toFixed(d),
        c.c.toFixed(d),
        fmt(c.v),
        fmt(c.v * c.c),
      ]);
    return ok({ symbol: symbolId(m), category: 'spot', list }, t);
  }

  return {
    id: 'bybit' as const,
    urls(base: string): Record<string, string> {
      const b = `${base}/bybit`;
      return { spot: b, futures: b, v2: b, public: b, private: b };
    },
    faultResponse(kind: AnsweredFault, status?: number): EmuResponse {
      const t = now();
      if (isUnusableAnswer(kind)) return unusableAnswer(kind);
      switch (kind) {
        case 'rate-limit':
          return { status: 429, body: { retCode: 10006, retMsg: 'Too many visits!' }, headers: { 'Retry-After': '1' } };
        case 'ip-ban':
          return {
            status: 403,
            body: { retCode: 10009, retMsg: 'IP has been banned.' },
            headers: { 'Retry-After': '120' },
          };
        case 'clock-skew':
          return fail(10002, 'invalid request, please check your server timestamp or recv_window param', t);
        case 'server-error':
          return { status: status ?? 503, body: { retCode: 10016, retMsg: 'Server error.' } };
        case 'malformed-json':
          return { status: 200, body: '{"retCode":0,"retMsg":"OK","result":{"list":[["1' };
        case 'unauthorized':
          return fail(10003, 'API key is invalid.', t);
        case 'forbidden':
          return htmlPage(403, '<html><body>403 Forbidden</body></html>');
      }
    },
    handle(req: { method: string; path: string; query: URLSearchParams }) {
      const t = now();
      if (req.method !== 'GET') return publicResult(htmlPage(404, '<html><body>404</body></html>'));
      switch (req.path) {
        case '/v5/market/time':
          return publicResult(ok({ timeSecond: String(Math.floor(t / 1000)), timeNano: `${t}000000` }, t));
        case '/v5/market/instruments-info': {
          const category = req.query.get('category');
          const list = category === 'spot' ? data.markets.map(instrument) : [];
          return publicResult(ok({ category, list, nextPageCursor: '' }, t));
        }
        case '/v5/market/kline':
          return publicResult(kline(req.query));
        default:
          return publicResult(htmlPage(404, '<html><body>404</body></html>'));
      }
    },
  };
}
