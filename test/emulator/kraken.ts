/**
 * Kraken spot REST emulation: /0/public/* and /0/private/* (TradesHistory and Ledgers in
 * kraken-history.ts).
 * Private requests are POSTs with a form body holding a strictly increasing `nonce`;
 * API-Sign = base64(HMAC-SHA512(base64decode(secret), path + SHA256(nonce + body))).
 * Errors come back as HTTP 200 with {"error": ["EAPI:Invalid key"]} and the like.
 */
import { createHash, createHmac } from 'node:crypto';
import { krakenHistory } from './kraken-history';
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

/** Assets Kraken lists with the legacy X (crypto) / Z (fiat) prefixes. */
const LEGACY_CRYPTO: Record<string, string> = {
  BTC: 'XXBT',
  ETH: 'XETH',
  LTC: 'XLTC',
  XRP: 'XXRP',
  XLM: 'XXLM',
  DOGE: 'XXDG',
  ETC: 'XETC',
  XMR: 'XXMR',
  ZEC: 'XZEC',
  MLN: 'XMLN',
  REP: 'XREP',
};
const LEGACY_FIAT = new Set(['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD']);
const ALTNAMES: Record<string, string> = { BTC: 'XBT', DOGE: 'XDG' };

export function krakenAssetId(code: string): string {
  if (LEGACY_CRYPTO[code]) return LEGACY_CRYPTO[code];
  if (LEGACY_FIAT.has(code)) return `Z${code}`;
  return code;
}
const altname = (code: string): string => ALTNAMES[code] ?? code;
const isLegacy = (code: string): boolean => code in LEGACY_CRYPTO || LEGACY_FIAT.has(code);

export function krakenPairId(m: MarketSpec): string {
  return isLegacy(m.base) && isLegacy(m.quote)
    ? krakenAssetId(m.base) + krakenAssetId(m.quote)
    : altname(m.base) + altname(m.quote);
}
const pairAltname = (m: MarketSpec): string => altname(m.base) + altname(m.quote);

/** Kraken serves at most this many OHLC entries: the most recent ones. */
export const KRAKEN_OHLC_MAX = 720;

const ok = (result: unknown): EmuResponse => ({ status: 200, body: { error: [], result } });
const fail = (...errors: string[]): EmuResponse => ({ status: 200, body: { error: errors } });

