/**
 * The ccxt client layer against the local exchange emulator, with the real ccxt library:
 * markets, balances, tickers, paginated daily candles, call recording and secret hygiene.
 */
import { describe, expect, it } from 'vitest';
import type { ApiCallRecord } from '../../shared/domain/activity';
import { createExchangeClient, type ExchangeClientOptions } from '../../electron/services/exchange/client';
import { DAY_MS, DEFAULT_MARKETS, KRAKEN_OHLC_MAX, type EmulatedExchangeId } from '../emulator/index';
import { allSecretValues, credsOf, TEST_ACCOUNTS, TEST_BALANCES, testConfig } from '../emulator/fixtures';
import { useEmulator } from './support/emulator';

const EXCHANGES: EmulatedExchangeId[] = ['binance', 'kraken', 'okx'];
const CANDLE_DAYS = 1600;

const emu = useEmulator(() => testConfig({ candleDays: CANDLE_DAYS }));

function client(id: EmulatedExchangeId, records?: ApiCallRecord[], opts: ExchangeClientOptions = {}) {
  return createExchangeClient(id, credsOf(TEST_ACCOUNTS[id].read), {
    apiUrls: emu.urlsFor(id),
    rateLimitMs: 5,
    onCall: records ? (r) => records.push(r) : undefined,
    ...opts,
  });
}

/** Fetch daily candles from `since` to now the way a sync would: page after page. */
async function paginate(
  ex: Awaited<ReturnType<typeof client>>,
  symbol: string,
  since: number,
  pageSize: number,
): Promise<{ candles: number[][]; pages: number }> {
  const out: number[][] = [];
  let cursor = since;
  let pages = 0;
  for (;;) {
    const page = (await ex.fetchOHLCV(symbol, '1d', cursor, pageSize)) as number[][];
    pages += 1;
    const fresh = page.filter((c) => c[0]! >= cursor);
    if (fresh.length === 0) break;
    out.push(...fresh);
    cursor = fresh[fresh.length - 1]![0]! + DAY_MS;
    if (pages > 100) throw new Error('pagination does not end');
  }
  return { candles: out, pages };
}

describe.each(EXCHANGES)('%s through the real ccxt client', (id) => {
  it('loads the spot markets the exchange lists', async () => {
    const ex = await client(id);
    const markets = await ex.loadMarkets();
    const expected = DEFAULT_MARKETS[id].map((m) => `${m.base}/${m.quote}`).sort();
    expect(Object.keys(markets).sort()).toEqual(expected);
    for (const m of Object.values(markets)) expect(m?.spot).toBe(true);
  });

  it('fetches the account balances', async () => {
    const ex = await client(id);
    const balance = await ex.fetchBalance();
    const total = balance.total as unknown as Record<string, number>;
    for (const [code, amount] of Object.entries(TEST_BALANCES[id])) {
      expect(total[code]).toBeCloseTo(amount, 8);
    }
    expect(Object.keys(total).sort()).toEqual(Object.keys(TEST_BALANCES[id]).sort());
  });

  it('fetches tickers with the configured last prices', async () => {
    const ex = await client(id);
    const tickers = await ex.fetchTickers();
    for (const m of DEFAULT_MARKETS[id]) {
      const t = tickers[`${m.base}/${m.quote}`];
      expect(t, `${m.base}/${m.quote}`).toBeDefined();
      expect(t!.last).toBeCloseTo(m.price, 8);
      expect(t!.bid!).toBeLessThan(t!.ask!);
    }
  });

  it('pages through daily candles from a start date to today', async () => {
    const ex = await client(id);
    const m = DEFAULT_MARKETS[id][0]!;
    const served = emu.candles(id, m.base, m.quote);
    const since = served[served.length - 500]!.t;
    const { candles, pages } = await paginate(ex, `${m.base}/${m.quote}`, since, 120);
    // Kraken ignores the page size and answers with everything after `since` it still has
    if (id !== 'kraken') expect(pages).toBeGreaterThanOrEqual(5);
    const expected = served.filter((c) => c.t >= since);
    expect(candles.map((c) => c[0])).toEqual(expected.map((c) => c.t));
    expect(candles.map((c) => c[4])).toEqual(expected.map((c) => c.c));
    expect(candles[candles.length - 1]![4]).toBeCloseTo(m.price, 8);
  });
});

