/**
 * OKX v5 REST emulation (spot): public instruments, tickers, candles and the private
 * account balance / config endpoints and the funding account balance (/api/v5/asset/balances); the
 * account-history and earn endpoints are in okx-history.ts.
 * Private requests: OK-ACCESS-KEY, OK-ACCESS-PASSPHRASE, OK-ACCESS-TIMESTAMP (ISO 8601) and
 * OK-ACCESS-SIGN = base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath[?query] + body)).
 */
import { createHmac } from 'node:crypto';
import { okxHistory } from './okx-history';
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
import { type ExchangeData, fmt, priceDecimals } from './market-data';
import type { AccountSpec, EmuRequest, EmuResponse, ExchangeHandler, MarketSpec } from './types';

const ok = (data: unknown[]): EmuResponse => ({ status: 200, body: { code: '0', msg: '', data } });
const fail = (status: number, code: string, msg: string): EmuResponse => ({
  status,
  body: { code, msg, data: [] },
});

/** OKX serves this many recent bars on /market/candles; older ones only on history-candles. */
export const OKX_RECENT_CANDLES = 1440;
const MAX_CANDLE_LIMIT = 300;

const NOT_FOUND = '<html><body>404 Not Found</body></html>';

const instId = (m: MarketSpec): string => `${m.base}-${m.quote}`;

