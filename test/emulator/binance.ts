// Kept whole: one handler for the Binance REST surface Ballast uses (markets, signed endpoints, faults), as kraken.ts and okx.ts are.
/**
 * Binance spot REST emulation: /api/v3 (public + signed), the /sapi/v1 key-permission endpoint, the
 * funding wallet (POST /sapi/v1/asset/get-funding-asset), and the account-history and Simple Earn
 * endpoints (binance-history.ts).
 * Signed requests: HMAC-SHA256 (hex) of the query string followed by the body with the secret,
 * `signature` appended last (in the query for GET, in the form body for POST), key in the
 * X-MBX-APIKEY header.
 */
import { createHmac } from 'node:crypto';
import { BINANCE_HISTORY_PATHS, binanceHistory } from './binance-history';
import {
  header,
  htmlPage,
  publicResult,
  retryAfterHeader,
  safeEqual,
  signedResult,
  isUnusableAnswer,
  unusableAnswer,
} from './http';
import { DAY_MS, type ExchangeData, fmt, priceDecimals } from './market-data';
import type { AccountSpec, EmuRequest, EmuResponse, ExchangeHandler, MarketSpec } from './types';

const json = (status: number, body: unknown, headers?: Record<string, string>): EmuResponse => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});
const err = (status: number, code: number, msg: string): EmuResponse => json(status, { code, msg });

/** Signed endpoints and the HTTP method each accepts. */
const SIGNED_PATHS = new Map([
  ['/api/v3/account', 'GET'],
  ['/sapi/v1/account/apiRestrictions', 'GET'],
  ['/sapi/v1/asset/get-funding-asset', 'POST'],
  ...BINANCE_HISTORY_PATHS.map((p) => [p, 'GET'] as const),
]);

function symbolId(m: MarketSpec): string {
  return `${m.base}${m.quote}`;
}

