import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MARKET_CACHE_FILE, MarketDataService } from '../../electron/services/market-data';
import { cleanUpAfterEach, tempDir } from './support/cleanup';

cleanUpAfterEach();

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

/** A 127.0.0.1 server that answers like CoinGecko's /api/v3/coins/markets. */
let server: Server;
let baseUrl: string;
let handler: Handler;
const requests: URL[] = [];

function coin(id: string, symbol: string, rank: number, cap: number, price: number) {
  return {
    id,
    symbol,
    name: id.replace(/-/g, ' '),
    image: `https://coin-images.example.invalid/${id}.png`,
    current_price: price,
    market_cap: cap,
    market_cap_rank: rank,
    fully_diluted_valuation: cap * 1.1,
    total_volume: cap / 20,
    high_24h: price * 1.02,
    low_24h: price * 0.98,
    price_change_24h: price * 0.01,
    price_change_percentage_24h: 1.0,
    circulating_supply: cap / price,
    total_supply: null,
    max_supply: null,
    ath: price * 2,
    roi: null,
    last_updated: '2026-11-20T00:00:00.000Z',
  };
}

/** Two pages of "markets": page 1 has the majors, page 2 some small caps and a ticker collision. */
const PAGE1 = [
  coin('bitcoin', 'btc', 1, 2.5e12, 125_000),
  coin('ethereum', 'eth', 2, 5e11, 4_100),
  coin('tether', 'usdt', 3, 1.8e11, 1),
  coin('pepe', 'pepe', 30, 9e9, 0.00002),
];
const PAGE2 = [
  coin('sonic-3', 's', 150, 9e8, 0.3),
  coin('s-impostor', 's', 140, 1e9, 0.01),
  coin('brand-new', 'bnew', 160, 7e8, 2),
  { id: 'broken', symbol: 'brk', name: 'Broken', market_cap: 'n/a' },
];

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

const healthy: Handler = (_req, res, url) => {
  if (url.pathname !== '/api/v3/coins/markets' || url.searchParams.get('vs_currency') !== 'usd') {
    json(res, 404, { error: 'not found' });
    return;
  }
  const perPage = Number(url.searchParams.get('per_page'));
  const page = Number(url.searchParams.get('page'));
  const all = [...PAGE1, ...PAGE2];
  json(res, 200, all.slice((page - 1) * perPage, page * perPage));
};