describe('candle history limits', () => {
  it('binance: ccxt pagination mode collects contiguous candles across pages', async () => {
    const ex = await client('binance');
    const served = emu.candles('binance', 'ETH', 'USDT');
    const since = served[served.length - 300]!.t;
    const before = emu.requests.length;
    const candles = (await ex.fetchOHLCV('ETH/USDT', '1d', since, undefined, {
      paginate: true,
      maxEntriesPerRequest: 100,
    })) as number[][];
    const klineCalls = emu.requests.slice(before).filter((r) => r.path === '/api/v3/klines');
    expect(klineCalls.length).toBeGreaterThanOrEqual(3);
    expect(candles.map((c) => c[0])).toEqual(served.slice(-300).map((c) => c.t));
  });

  it('okx: old candles come from history-candles, recent ones from candles', async () => {
    const ex = await client('okx');
    const served = emu.candles('okx', 'BTC', 'USDT');
    const since = served[0]!.t; // older than the 1440 bars /market/candles keeps
    const before = emu.requests.length;
    const { candles } = await paginate(ex, 'BTC/USDT', since, 300);
    const paths = new Set(emu.requests.slice(before).map((r) => r.path));
    expect(paths.has('/api/v5/market/history-candles')).toBe(true);
    expect(paths.has('/api/v5/market/candles')).toBe(true);
    expect(candles.map((c) => c[0])).toEqual(served.map((c) => c.t));
  });

  it('kraken: only the most recent 720 daily candles are available', async () => {
    const ex = await client('kraken');
    const served = emu.candles('kraken', 'BTC', 'USD');
    const { candles } = await paginate(ex, 'BTC/USD', served[0]!.t, 720);
    expect(candles).toHaveLength(KRAKEN_OHLC_MAX);
    expect(candles[0]![0]).toBe(served[served.length - KRAKEN_OHLC_MAX]!.t);
  });
});