export function createBinanceHandler(data: ExchangeData, now: () => number): ExchangeHandler {
  const bySymbol = new Map(data.markets.map((m) => [symbolId(m), m]));

  function exchangeInfo(): unknown {
    return {
      timezone: 'UTC',
      serverTime: now(),
      rateLimits: [
        { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
        { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
        { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
      ],
      exchangeFilters: [],
      symbols: data.markets.map((m) => {
        const d = priceDecimals(m.price);
        return {
          symbol: symbolId(m),
          status: 'TRADING',
          baseAsset: m.base,
          baseAssetPrecision: 8,
          quoteAsset: m.quote,
          quotePrecision: 8,
          quoteAssetPrecision: 8,
          baseCommissionPrecision: 8,
          quoteCommissionPrecision: 8,
          orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'],
          icebergAllowed: true,
          ocoAllowed: true,
          otoAllowed: true,
          quoteOrderQtyMarketAllowed: true,
          allowTrailingStop: true,
          cancelReplaceAllowed: true,
          isSpotTradingAllowed: true,
          isMarginTradingAllowed: false,
          filters: [
            {
              filterType: 'PRICE_FILTER',
              minPrice: fmt(10 ** -d),
              maxPrice: '1000000.00000000',
              tickSize: fmt(10 ** -d),
            },
            {
              filterType: 'LOT_SIZE',
              minQty: '0.00001000',
              maxQty: '9000.00000000',
              stepSize: '0.00001000',
            },
            { filterType: 'NOTIONAL', minNotional: '5.00000000', applyMinToMarket: true },
          ],
          permissions: [],
          permissionSets: [['SPOT']],
          defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
          allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
        };
      }),
    };
  }

  function ticker24(m: MarketSpec): Record<string, unknown> {
    const s = data.stats(m);
    const t = now();
    return {
      symbol: symbolId(m),
      priceChange: fmt(s.last - s.open),
      priceChangePercent: ((100 * (s.last - s.open)) / s.open).toFixed(3),
      weightedAvgPrice: fmt((s.high + s.low + s.last) / 3),
      prevClosePrice: fmt(s.open),
      lastPrice: fmt(s.last),
      lastQty: '0.01000000',
      bidPrice: fmt(s.bid),
      bidQty: '1.00000000',
      askPrice: fmt(s.ask),
      askQty: '1.00000000',
      openPrice: fmt(s.open),
      highPrice: fmt(s.high),
      lowPrice: fmt(s.low),
      volume: fmt(s.volume),
      quoteVolume: fmt(s.volume * s.last),
      openTime: t - DAY_MS,
      closeTime: t,
      firstId: 1,
      lastId: 1000,
      count: 1000,
    };
  }

  /** Resolve `symbol` / `symbols` parameters; undefined = all, null = invalid symbol. */
  function selectMarkets(q: URLSearchParams): MarketSpec[] | null {
    const one = q.get('symbol');
    const many = q.get('symbols');
    if (one !== null) {
      const m = bySymbol.get(one);
      return m ? [m] : null;
    }
    if (many !== null) {
      let ids: unknown;
      try {
        ids = JSON.parse(many);
      } catch {
        return null;
      }
      if (!Array.isArray(ids)) return null;
      const out: MarketSpec[] = [];
      for (const id of ids) {
        const m = bySymbol.get(String(id));
        if (!m) return null;
        out.push(m);
      }
      return out;
    }
    return data.markets;
  }

  const invalidSymbol = (): EmuResponse => err(400, -1121, 'Invalid symbol.');

  function tickerLike(q: URLSearchParams, build: (m: MarketSpec) => Record<string, unknown>): EmuResponse {
    const ms = selectMarkets(q);
    if (ms === null) return invalidSymbol();
    return json(200, q.get('symbol') !== null ? build(ms[0]!) : ms.map(build));
  }

  function klines(q: URLSearchParams): EmuResponse {
    const m = bySymbol.get(q.get('symbol') ?? '');
    if (!m) return invalidSymbol();
    if (q.get('interval') !== '1d') return err(400, -1120, 'Invalid interval.');
    const limitRaw = q.get('limit');
    const limit = limitRaw === null ? 500 : Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      return err(400, -1100, "Illegal characters found in parameter 'limit'; legal range is '1-1000'.");
    }
    const start = q.get('startTime');
    const end = q.get('endTime');
    let rows = data.candles(m);
    if (start !== null) rows = rows.filter((c) => c.t >= Number(start));
    if (end !== null) rows = rows.filter((c) => c.t <= Number(end));
    rows = start !== null ? rows.slice(0, limit) : rows.slice(-limit);
    const d = priceDecimals(m.price);
    return json(
      200,
      rows.map((c) => [
        c.t,
        c.o.toFixed(d),
        c.h.toFixed(d),
        c.l.toFixed(d),
        c.c.toFixed(d),
        fmt(c.v),
        c.t + DAY_MS - 1,
        fmt(c.v * c.c),
        500,
        fmt(c.v / 2),
        fmt((c.v * c.c) / 2),
        '0',
      ]),
    );
  }

  /** Verify a signed request; returns the account or the error response Binance would send. */
  function authenticate(req: EmuRequest): AccountSpec | EmuResponse {
    const apiKey = header(req, 'x-mbx-apikey');
    if (!apiKey) return err(401, -2014, 'API-key format invalid.');
    const account = data.accountsByKey.get(apiKey);
    if (!account) return err(401, -2015, 'Invalid API-key, IP, or permissions for action.');
    // totalParams = query string + body; the signature is the last parameter of either
    const inQuery = req.rawQuery.lastIndexOf('signature=');
    const inBody = inQuery < 0 ? req.body.lastIndexOf('signature=') : -1;
    if (inQuery < 0 && inBody < 0)
      return err(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
    const payload =
      inQuery >= 0
        ? req.rawQuery.slice(0, Math.max(0, inQuery - 1)) + req.body
        : req.rawQuery + req.body.slice(0, Math.max(0, inBody - 1));
    const given = (inQuery >= 0 ? req.rawQuery.slice(inQuery + 10) : req.body.slice(inBody + 10)).split('&')[0] ?? '';
    const expected = createHmac('sha256', account.secret).update(payload).digest('hex');
    if (!safeEqual(given.toLowerCase(), expected)) {
      return err(400, -1022, 'Signature for this request is not valid.');
    }
    const params = new URLSearchParams([req.rawQuery, req.body].filter((x) => x.length > 0).join('&'));
    const ts = Number(params.get('timestamp'));
    const recvWindow = Number(params.get('recvWindow') ?? 5000);
    const serverTime = now();
    if (!Number.isFinite(ts) || ts > serverTime + 1000 || serverTime - ts > recvWindow) {
      return err(400, -1021, 'Timestamp for this request is outside of the recvWindow.');
    }
    return account;
  }

  function account(a: AccountSpec, zero = false): unknown {
    return {
      makerCommission: 10,
      takerCommission: 10,
      buyerCommission: 0,
      sellerCommission: 0,
      commissionRates: { maker: '0.00100000', taker: '0.00100000', buyer: '0.00000000', seller: '0.00000000' },
      canTrade: a.permission !== 'read',
      canWithdraw: a.permission === 'withdraw',
      canDeposit: true,
      brokered: false,
      requireSelfTradePrevention: false,
      preventSor: false,
      updateTime: now(),
      accountType: 'SPOT',
      balances: Object.entries(a.balances ?? {}).map(([asset, free]) => ({
        asset,
        free: fmt(zero ? 0 : free),
        locked: '0.00000000',
      })),
      permissions: ['SPOT'],
      uid: 354937868,
    };
  }

  /**
   * Funding wallet: one entry per asset held (zero balances are left out, as Binance does), with
   * the fields ccxt reads (free, locked, freeze, withdrawing). `asset` filters to one asset.
   */
  function fundingAssets(a: AccountSpec, params: URLSearchParams): unknown {
    const only = params.get('asset');
    const withBtc = params.get('needBtcValuation') === 'true';
    const btc = data.markets.find((m) => m.base === 'BTC' && m.quote === 'USDT')?.price ?? 0;
    return Object.entries(a.funding ?? {})
      .filter(([asset, free]) => free > 0 && (only === null || only === asset))
      .map(([asset, free]) => {
        const usd =
          asset === 'USDT' || asset === 'USDC' ? free : (data.markets.find((m) => m.base === asset)?.price ?? 0) * free;
        return {
          asset,
          free: fmt(free),
          locked: '0',
          freeze: '0',
          withdrawing: '0',
          btcValuation: withBtc && btc > 0 ? fmt(usd / btc) : '0',
        };
      });
  }

  function apiRestrictions(a: AccountSpec): unknown {
    const trade = a.permission !== 'read';
    return {
      ipRestrict: a.ipRestricted ?? false,
      createTime: now() - 30 * DAY_MS,
      enableReading: true,
      enableWithdrawals: a.permission === 'withdraw',
      enableInternalTransfer: false,
      enableMargin: false,
      enableFutures: false,
      permitsUniversalTransfer: false,
      enableVanillaOptions: false,
      enableFixApiTrade: false,
      enableFixReadOnly: true,
      enableSpotAndMarginTrading: trade,
      enablePortfolioMarginTrading: false,
    };
  }

  return {
    id: 'binance',
    urls(base) {
      const b = `${base}/binance`;
      return {
        public: `${b}/api/v3`,
        private: `${b}/api/v3`,
        v1: `${b}/api/v1`,
        sapi: `${b}/sapi/v1`,
        sapiV2: `${b}/sapi/v2`,
        sapiV3: `${b}/sapi/v3`,
        sapiV4: `${b}/sapi/v4`,
        fapiPublic: `${b}/fapi/v1`,
        fapiPublicV2: `${b}/fapi/v2`,
        fapiPublicV3: `${b}/fapi/v3`,
        fapiPrivate: `${b}/fapi/v1`,
        fapiPrivateV2: `${b}/fapi/v2`,
        fapiPrivateV3: `${b}/fapi/v3`,
        fapiData: `${b}/futures/data`,
        dapiPublic: `${b}/dapi/v1`,
        dapiPrivate: `${b}/dapi/v1`,
        dapiPrivateV2: `${b}/dapi/v2`,
        dapiData: `${b}/futures/data`,
        eapiPublic: `${b}/eapi/v1`,
        eapiPrivate: `${b}/eapi/v1`,
        papi: `${b}/papi/v1`,
        papiV2: `${b}/papi/v2`,
      };
    },
    faultResponse(kind, status, retryAfter) {
      if (isUnusableAnswer(kind)) return unusableAnswer(kind);
      switch (kind) {
        case 'unauthorized':
          return err(401, -2015, 'Invalid API-key, IP, or permissions for action.');
        case 'ip-ban': {
          const seconds = Number(retryAfter ?? '120');
          const until = now() + (Number.isFinite(seconds) ? seconds * 1000 : 120_000);
          return json(
            418,
            {
              code: -1003,
              msg: `Way too many requests; IP(127.0.0.1) banned until ${until}. Please use the websocket for live updates to avoid bans.`,
            },
            retryAfterHeader(retryAfter, '120'),
          );
        }
        case 'clock-skew':
          return err(400, -1021, 'Timestamp for this request is outside of the recvWindow.');
        case 'forbidden':
          return htmlPage(
            403,
            '<html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1><p>Request blocked.</p></body></html>',
          );
        case 'rate-limit':
          return json(
            429,
            {
              code: -1003,
              msg: 'Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.',
            },
            retryAfterHeader(retryAfter, '30'),
          );
        case 'server-error':
          return err(
            status ?? 503,
            -1008,
            'Service Unavailable: Server is currently overloaded with other requests. Please try again in a few minutes.',
          );
        case 'malformed-json':
          return { status: 200, body: '{"timezone":"UTC","serverTime":17000000,"symbols":[{"symbol":"BTC' };
      }
    },
    handle(req, opts) {
      const q = req.query;
      const zero = opts?.zeroBalances === true;
      const signedMethod = SIGNED_PATHS.get(req.path);
      if (signedMethod !== undefined) {
        if (req.method !== signedMethod) return publicResult(err(405, -1000, 'Method not allowed.'));
        return signedResult(authenticate(req), (auth) => {
          const params = new URLSearchParams([req.rawQuery, req.body].filter((x) => x.length > 0).join('&'));
          const history = binanceHistory(req.path, params, auth, { empty: opts?.empty === true, now: now() });
          if (history) return history;
          const body =
            req.path === '/api/v3/account'
              ? account(auth, zero)
              : req.path === '/sapi/v1/asset/get-funding-asset'
                ? zero
                  ? []
                  : fundingAssets(auth, params)
                : apiRestrictions(auth);
          return json(200, body);
        });
      }
      if (req.method !== 'GET') return publicResult(err(404, -1000, 'Not found.'));
      switch (req.path) {
        case '/api/v3/ping':
          return publicResult(json(200, {}));
        case '/api/v3/time':
          return publicResult(json(200, { serverTime: now() }));
        case '/api/v3/exchangeInfo':
          return publicResult(json(200, exchangeInfo()));
        case '/api/v3/ticker/24hr':
          return publicResult(tickerLike(q, ticker24));
        case '/api/v3/ticker/bookTicker':
          return publicResult(
            tickerLike(q, (m) => {
              const s = data.stats(m);
              return {
                symbol: symbolId(m),
                bidPrice: fmt(s.bid),
                bidQty: '1.00000000',
                askPrice: fmt(s.ask),
                askQty: '1.00000000',
              };
            }),
          );
        case '/api/v3/ticker/price':
          return publicResult(tickerLike(q, (m) => ({ symbol: symbolId(m), price: fmt(m.price) })));
        case '/api/v3/klines':
          return publicResult(klines(q));
        default:
          return publicResult(htmlPage(404, '<html><body><h1>404 Not Found</h1></body></html>'));
      }
    },
  };
}