export function createKrakenHandler(
  data: ExchangeData,
  now: () => number,
  opts: { apiKeyInfo: boolean },
): ExchangeHandler {
  const lastNonce = new Map<string, bigint>();
  const byPair = new Map<string, MarketSpec>();
  for (const m of data.markets) {
    byPair.set(krakenPairId(m), m);
    byPair.set(pairAltname(m), m);
  }
  const assetCodes = [...new Set(data.markets.flatMap((m) => [m.base, m.quote]))];

  function selectPairs(q: URLSearchParams): MarketSpec[] | null {
    const raw = q.get('pair');
    if (raw === null || raw === '') return data.markets;
    const out: MarketSpec[] = [];
    for (const id of raw.split(',')) {
      const m = byPair.get(id);
      if (!m) return null;
      out.push(m);
    }
    return out;
  }

  function assetPairs(): unknown {
    const result: Record<string, unknown> = {};
    for (const m of data.markets) {
      result[krakenPairId(m)] = {
        altname: pairAltname(m),
        wsname: `${altname(m.base)}/${altname(m.quote)}`,
        aclass_base: 'currency',
        base: krakenAssetId(m.base),
        aclass_quote: 'currency',
        quote: krakenAssetId(m.quote),
        lot: 'unit',
        cost_decimals: 5,
        pair_decimals: priceDecimals(m.price),
        lot_decimals: 8,
        lot_multiplier: 1,
        leverage_buy: [],
        leverage_sell: [],
        fees: [
          [0, 0.4],
          [10000, 0.35],
        ],
        fees_maker: [
          [0, 0.25],
          [10000, 0.2],
        ],
        fee_volume_currency: 'ZUSD',
        margin_call: 80,
        margin_stop: 40,
        ordermin: '0.0001',
        costmin: '0.5',
        tick_size: fmt(10 ** -priceDecimals(m.price)),
        status: 'online',
      };
    }
    return result;
  }

  function assets(): unknown {
    const result: Record<string, unknown> = {};
    for (const code of assetCodes) {
      const fiat = LEGACY_FIAT.has(code);
      result[krakenAssetId(code)] = {
        aclass: 'currency',
        altname: altname(code),
        decimals: fiat ? 4 : 10,
        display_decimals: fiat ? 2 : 5,
        collateral_value: 1,
        status: 'enabled',
      };
    }
    return result;
  }

  function ticker(m: MarketSpec): unknown {
    const s = data.stats(m);
    const d = priceDecimals(m.price);
    const p = (x: number): string => x.toFixed(d);
    return {
      a: [p(s.ask), '1', '1.000'],
      b: [p(s.bid), '1', '1.000'],
      c: [p(s.last), '0.01000000'],
      v: [fmt(s.volume / 2), fmt(s.volume)],
      p: [p((s.high + s.low) / 2), p((s.high + s.low + s.last) / 3)],
      t: [500, 1000],
      l: [p(s.low), p(s.low)],
      h: [p(s.high), p(s.high)],
      o: p(s.open),
    };
  }

  function ohlc(q: URLSearchParams): EmuResponse {
    const ms = selectPairs(q);
    if (ms === null || ms.length !== 1) return fail('EQuery:Unknown asset pair');
    const m = ms[0]!;
    if ((q.get('interval') ?? '1') !== '1440') return fail('EGeneral:Invalid arguments');
    const all = data.candles(m).slice(-KRAKEN_OHLC_MAX);
    const sinceRaw = q.get('since');
    const since = sinceRaw === null ? null : Number(sinceRaw);
    const rows = since === null ? all : all.filter((c) => c.t / 1000 > since);
    const d = priceDecimals(m.price);
    const last = all.length > 1 ? all[all.length - 2]!.t / 1000 : 0;
    return ok({
      [krakenPairId(m)]: rows.map((c) => [
        c.t / 1000,
        c.o.toFixed(d),
        c.h.toFixed(d),
        c.l.toFixed(d),
        c.c.toFixed(d),
        ((c.o + c.h + c.l + c.c) / 4).toFixed(d),
        fmt(c.v),
        500,
      ]),
      last,
    });
  }

  function authenticate(req: EmuRequest): AccountSpec | EmuResponse {
    const apiKey = header(req, 'api-key');
    const sign = header(req, 'api-sign');
    if (!apiKey) return fail('EAPI:Invalid key');
    const account = data.accountsByKey.get(apiKey);
    if (!account) return fail('EAPI:Invalid key');
    const form = new URLSearchParams(req.body);
    const nonce = form.get('nonce');
    if (!sign || !nonce || !/^\d+$/.test(nonce)) return fail('EAPI:Invalid signature');
    const hash = createHash('sha256')
      .update(nonce + req.body)
      .digest();
    const expected = createHmac('sha512', Buffer.from(account.secret, 'base64'))
      .update(Buffer.concat([Buffer.from(req.path), hash]))
      .digest('base64');
    if (!safeEqual(sign, expected)) return fail('EAPI:Invalid signature');
    const n = BigInt(nonce);
    const prev = lastNonce.get(apiKey);
    if (prev !== undefined && n <= prev) return fail('EAPI:Invalid nonce');
    lastNonce.set(apiKey, n);
    return account;
  }

  function balanceEx(a: AccountSpec, zero: boolean): unknown {
    const result: Record<string, unknown> = {};
    for (const [code, amount] of Object.entries(a.balances ?? {})) {
      const value = zero ? 0 : amount;
      result[krakenAssetId(code)] = { balance: value.toFixed(LEGACY_FIAT.has(code) ? 4 : 10), hold_trade: '0.0000' };
    }
    return result;
  }

  function apiKeyInfo(a: AccountSpec): unknown {
    const permissions = ['query-funds', 'query-open-trades', 'query-closed-trades', 'query-ledger'];
    if (a.permission !== 'read') permissions.push('modify-trades', 'cancel-trades');
    if (a.permission === 'withdraw') permissions.push('deposit-funds', 'withdraw-funds');
    return {
      apiKeyName: 'emulated-key',
      apiKey: a.apiKey,
      nonce: String(lastNonce.get(a.apiKey) ?? 0),
      nonceWindow: 0,
      permissions,
      iban: 'AA00 EMUL ATED 0000',
      validUntil: '0',
      queryFrom: '0',
      queryTo: '0',
      createdTime: String(Math.floor(now() / 1000) - 86_400 * 30),
      modifiedTime: String(Math.floor(now() / 1000) - 86_400 * 30),
      ipAllowlist: a.ipRestricted ? ['203.0.113.7'] : [],
      lastUsed: String(Math.floor(now() / 1000)),
    };
  }

  return {
    id: 'kraken',
    urls(base) {
      return {
        public: `${base}/kraken`,
        private: `${base}/kraken`,
        zendesk: `${base}/kraken/zendesk`,
      };
    },
    faultResponse(kind, status, retryAfter) {
      if (isUnusableAnswer(kind)) return unusableAnswer(kind);
      switch (kind) {
        case 'unauthorized':
          return { status: 401, body: { error: ['EAPI:Invalid key'] } };
        case 'ip-ban': {
          const headers = retryAfterHeader(retryAfter);
          return { status: 200, body: { error: ['EGeneral:Temporary lockout'] }, ...(headers ? { headers } : {}) };
        }
        case 'clock-skew':
          return fail('EAPI:Invalid nonce');
        case 'forbidden':
          return htmlPage(
            403,
            '<!DOCTYPE html><html><head><title>Attention Required!</title></head><body>Access denied</body></html>',
          );
        case 'rate-limit': {
          const headers = retryAfterHeader(retryAfter);
          return { status: 429, body: { error: ['EAPI:Rate limit exceeded'] }, ...(headers ? { headers } : {}) };
        }
        case 'server-error':
          return { status: status ?? 503, body: { error: ['EService:Unavailable'] } };
        case 'malformed-json':
          return { status: 200, body: '{"error":[],"result":{"XXBTZUSD":{"altname":"XBT' };
      }
    },
    handle(req, handleOpts) {
      const zero = handleOpts?.zeroBalances === true;
      if (req.path.startsWith('/0/private/')) {
        if (req.method !== 'POST') return publicResult(fail('EGeneral:Invalid arguments'));
        return signedResult(authenticate(req), (auth) => {
          const method = req.path.slice('/0/private/'.length);
          if (method === 'TradesHistory' || method === 'Ledgers') {
            return krakenHistory(method, new URLSearchParams(req.body), auth, {
              empty: handleOpts?.empty === true,
              assetId: krakenAssetId,
              pairId: krakenPairId,
            });
          }
          switch (method) {
            case 'Balance':
              return ok(
                Object.fromEntries(
                  Object.entries(auth.balances ?? {}).map(([c, v]) => [
                    krakenAssetId(c),
                    (zero ? 0 : v).toFixed(LEGACY_FIAT.has(c) ? 4 : 10),
                  ]),
                ),
              );
            case 'BalanceEx':
              return ok(balanceEx(auth, zero));
            case 'GetApiKeyInfo':
              return opts.apiKeyInfo ? ok(apiKeyInfo(auth)) : fail('EGeneral:Unknown method');
            default:
              return fail('EGeneral:Unknown method');
          }
        });
      }
      if (req.method !== 'GET' && req.method !== 'POST') return publicResult(fail('EGeneral:Invalid arguments'));
      const q = req.method === 'POST' ? new URLSearchParams(req.body) : req.query;
      switch (req.path) {
        case '/0/public/Time': {
          const t = now();
          return publicResult(ok({ unixtime: Math.floor(t / 1000), rfc1123: new Date(t).toUTCString() }));
        }
        case '/0/public/SystemStatus':
          return publicResult(ok({ status: 'online', timestamp: new Date(now()).toISOString() }));
        case '/0/public/Assets':
          return publicResult(ok(assets()));
        case '/0/public/AssetPairs':
          return publicResult(ok(assetPairs()));
        case '/0/public/Ticker': {
          const ms = selectPairs(q);
          if (ms === null) return publicResult(fail('EQuery:Unknown asset pair'));
          return publicResult(ok(Object.fromEntries(ms.map((m) => [krakenPairId(m), ticker(m)]))));
        }
        case '/0/public/OHLC':
          return publicResult(ohlc(q));
        default:
          return publicResult(htmlPage(404, '<html><body>404 Not Found</body></html>'));
      }
    },
  };
}