export function createOkxHandler(data: ExchangeData, now: () => number): ExchangeHandler {
  const byInst = new Map(data.markets.map((m) => [instId(m), m]));

  function instrument(m: MarketSpec): unknown {
    const d = priceDecimals(m.price);
    return {
      alias: '',
      auctionEndTime: '',
      baseCcy: m.base,
      category: '1',
      ctMult: '',
      ctType: '',
      ctVal: '',
      ctValCcy: '',
      expTime: '',
      instFamily: '',
      instId: instId(m),
      instType: 'SPOT',
      lever: '10',
      listTime: '1606468572000',
      lotSz: '0.00000001',
      maxIcebergSz: '9999999999.0000000000000000',
      maxLmtAmt: '20000000',
      maxLmtSz: '9999999999',
      maxMktAmt: '1000000',
      maxMktSz: '1000000',
      maxStopSz: '1000000',
      maxTriggerSz: '9999999999.0000000000000000',
      maxTwapSz: '9999999999.0000000000000000',
      minSz: '0.00001',
      optType: '',
      quoteCcy: m.quote,
      ruleType: 'normal',
      settleCcy: '',
      state: 'live',
      stk: '',
      tickSz: fmt(10 ** -d),
      uly: '',
    };
  }

  function ticker(m: MarketSpec): unknown {
    const s = data.stats(m);
    const d = priceDecimals(m.price);
    const p = (x: number): string => x.toFixed(d);
    return {
      instType: 'SPOT',
      instId: instId(m),
      last: p(s.last),
      lastSz: '0.01',
      askPx: p(s.ask),
      askSz: '1',
      bidPx: p(s.bid),
      bidSz: '1',
      open24h: p(s.open),
      high24h: p(s.high),
      low24h: p(s.low),
      volCcy24h: fmt(s.volume * s.last),
      vol24h: fmt(s.volume),
      ts: String(now()),
      sodUtc0: p(s.open),
      sodUtc8: p(s.open),
    };
  }

  function candles(q: URLSearchParams, history: boolean): EmuResponse {
    const m = byInst.get(q.get('instId') ?? '');
    if (!m) return fail(400, '51001', "Instrument ID doesn't exist");
    const bar = q.get('bar') ?? '1m';
    if (bar !== '1Dutc' && bar !== '1D') return fail(400, '51000', 'Parameter bar error');
    const limitRaw = q.get('limit');
    const limit = Math.min(limitRaw === null ? 100 : Number(limitRaw), MAX_CANDLE_LIMIT);
    if (!Number.isInteger(limit) || limit < 1) return fail(400, '51000', 'Parameter limit error');
    let rows = data.candles(m);
    if (!history) rows = rows.slice(-OKX_RECENT_CANDLES);
    const after = q.get('after');
    const before = q.get('before');
    if (after !== null) rows = rows.filter((c) => c.t < Number(after));
    if (before !== null) rows = rows.filter((c) => c.t > Number(before));
    // newest first, at most `limit` of the newest remaining rows
    const lastDay = data.lastDay;
    const d = priceDecimals(m.price);
    const page = rows.slice(-limit).reverse();
    return ok(
      page.map((c) => [
        String(c.t),
        c.o.toFixed(d),
        c.h.toFixed(d),
        c.l.toFixed(d),
        c.c.toFixed(d),
        fmt(c.v),
        fmt(c.v * c.c),
        fmt(c.v * c.c),
        c.t === lastDay ? '0' : '1',
      ]),
    );
  }

  function authenticate(req: EmuRequest): AccountSpec | EmuResponse {
    const apiKey = header(req, 'ok-access-key');
    const sign = header(req, 'ok-access-sign');
    const ts = header(req, 'ok-access-timestamp');
    const passphrase = header(req, 'ok-access-passphrase');
    if (!apiKey) return fail(401, '50103', 'Request header OK-ACCESS-KEY cannot be empty.');
    if (!sign) return fail(401, '50106', 'Request header OK-ACCESS-SIGN cannot be empty.');
    if (!ts) return fail(401, '50107', 'Request header OK-ACCESS-TIMESTAMP cannot be empty.');
    if (!passphrase) return fail(401, '50104', 'Request header OK-ACCESS-PASSPHRASE cannot be empty.');
    const account = data.accountsByKey.get(apiKey);
    if (!account) return fail(401, '50111', 'Invalid OK-ACCESS-KEY.');
    const t = Date.parse(ts);
    if (!Number.isFinite(t)) return fail(401, '50112', 'Invalid OK-ACCESS-TIMESTAMP.');
    if (Math.abs(now() - t) > 30_000) return fail(401, '50102', 'Timestamp request expired.');
    if (passphrase !== (account.passphrase ?? ''))
      return fail(401, '50105', 'Request header OK-ACCESS-PASSPHRASE incorrect.');
    const requestPath = req.path + (req.rawQuery ? `?${req.rawQuery}` : '');
    const expected = createHmac('sha256', account.secret)
      .update(ts + req.method + requestPath + req.body)
      .digest('base64');
    if (!safeEqual(sign, expected)) return fail(401, '50113', 'Invalid Sign.');
    return account;
  }

  function balance(a: AccountSpec, zero: boolean): unknown {
    const t = String(now());
    return {
      adjEq: '',
      borrowFroz: '',
      details: Object.entries(a.balances ?? {}).map(([ccy, held]) => {
        const amount = zero ? 0 : held;
        const m = data.markets.find((x) => x.base === ccy);
        const usd = ccy === 'USDT' || ccy === 'USDC' ? amount : m ? amount * m.price : 0;
        return {
          availBal: fmt(amount),
          cashBal: fmt(amount),
          ccy,
          disEq: fmt(usd),
          eq: fmt(amount),
          eqUsd: fmt(usd),
          fixedBal: '0',
          frozenBal: '0',
          ordFrozen: '0',
          uTime: t,
        };
      }),
      imr: '',
      isoEq: '0',
      mgnRatio: '',
      mmr: '',
      notionalUsd: '',
      ordFroz: '',
      totalEq: '0',
      uTime: t,
    };
  }

  /**
   * Funding account: one entry per currency held, with the fields ccxt reads (bal, availBal,
   * frozenBal). `ccy` filters to a comma-separated list of currencies.
   */
  function fundingBalances(a: AccountSpec, q: URLSearchParams): unknown[] {
    const only = q.get('ccy')?.split(',') ?? null;
    return Object.entries(a.funding ?? {})
      .filter(([ccy, amount]) => amount > 0 && (only === null || only.includes(ccy)))
      .map(([ccy, amount]) => ({ availBal: fmt(amount), bal: fmt(amount), ccy, frozenBal: '0' }));
  }

  function config(a: AccountSpec): unknown {
    const perm = ['read_only'];
    if (a.permission !== 'read') perm.push('trade');
    if (a.permission === 'withdraw') perm.push('withdraw');
    return {
      acctLv: '1',
      autoLoan: false,
      ctIsoMode: 'automatic',
      greeksType: 'PA',
      ip: a.ipRestricted ? '203.0.113.7' : '',
      kycLv: '2',
      label: 'emulated-key',
      level: 'Lv1',
      levelTmp: '',
      mainUid: '44705892343619584',
      mgnIsoMode: 'automatic',
      opAuth: '0',
      perm: perm.join(','),
      posMode: 'net_mode',
      roleType: '0',
      spotOffsetType: '',
      spotRoleType: '0',
      spotTraderInsts: [],
      traderInsts: [],
      uid: '44705892343619584',
    };
  }

  return {
    id: 'okx',
    urls(base) {
      return { rest: `${base}/okx` };
    },
    faultResponse(kind, status, retryAfter) {
      if (isUnusableAnswer(kind)) return unusableAnswer(kind);
      switch (kind) {
        case 'unauthorized':
          return fail(401, '50111', 'Invalid OK-ACCESS-KEY.');
        case 'ip-ban': {
          const headers = retryAfterHeader(retryAfter, '120');
          return { ...fail(429, '50011', 'Too Many Requests'), ...(headers ? { headers } : {}) };
        }
        case 'clock-skew':
          return fail(401, '50102', 'Timestamp request expired.');
        case 'forbidden':
          return htmlPage(403, '<html><head><title>403 Forbidden</title></head><body>Access Denied</body></html>');
        case 'rate-limit': {
          const headers = retryAfterHeader(retryAfter);
          return { ...fail(429, '50011', 'Too Many Requests'), ...(headers ? { headers } : {}) };
        }
        case 'server-error':
          return fail(status ?? 503, '50001', 'Service temporarily unavailable. Please try again later.');
        case 'malformed-json':
          return { status: 200, body: '{"code":"0","msg":"","data":[{"instId":"BTC-' };
      }
    },
    handle(req, opts) {
      const q = req.query;
      const zero = opts?.zeroBalances === true;
      const privatePath = ['/api/v5/account/', '/api/v5/asset/', '/api/v5/trade/', '/api/v5/finance/'].some((p) =>
        req.path.startsWith(p),
      );
      if (privatePath) {
        return signedResult(authenticate(req), (auth) => {
          if (req.method === 'GET') {
            const history = okxHistory(req.path, q, auth, { empty: opts?.empty === true, now: now() });
            if (history) return history;
          }
          if (req.method === 'GET' && req.path === '/api/v5/account/balance') return ok([balance(auth, zero)]);
          if (req.method === 'GET' && req.path === '/api/v5/account/config') return ok([config(auth)]);
          if (req.method === 'GET' && req.path === '/api/v5/asset/balances') {
            return ok(zero ? [] : fundingBalances(auth, q));
          }
          return htmlPage(404, NOT_FOUND);
        });
      }
      if (req.method !== 'GET') return publicResult(fail(405, '50115', 'Invalid request method.'));
      switch (req.path) {
        case '/api/v5/public/time':
          return publicResult(ok([{ ts: String(now()) }]));
        case '/api/v5/public/instruments': {
          if (q.get('instType') !== 'SPOT') return publicResult(ok([]));
          return publicResult(ok(data.markets.map(instrument)));
        }
        case '/api/v5/market/tickers':
          if (q.get('instType') !== 'SPOT') return publicResult(ok([]));
          return publicResult(ok(data.markets.map(ticker)));
        case '/api/v5/market/ticker': {
          const m = byInst.get(q.get('instId') ?? '');
          return publicResult(m ? ok([ticker(m)]) : fail(400, '51001', "Instrument ID doesn't exist"));
        }
        case '/api/v5/market/candles':
          return publicResult(candles(q, false));
        case '/api/v5/market/history-candles':
          return publicResult(candles(q, true));
        default:
          return publicResult(htmlPage(404, NOT_FOUND));
      }
    },
  };
}