describe('call recording', () => {
  it('records every HTTP call with its path, and no credential, signature or query string', async () => {
    const records: ApiCallRecord[] = [];
    const seen: Record<string, number> = {};
    for (const id of EXCHANGES) {
      const before = emu.requests.length;
      const ex = await client(id, records);
      const markets = await ex.loadMarkets();
      await ex.fetchBalance();
      await ex.fetchTickers();
      await ex.fetchOHLCV(Object.keys(markets)[0]!, '1d', undefined, 10);
      seen[id] = emu.requests.length - before;
    }
    for (const id of EXCHANGES) {
      const mine = records.filter((r) => r.exchange === id);
      expect(mine).toHaveLength(seen[id]!);
      expect(mine.every((r) => r.ok && r.status === 200 && r.errorClass === null)).toBe(true);
    }
    const endpoints = new Set(records.map((r) => r.endpoint));
    expect(endpoints).toContain('/binance/api/v3/account');
    expect(endpoints).toContain('/kraken/0/private/BalanceEx');
    expect(endpoints).toContain('/okx/api/v5/account/balance');
    expect(endpoints).toContain('/binance/api/v3/klines');
    const dump = JSON.stringify(records);
    expect(dump).not.toMatch(/[?&=]/);
    expect(dump.toLowerCase()).not.toContain('signature');
    for (const s of allSecretValues()) expect(dump).not.toContain(s);
    for (const r of records) {
      expect(r.method).toMatch(/^(GET|POST)$/);
      expect(r.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('records where each call went, why, and the bytes sent and received', async () => {
    const records: ApiCallRecord[] = [];
    const ex = await client('binance', records, { purpose: 'sync' });
    await ex.loadMarkets();
    await ex.fetchBalance();
    expect(records.length).toBeGreaterThanOrEqual(2);
    for (const r of records) {
      expect(r.host).toBe('127.0.0.1');
      expect(r.purpose).toBe('sync');
      expect(r.bytesOut).toBeGreaterThan(`http://127.0.0.1:${emu.port}/binance`.length);
      expect(r.bytesIn).toBeGreaterThan(0);
    }
    const account = records.find((r) => r.endpoint === '/binance/api/v3/account')!;
    // the signed query string counts as sent, though it is never recorded
    expect(account.bytesOut).toBeGreaterThan(`http://127.0.0.1:${emu.port}/binance/api/v3/account?timestamp=`.length);
    const balances = JSON.stringify({ balances: [] }).length;
    expect(account.bytesIn).toBeGreaterThan(balances);
    const publicOnly: ApiCallRecord[] = [];
    const keyless = await createExchangeClient('okx', null, {
      apiUrls: emu.urlsFor('okx'),
      rateLimitMs: 5,
      purpose: 'market-history',
      onCall: (r) => publicOnly.push(r),
    });
    await keyless.fetchTicker('BTC/USDT');
    expect(publicOnly.every((r) => r.purpose === 'market-history' && r.host === '127.0.0.1')).toBe(true);
  });

  it('records failed calls with status and ccxt error class', async () => {
    const records: ApiCallRecord[] = [];
    const bad = { ...credsOf(TEST_ACCOUNTS.binance.read), secret: 'not-the-secret-XyZ12' };
    const ex = await createExchangeClient('binance', bad, {
      apiUrls: emu.urlsFor('binance'),
      rateLimitMs: 5,
      onCall: (r) => records.push(r),
    });
    await ex.loadMarkets();
    await expect(ex.fetchBalance()).rejects.toThrow();
    const last = records[records.length - 1]!;
    expect(last).toMatchObject({
      exchange: 'binance',
      method: 'GET',
      endpoint: '/binance/api/v3/account',
      status: 400,
      errorClass: 'AuthenticationError',
      ok: false,
    });
  });

  it('keeps the query string, signature and secrets out of thrown error messages', async () => {
    for (const id of EXCHANGES) {
      const good = credsOf(TEST_ACCOUNTS[id].read);
      const bad = {
        ...good,
        secret: id === 'kraken' ? Buffer.from('wrong secret value').toString('base64') : 'wrong-secret-value-1',
      };
      const ex = await createExchangeClient(id, bad, { apiUrls: emu.urlsFor(id), rateLimitMs: 5 });
      const err = (await ex.fetchBalance().catch((e: unknown) => e)) as Error;
      expect(err).toBeInstanceOf(Error);
      const text = `${err.message}\n${err.stack ?? ''}`;
      expect(text).not.toMatch(/signature=[0-9a-f]/i);
      expect(text).not.toMatch(/timestamp=\d/);
      expect(text).not.toContain(good.apiKey);
      expect(text).not.toContain(bad.secret);
    }
  });

  it('a listener that throws does not break the call', async () => {
    const ex = await client('okx', undefined, {
      onCall: () => {
        throw new Error('listener failure');
      },
    });
    await expect(ex.fetchTicker('BTC/USDT')).resolves.toMatchObject({ last: 65_000 });
  });
});

describe('client configuration', () => {
  it('binance touches only spot endpoints (no futures, margin or currency calls)', async () => {
    const before = emu.requests.length;
    const ex = await client('binance');
    await ex.loadMarkets();
    await ex.fetchBalance();
    const paths = emu.requests.slice(before).map((r) => r.path);
    expect(paths.sort()).toEqual(['/api/v3/account', '/api/v3/exchangeInfo']);
  });

  it('rejects an API URL override that leaves the machine', async () => {
    await expect(
      createExchangeClient('binance', null, { apiUrls: { public: 'https://example.com/api/v3' } }),
    ).rejects.toThrow(/loopback/);
  });

  it('works without credentials for public data', async () => {
    const ex = await createExchangeClient('kraken', null, { apiUrls: emu.urlsFor('kraken'), rateLimitMs: 5 });
    const t = await ex.fetchTicker('ETH/USD');
    expect(t.last).toBe(3_200);
  });

  it('refuses an exchange id that is not a ccxt exchange', async () => {
    await expect(createExchangeClient('../../etc', null)).rejects.toThrow(/Unsupported exchange/);
    await expect(createExchangeClient('notanexchange', null)).rejects.toThrow(/Unsupported exchange/);
  });
});
