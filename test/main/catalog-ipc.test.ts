/**
 * Catalog channels through the router: market-cap refresh against a local server that answers like
 * CoinGecko's /api/v3/coins/markets, failures keeping the catalog in use, and per-asset overrides
 * flowing into the diversification breakdown.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUpAfterEach } from './support/cleanup';
import { startApp } from './support/app';
import { TEST_KEYCHAIN } from './support/keychain';

let server: Server;
let baseUrl: string;
let status = 200;
const markets = [
  {
    id: 'bitcoin',
    symbol: 'btc',
    name: 'Bitcoin',
    market_cap: 3.1e12,
    market_cap_rank: 1,
    current_price: 150000,
    total_volume: 1e11,
  },
  {
    id: 'ethereum',
    symbol: 'eth',
    name: 'Ethereum',
    market_cap: 6e11,
    market_cap_rank: 2,
    current_price: 5000,
    total_volume: 5e10,
  },
];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (status !== 200) {
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"error":"down"}');
      return;
    }
    const page = Number(url.searchParams.get('page') ?? '1');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page === 1 ? markets : []));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

cleanUpAfterEach();

/** The app with its market data from the local server. */
async function start() {
  const app = await startApp({
    prefix: 'ballast-catalog-',
    keepSchedule: true,
    vault: { service: TEST_KEYCHAIN },
    marketDataUrl: baseUrl,
  });
  return { services: app.services, route: app.router, call: app.call };
}

describe('catalog channels', () => {
  it('starts from the bundle, refreshes market caps, and keeps them when a later refresh fails', async () => {
    const { call } = await start();
    const before = await call('catalog:status');
    expect(before.source).toBe('bundle');
    expect(before.fetchedAt).toBeNull();

    status = 200;
    const ok = await call('catalog:refresh');
    expect(ok.ok).toBe(true);
    expect(ok.status.source).toBe('market-data');
    const btc = ok.status.entries.find((e) => e.symbol === 'BTC');
    expect(btc?.marketCapUsd).toBe(3.1e12);

    status = 503;
    const failed = await call('catalog:refresh');
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.message.length).toBeGreaterThan(0);
    expect(failed.status.entries.find((e) => e.symbol === 'BTC')?.marketCapUsd).toBe(3.1e12);
  });

  it('overrides move an asset to another sector and tier in the breakdown, and can be removed', async () => {
    const { call, route } = await start();
    const sectorOf = async (asset: string) =>
      (await call('allocation:get')).breakdown.bySector.find((s) => s.positions.some((p) => p.asset === asset))?.key;
    const tierOf = async (asset: string) =>
      (await call('allocation:get')).breakdown.byTier.find((s) => s.positions.some((p) => p.asset === asset))?.key;
    const original = await sectorOf('LINK');
    expect(original).toBeDefined();
    const target = original === 'AI' ? 'gaming' : 'AI';

    const status1 = await call('catalog:setOverride', { symbol: 'link', sector: target, tier: 'small' });
    expect(status1.overrides['LINK']).toEqual({ sector: target, tier: 'small' });
    expect(await sectorOf('LINK')).toBe(target);
    expect(await tierOf('LINK')).toBe('small');

    await call('catalog:clearOverride', { symbol: 'LINK' });
    expect(await sectorOf('LINK')).toBe(original);

    const bad = await route('catalog:setOverride', { symbol: '../etc', sector: 'AI' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const empty = await route('catalog:setOverride', { symbol: 'BTC' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid-override' } });
    const unknown = await route('catalog:setOverride', { symbol: 'NOPECOIN', sector: 'AI' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