beforeAll(async () => {
  handler = healthy;
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    handler(req, res, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(() => {
  requests.length = 0;
  handler = healthy;
});

let clock = 1_790_000_000_000;
function service(dir = tempDir('ballast-md-'), timeoutMs = 2_000) {
  return new MarketDataService({ cacheDir: dir, baseUrl, now: () => clock, timeoutMs });
}

async function primed() {
  handler = healthy;
  const svc = service();
  const r = await svc.refresh({ pages: 2, perPage: 4 });
  expect(r.ok).toBe(true);
  return svc;
}

describe('MarketDataService', () => {
  it('starts from the bundled catalog when there is no cache', () => {
    const svc = service();
    expect(svc.load()).toBeNull();
    const cat = svc.catalog();
    expect(Object.keys(cat).length).toBeGreaterThanOrEqual(200);
    const bundledBtc = svc.bundle.assets.find((a) => a.symbol === 'BTC')!;
    expect(cat.BTC!.marketCapUsd).toBe(bundledBtc.marketCapUsd);
  });

  it('refresh fetches the pages, updates market caps and writes the cache', async () => {
    handler = healthy;
    clock += 1000;
    const dir = tempDir('ballast-md-');
    const svc = service(dir);
    const r = await svc.refresh({ pages: 2, perPage: 4 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(requests.map((u) => u.searchParams.get('page'))).toEqual(['1', '2']);
    expect(requests[0]!.searchParams.get('order')).toBe('market_cap_desc');
    expect(requests[0]!.searchParams.get('per_page')).toBe('4');
    expect(r.count).toBe(6);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0]!.id).toBe('broken');
    // The catalog's id wins the "S" collision even though the impostor ranks higher.
    expect(r.cache.entries.S!.coingeckoId).toBe('sonic-3');
    expect(r.collisions).toEqual([{ symbol: 'S', kept: 'sonic-3', dropped: ['s-impostor'] }]);
    expect(r.cache.fetchedAt).toBe(clock);

    const cat = svc.catalog();
    expect(cat.BTC!.marketCapUsd).toBe(2.5e12);
    expect(cat.PEPE!.marketCapUsd).toBe(9e9);
    expect(cat.S!.marketCapUsd).toBe(9e8);
    expect(cat.BNEW).toMatchObject({ sectors: ['other'], marketCapUsd: 7e8 });

    // Atomic write left exactly the cache file, and a new instance reads it back.
    expect(readdirSync(dir)).toEqual([MARKET_CACHE_FILE]);
    const again = service(dir);
    expect(again.load()?.entries.BTC?.priceUsd).toBe(125_000);
    expect(again.catalog().PEPE!.marketCapUsd).toBe(9e9);
  });

  it('stops paging when a page comes back short', async () => {
    handler = healthy;
    const svc = service();
    const r = await svc.refresh({ pages: 2, perPage: 250 });
    expect(r.ok).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('keeps the old cache on HTTP 429 and reports rate limiting', async () => {
    const svc = await primed();
    const before = svc.current();
    handler = (_req, res) =>
      json(res, 429, { status: { error_code: 429, error_message: 'Too many requests' } }, { 'retry-after': '60' });
    const r = await svc.refresh();
    expect(r).toMatchObject({ ok: false, code: 'rate-limited', status: 429, retryAfterSec: 60 });
    if (r.ok) return;
    expect(r.message).toMatch(/rate limit/i);
    expect(r.cache).toBe(before);
    expect(svc.catalog().BTC!.marketCapUsd).toBe(2.5e12);
  });

  it('keeps the old cache on HTTP 500', async () => {
    const svc = await primed();
    handler = (_req, res) => json(res, 500, 'Internal Server Error');
    const r = await svc.refresh();
    expect(r).toMatchObject({ ok: false, code: 'http-error', status: 500 });
    expect(svc.current()?.entries.BTC?.marketCapUsd).toBe(2.5e12);
  });

  it('keeps the old cache when a later page fails', async () => {
    const svc = await primed();
    const cachedOnDisk = readFileSync(svc.cachePath, 'utf8');
    handler = (req, res, url) =>
      url.searchParams.get('page') === '1' ? healthy(req, res, url) : json(res, 502, 'bad gateway');
    const r = await svc.refresh({ pages: 2, perPage: 4 });
    expect(r).toMatchObject({ ok: false, code: 'http-error', status: 502 });
    expect(readFileSync(svc.cachePath, 'utf8')).toBe(cachedOnDisk);
  });

  it('rejects malformed JSON and non-list bodies without touching the cache', async () => {
    const svc = await primed();
    const cachedOnDisk = readFileSync(svc.cachePath, 'utf8');
    handler = (_req, res) => json(res, 200, '[{"id": "bitcoin", "symbol": "btc"');
    const r1 = await svc.refresh();
    expect(r1).toMatchObject({ ok: false, code: 'bad-response' });
    handler = (_req, res) => json(res, 200, { error: 'coin list unavailable' });
    const r2 = await svc.refresh();
    expect(r2).toMatchObject({ ok: false, code: 'bad-response' });
    handler = (_req, res) => json(res, 200, [{ id: 'x' }, { nope: true }]);
    const r3 = await svc.refresh();
    expect(r3).toMatchObject({ ok: false, code: 'bad-response' });
    if (!r3.ok) expect(r3.message).toContain('no usable rows');
    expect(readFileSync(svc.cachePath, 'utf8')).toBe(cachedOnDisk);
    expect(svc.catalog().BTC!.marketCapUsd).toBe(2.5e12);
  });

  it('times out on a server that never answers', async () => {
    const svc = await primed();
    const pending: ServerResponse[] = [];
    handler = (_req, res) => {
      pending.push(res);
    };
    const slow = new MarketDataService({
      cacheDir: join(svc.cachePath, '..'),
      baseUrl,
      now: () => clock,
      timeoutMs: 150,
    });
    const r = await slow.refresh();
    expect(r).toMatchObject({ ok: false, code: 'timeout' });
    expect(slow.current()?.entries.BTC?.marketCapUsd).toBe(2.5e12);
    for (const res of pending) res.destroy();
  });

  it('reports offline when nothing listens', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const svc = new MarketDataService({
      cacheDir: tempDir('ballast-md-'),
      baseUrl: `http://127.0.0.1:${port}`,
      timeoutMs: 2_000,
    });
    const r = await svc.refresh();
    expect(r).toMatchObject({ ok: false, code: 'offline', cache: null });
    expect(Object.keys(svc.catalog()).length).toBeGreaterThanOrEqual(200);
  });

  it('moves a corrupt cache file aside and falls back to the bundle', () => {
    const dir = tempDir('ballast-md-');
    writeFileSync(join(dir, MARKET_CACHE_FILE), '{"fetchedAt": 1, "entries": {"BTC": ');
    const svc = service(dir);
    expect(svc.load()).toBeNull();
    expect(svc.recovered).not.toBeNull();
    expect(existsSync(join(dir, MARKET_CACHE_FILE))).toBe(false);
    const backups = readdirSync(dir).filter((f) => f.startsWith('market-data.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toContain('"BTC": ');
    const bundledBtc = svc.bundle.assets.find((a) => a.symbol === 'BTC')!;
    expect(svc.catalog().BTC!.marketCapUsd).toBe(bundledBtc.marketCapUsd);
  });

  it('treats a well-formed JSON file of the wrong shape as corrupt too', () => {
    const dir = tempDir('ballast-md-');
    writeFileSync(join(dir, MARKET_CACHE_FILE), JSON.stringify({ fetchedAt: 'yesterday', entries: [] }));
    const svc = service(dir);
    expect(svc.current()).toBeNull();
    expect(svc.recovered?.reason).toMatch(/invalid cache/);
  });

  it('shares one request between concurrent refreshes', async () => {
    handler = healthy;
    const svc = service();
    const [a, b] = await Promise.all([svc.refresh({ pages: 1, perPage: 4 }), svc.refresh({ pages: 1, perPage: 4 })]);
    expect(a).toBe(b);
    expect(requests).toHaveLength(1);
  });
});
