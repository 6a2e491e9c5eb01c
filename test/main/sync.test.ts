/**
 * Longer than the usual budget: every case shares one emulator and keychain setup; kept whole so the
 * sync layer's cases read together.
 *
 * The sync layer with the real ccxt client against the local exchange emulator (Binance, Kraken,
 * OKX) and the real OS keychain (service "Ballast Test"; on Linux run through
 * scripts/with-keyring.sh). Without a keychain these tests skip locally and fail when CI=true.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../shared/ipc/channels/sync';
import { DAY_MS } from '../../shared/domain/types';
import { createExchangeClient } from '../../electron/services/exchange';
import { createConfStore } from '../../electron/services/store';
import { SyncEngine, type SyncService } from '../../electron/services/sync';
import { BalanceStore } from '../../electron/services/sync/balance-store';
import { OhlcvCache, updateMarketHistory, utcDay } from '../../electron/services/sync/ohlcv-cache';
import { backoffDelay, DEFAULT_RETRY } from '../../electron/services/sync/retry';
import { SnapshotStore } from '../../electron/services/sync/snapshot-store';
import type { EmulatedExchangeId, FaultKind } from '../emulator/index';
import { TEST_BALANCES, testConfig } from '../emulator/fixtures';
import { cleanUpAfterEach, tempDir } from './support/cleanup';
import { startApp, type TestApp } from './support/app';
import { ROOT } from './support/services';
import { addAccounts, emulatorOptions, requestsSince as requestsOf, useEmulator } from './support/emulator';
import { READ_KEYS } from './support/keys';
import { realKeychain, TEST_KEYCHAIN } from './support/keychain';

const TIMEOUT_MS = 600;
const CANDLE_DAYS = 400;

const runReal = await realKeychain('sync');
cleanUpAfterEach();
const emu = useEmulator(() => testConfig({ candleDays: CANDLE_DAYS }));

interface Harness extends TestApp {
  sync: SyncService;
  ids: Record<EmulatedExchangeId, string>;
}

/** The app on the emulator and the test keychain, with a read-only account per exchange (or none). */
async function start(withAccounts = true): Promise<Harness> {
  const app = await startApp({
    prefix: 'ballast-sync-',
    ...emulatorOptions(emu, { timeoutMs: TIMEOUT_MS }),
    vault: { service: TEST_KEYCHAIN },
    forgetKeys: true,
  });
  const ids = withAccounts ? await addAccounts(app, READ_KEYS) : ({} as Record<EmulatedExchangeId, string>);
  return Object.assign(app, { sync: app.context.sync, ids });
}

const syncNow = (h: Harness) => h.call('sync:now', { wait: true });

/** Requests the emulator received for one exchange since `from`. */
const requestsSince = (from: number, exchange: EmulatedExchangeId) => requestsOf(emu, from, exchange);

describe.skipIf(!runReal)('sync against the exchange emulator', () => {
  it('syncs three exchanges in parallel into a priced, non-sample portfolio with a snapshot', async () => {
    const h = await start();
    const before = (await h.call('portfolio:get')).sample;
    // accounts exist, nothing synced yet: already the user's (empty) portfolio
    expect(before).toBe(false);

    const run = await syncNow(h);
    expect(run.state).toBe('done');
    expect(run.accounts.map((a) => a.status)).toEqual(['ok', 'ok', 'ok']);

    const view = await h.call('portfolio:get');
    expect(view.sample).toBe(false);
    for (const ex of ['binance', 'kraken', 'okx'] as const) {
      const mine = view.portfolio.positions.filter((p) => p.custodyId === h.ids[ex]);
      const amounts = Object.fromEntries(mine.map((p) => [p.asset, p.amount]));
      expect(amounts).toEqual(TEST_BALANCES[ex]);
    }
    const price = (asset: string) => view.portfolio.positions.find((p) => p.asset === asset)?.price;
    expect(price('BTC')).toBe(65_000);
    expect(price('DOGE')).toBeCloseTo(0.12, 10);
    expect(price('USD')).toBe(1);
    expect(price('USDT')).toBe(1);
    expect(view.unpriced).toEqual([]);

    // progress: every account went fetching -> ok, the run ended 'done'
    const progress = h.events.filter((e) => e.event === 'sync:progress').map((e) => e.payload as SyncProgress);
    expect(progress[0]!.state).toBe('running');
    expect(progress.at(-1)!.state).toBe('done');
    for (const id of Object.values(h.ids)) {
      const seen = progress.map((p) => p.accounts.find((a) => a.accountId === id)!.status);
      expect(seen.indexOf('fetching')).toBeGreaterThanOrEqual(0);
      expect(seen.lastIndexOf('ok')).toBeGreaterThan(seen.indexOf('fetching'));
    }

    const status = await h.call('sync:status');
    expect(status.running).toBeNull();
    expect(status.lastRun?.runId).toBe(run.runId);
    expect(status.accounts.map((a) => [a.label, a.stale, a.lastError])).toEqual([
      ['Binance', false, null],
      ['Kraken', false, null],
      ['Okx', false, null],
    ]);
    expect(h.sync.snapshots.list()).toHaveLength(1);
    const total = view.portfolio.positions.reduce((s, p) => s + (p.value ?? 0), 0);
    expect(h.sync.snapshots.list()[0]!.total).toBeCloseTo(total, 6);

    // price history of held assets (and BTC, ETH) arrives in the background
    await h.sync.historyIdle();
    const history = await h.call('prices:history');
    expect(history.sample).toBe(false);
    expect(Object.keys(history.history).sort()).toEqual(expect.arrayContaining(['BTC', 'DOGE', 'ETH', 'SOL']));
    const btc = history.history['BTC']!;
    expect(btc.at(-1)!.c).toBe(65_000);
    expect(btc.length).toBeGreaterThan(300);
    expect(readdirSync(join(h.dataDir, 'ohlcv')).length).toBeGreaterThanOrEqual(4);
  });

  it('reprices the stored balances in another base currency without calling the exchanges', async () => {
    const h = await start();
    await syncNow(h);
    await h.sync.historyIdle();
    const mark = emu.requests.length;
    h.services.context.settings.update({ baseCurrency: 'EUR' });
    const view = await h.call('portfolio:get');
    expect(emu.requests.length).toBe(mark);
    expect(view.portfolio.base).toBe('EUR');
    // Kraken lists BTC/EUR directly
    expect(view.portfolio.positions.find((p) => p.asset === 'BTC')!.price).toBe(60_000);
    expect(view.portfolio.positions.find((p) => p.asset === 'EUR')).toBeUndefined();
    // everything else crosses to EUR through USD/USDT and BTC
    expect(view.unpriced).toEqual([]);
    const usd = view.portfolio.positions.find((p) => p.asset === 'USD')!;
    expect(usd.price).toBeCloseTo(60_000 / 65_000, 10);
  });

  const RETRYABLE: [FaultKind, string][] = [
    ['server-error', 'exchange-down'],
    ['rate-limit', 'rate-limit'],
    ['malformed-json', 'bad-response'],
    ['timeout', 'timeout'],
  ];

  it.each(RETRYABLE)(
    'a %s fault leaves that account stale with its last balances while the others complete',
    async (kind, code) => {
      const h = await start();
      const first = await syncNow(h);
      await h.sync.historyIdle();
      emu.setFault('okx', { kind, path: '/api/v5/account/' });
      const mark = emu.requests.length;
      const run = await syncNow(h);
      expect(run.accounts.find((a) => a.accountId === h.ids.okx)).toMatchObject({
        status: 'error',
        attempt: DEFAULT_RETRY.attempts,
        error: { code },
      });
      expect(run.accounts.filter((a) => a.status === 'ok').map((a) => a.accountId)).toEqual([
        h.ids.binance,
        h.ids.kraken,
      ]);
      const status = await h.call('sync:status');
      const okx = status.accounts.find((a) => a.accountId === h.ids.okx)!;
      expect(okx.stale).toBe(true);
      expect(okx.lastError?.code).toBe(code);
      expect(okx.lastError?.message).toMatch(/OKX/);
      expect(okx.lastSuccessAt).toBe(first.finishedAt === null ? null : okx.lastSuccessAt);
      expect(okx.lastSuccessAt).not.toBeNull();
      expect(okx.lastSuccessAt!).toBeLessThanOrEqual(first.finishedAt!);
      expect(okx.lastAttemptAt!).toBeGreaterThan(okx.lastSuccessAt!);
      // the last good OKX balances are still in the portfolio
      const view = await h.call('portfolio:get');
      const amounts = Object.fromEntries(
        view.portfolio.positions.filter((p) => p.custodyId === h.ids.okx).map((p) => [p.asset, p.amount]),
      );
      expect(amounts).toEqual(TEST_BALANCES.okx);
      // retries are bounded: every attempt made the same requests, and there were exactly `attempts`
      const faulted = requestsSince(mark, 'okx').filter((r) => r.fault === kind);
      expect(faulted.length % DEFAULT_RETRY.attempts).toBe(0);
      expect(faulted.length).toBeGreaterThanOrEqual(DEFAULT_RETRY.attempts);
      expect(faulted.length).toBeLessThanOrEqual(DEFAULT_RETRY.attempts * 2);
      // the other exchanges made no retries
      const binanceAccount = requestsSince(mark, 'binance').filter((r) => r.path === '/api/v3/account');
      expect(binanceAccount).toHaveLength(1);
    },
    30_000,
  );

  it('retries a transient failure and succeeds on the next attempt', async () => {
    const h = await start();
    emu.setFault('binance', { kind: 'server-error', status: 502, times: 1, path: '/api/v3/account' });
    const run = await syncNow(h);
    expect(run.accounts.find((a) => a.accountId === h.ids.binance)).toMatchObject({ status: 'ok', attempt: 2 });
    const progress = h.events.filter((e) => e.event === 'sync:progress').map((e) => e.payload as SyncProgress);
    const statuses = progress.map((p) => p.accounts.find((a) => a.accountId === h.ids.binance)!.status);
    expect(statuses).toContain('retrying');
    expect((await h.call('sync:status')).accounts.every((a) => !a.stale)).toBe(true);
  });

  it('does not retry an authentication failure and reports it for the Keys view', async () => {
    const h = await start();
    emu.setFault('kraken', { kind: 'unauthorized' });
    const mark = emu.requests.length;
    const run = await syncNow(h);
    expect(run.accounts.find((a) => a.accountId === h.ids.kraken)).toMatchObject({
      status: 'error',
      attempt: 1,
      error: { code: 'auth' },
    });
    expect(requestsSince(mark, 'kraken').filter((r) => r.fault === 'unauthorized')).toHaveLength(1);
    const status = await h.call('sync:status');
    const kraken = status.accounts.find((a) => a.accountId === h.ids.kraken)!;
    expect(kraken).toMatchObject({ stale: true, lastSuccessAt: null, lastError: { code: 'auth' } });
    expect(kraken.lastError!.message).toMatch(/rejected|did not accept/);
    // the failed call is in the activity log too
    await h.services.context.activity.flush();
    const log = h.services.context.activity.query({ accountId: h.ids.kraken }).entries;
    expect(log.some((e) => e.kind === 'api-call' && e.ok === false && e.status === 401)).toBe(true);
    // the key's metadata is untouched (still the permission verified when it was added)
    expect(h.services.context.accounts.get(h.ids.kraken)?.permission?.status).toBe('read-only');
  });

  it('bounds retries with exponential backoff and jitter (injected sleep)', async () => {
    const h = await start();
    const ctx = h.services.context;
    const delays: number[] = [];
    const engineWith = (attempts: number) =>
      new SyncEngine({
        accounts: { list: () => ctx.accounts.list().filter((a) => a.exchange === 'binance') },
        clientFor: ctx.clientFor,
        store: new BalanceStore(createConfStore, mkdtempSync(join(h.dataDir, 'engine-'))),
        retry: { attempts, baseMs: 500, capMs: 1_500 },
        sleep: async (ms) => {
          delays.push(ms);
        },
        random: () => 1,
      });
    emu.setFault('binance', { kind: 'server-error' });
    let mark = emu.requests.length;
    await engineWith(1).run();
    const one = requestsSince(mark, 'binance').length;
    expect(delays).toEqual([]);
    mark = emu.requests.length;
    const run = await engineWith(5).run();
    expect(run.accounts[0]).toMatchObject({ status: 'error', attempt: 5 });
    expect(requestsSince(mark, 'binance').length).toBe(5 * one);
    // 500, 1000, then capped at 1500
    expect(delays).toEqual([500, 1_000, 1_500, 1_500]);
    expect(backoffDelay(1, DEFAULT_RETRY, () => 0)).toBe(250);
    expect(backoffDelay(10, DEFAULT_RETRY, () => 0.5)).toBe(3_750);
  });

  it('overlapping sync calls share one run', async () => {
    const h = await start();
    emu.setFault('okx', { kind: 'slow', delayMs: 150 });
    const mark = emu.requests.length;
    const started = await h.call('sync:now');
    expect(started.state).toBe('running');
    const [a, b] = await Promise.all([syncNow(h), syncNow(h)]);
    expect(a.runId).toBe(started.runId);
    expect(b.runId).toBe(started.runId);
    expect(requestsSince(mark, 'binance').filter((r) => r.path === '/api/v3/account')).toHaveLength(1);
    expect(h.sync.snapshots.list()).toHaveLength(1);
  });

  it('running the same sync twice creates no duplicate data and loses none', async () => {
    const h = await start();
    const r1 = await syncNow(h);
    const balancesAfter1 = JSON.parse(readFileSync(h.sync.balances.path, 'utf8')) as { accounts: object };
    const r2 = await syncNow(h);
    const balancesAfter2 = JSON.parse(readFileSync(h.sync.balances.path, 'utf8')) as { accounts: object };
    expect(Object.keys(balancesAfter2.accounts).sort()).toEqual(Object.keys(balancesAfter1.accounts).sort());
    const holdings = (b: { accounts: object }) =>
      Object.values(b.accounts as Record<string, { holdings: unknown }>).map((a) => a.holdings);
    expect(holdings(balancesAfter2)).toEqual(holdings(balancesAfter1));

    const snaps = h.sync.snapshots.list();
    expect(snaps.map((s) => s.id)).toEqual([`sync-${r1.runId}`, `sync-${r2.runId}`]);
    // a retried write of the same run's snapshot is not stored again
    expect(await h.sync.snapshots.append({ ...snaps[0]! })).toBe(false);
    const lines = readFileSync(h.sync.snapshots.path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);

    // after a restart everything is still there, once
    await h.services.context.sync.historyIdle();
    const again = SnapshotStore.open(h.sync.snapshots.path);
    expect(again.list().map((s) => s.id)).toEqual(snaps.map((s) => s.id));
    expect(again.report).toEqual({ tornTail: false, invalidLines: [], backupPath: null });
  });

  it('net worth and changes come from snapshots once synced, led by the estimate until they cover the range', async () => {
    const h = await start();
    await syncNow(h);
    await syncNow(h);
    await h.sync.historyIdle();
    const list = await h.call('snapshots:list', { range: '1W' });
    expect(list.sample).toBe(false);
    // Two syncs a moment apart do not cover a week: the days before them stay the price-history estimate.
    const snaps = h.sync.snapshots.list();
    expect(list.source).toBe('mixed');
    expect(list.recordedFrom).toBe(snaps[0]!.t);
    expect(list.points.slice(-2)).toEqual(snaps.map((s) => ({ t: s.t, total: s.total })));
    expect(list.points.length).toBeGreaterThanOrEqual(7);
    expect(list.points.slice(0, -2).every((p) => p.t < snaps[0]!.t)).toBe(true);
    const bad = await h.router('snapshots:list', { range: '2W' });
    expect(bad.ok).toBe(false);
    const changes = await h.call('portfolio:changes');
    expect(changes).toMatchObject({ sample: false, base: 'USD' });
  });

  it('schedules periodic syncs from the setting and reschedules when it changes', async () => {
    const h = await start();
    await syncNow(h);
    let s = await h.call('sync:status');
    expect(s.intervalMinutes).toBe(0);
    expect(s.nextRunAt).toBeNull();
    h.services.context.settings.update({ syncIntervalMinutes: 30 });
    s = await h.call('sync:status');
    expect(s.intervalMinutes).toBe(30);
    expect(s.nextRunAt).toBe(s.lastRun!.finishedAt! + 30 * 60_000);
    h.services.context.settings.update({ syncIntervalMinutes: 0 });
    expect((await h.call('sync:status')).nextRunAt).toBeNull();
  });

  it('refuses to sync without accounts and keeps the sample portfolio', async () => {
    const h = await start(false);
    const r = await h.router('sync:now', undefined);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('no-accounts');
    expect((await h.call('portfolio:get')).sample).toBe(true);
    const changes = await h.call('portfolio:changes');
    expect(changes.sample).toBe(true);
    expect(changes.change24h).not.toBeNull();
    expect(changes.change7d).not.toBeNull();
    const list = await h.call('snapshots:list', { range: '1M' });
    expect(list.sample).toBe(true);
    expect(list.points.length).toBeGreaterThanOrEqual(28);
  });
});

describe('OHLCV cache', () => {
  const publicClient = (id: EmulatedExchangeId) =>
    createExchangeClient(id, null, { apiUrls: emu.urlsFor(id), rateLimitMs: 5 });

  it('pages through history, then updates incrementally from the last cached day', async () => {
    const dir = tempDir('ballast-ohlcv-');
    const cache = new OhlcvCache(dir);
    const client = await publicClient('binance');
    const served = emu.candles('binance', 'SOL', 'USDT');
    const klines = (from: number) => requestsSince(from, 'binance').filter((r) => r.path === '/api/v3/klines').length;
    const pageLimit = 50;
    const days = 300;

    let mark = emu.requests.length;
    const first = await updateMarketHistory(client, cache, 'binance', 'SOL/USDT', { pageLimit, days });
    const since = utcDay(Date.now()) - days * DAY_MS;
    const expected = served.filter((c) => c.t >= since);
    expect(klines(mark)).toBe(Math.ceil(expected.length / pageLimit));
    expect(first.requests).toBe(klines(mark));
    const rows = cache.read('binance', 'SOL/USDT');
    expect(rows.map((r) => r[0])).toEqual(expected.map((c) => c.t));
    expect(rows.map((r) => r[4])).toEqual(expected.map((c) => c.c));

    // drop the last 12 days: only those (and the last kept day, re-fetched) are requested again
    const fresh = new OhlcvCache(dir);
    await fresh.write('binance', 'SOL/USDT', rows.slice(0, -12));
    mark = emu.requests.length;
    const inc = await updateMarketHistory(client, fresh, 'binance', 'SOL/USDT', { pageLimit: 5, days });
    expect(klines(mark)).toBe(Math.ceil(13 / 5));
    expect(inc.fetched).toBe(13);
    expect(new OhlcvCache(dir).read('binance', 'SOL/USDT')).toEqual(rows);

    // up to date: one request for today's (partial) candle
    mark = emu.requests.length;
    await updateMarketHistory(client, fresh, 'binance', 'SOL/USDT', { pageLimit, days });
    expect(klines(mark)).toBe(1);
  });

  it('paginates OKX and Kraken the same way', async () => {
    const dir = tempDir('ballast-ohlcv-');
    const cache = new OhlcvCache(dir);
    for (const [id, symbol] of [
      ['okx', 'ETH/USDT'],
      ['kraken', 'ETH/USD'],
    ] as const) {
      const client = await publicClient(id);
      await updateMarketHistory(client, cache, id, symbol, { days: 200, pageLimit: 60 });
      const [b, q] = symbol.split('/') as [string, string];
      const served = emu.candles(id, b, q).slice(-201);
      expect(cache.read(id, symbol).map((r) => r[0])).toEqual(served.map((c) => c.t));
    }
  });

  it('moves an unreadable cache file aside and fetches it again', async () => {
    const dir = tempDir('ballast-ohlcv-');
    const cache = new OhlcvCache(dir);
    writeFileSync(cache.pathOf('binance', 'BTC/USDT'), '{"v":1,"exchange":"binance","candles":[[1,2');
    expect(cache.read('binance', 'BTC/USDT')).toEqual([]);
    expect(cache.recovered).toHaveLength(1);
    expect(existsSync(cache.recovered[0]!.backupPath)).toBe(true);
    const r = await updateMarketHistory(await publicClient('binance'), cache, 'binance', 'BTC/USDT', { days: 30 });
    expect(r.total).toBe(31);
    expect(new OhlcvCache(dir).read('binance', 'BTC/USDT')).toHaveLength(31);
  });
});

/** Run a script in a child Node process (TypeScript through tsx) and kill it with SIGKILL after `killAfterMs`. */
function runAndKill(script: string, killAfterMs: number): Promise<string> {
  return new Promise((resolveOut, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let started = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!started && out.includes('ready')) {
        started = true;
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended without being killed: ${err}`));
      else resolveOut(out);
    });
  });
}

describe('crash safety', () => {
  const mod = (p: string) => JSON.stringify(join(ROOT, p));

  it('SIGKILL while rewriting a large OHLCV file leaves a readable cache', async () => {
    const dir = tempDir('ballast-crash-');
    // the child rewrites one market file with ever larger contents until it is killed
    const script = `
      import { OhlcvCache } from ${mod('electron/services/sync/ohlcv-cache.ts')};
      const cache = new OhlcvCache(${JSON.stringify(dir)});
      const row = (i) => [i * 86400000, 1 + i, 2 + i, 0.5 + i, 1.5 + i, 1000 + i];
      await cache.write('binance', 'BTC/USDT', Array.from({ length: 10 }, (_, i) => row(i)));
      console.log('ready');
      for (let n = 1; ; n++) {
        await cache.write('binance', 'BTC/USDT', Array.from({ length: 50000 + n }, (_, i) => row(i)));
        console.log('wrote ' + n);
      }
    `;
    const out = await runAndKill(script, 400);
    const wrote = out.match(/wrote \d+/g) ?? [];
    const cache = new OhlcvCache(dir);
    const rows = cache.read('binance', 'BTC/USDT');
    expect(cache.recovered).toEqual([]);
    // either the initial file or one of the complete rewrites
    expect([10, ...wrote.map((w) => 50000 + Number(w.slice(6))), 50001 + wrote.length]).toContain(rows.length);
    expect(rows[rows.length - 1]![0]).toBe((rows.length - 1) * 86400000);
  }, 30_000);

  it('SIGKILL while appending and compacting snapshots loses no confirmed snapshot', async () => {
    const dir = tempDir('ballast-crash-');
    const path = join(dir, 'snapshots.jsonl');
    const script = `
      import { SnapshotStore } from ${mod('electron/services/sync/snapshot-store.ts')};
      const DAY = 86400000;
      const now = Date.UTC(2026, 0, 1);
      const store = SnapshotStore.open(${JSON.stringify(path)}, { now: () => now });
      const assets = {};
      for (let k = 0; k < 200; k++) assets['A' + k] = { amount: k, price: 1.5, value: 1.5 * k };
      console.log('ready');
      for (let i = 0; ; i++) {
        const t = now - 60 * DAY + i * 3600000;
        await store.append({ id: 'run-' + i, t, base: 'USD', total: i, assets });
        console.log('appended run-' + i);
        if (i % 50 === 49) await store.compact(now);
      }
    `;
    const out = await runAndKill(script, 500);
    const confirmed = (out.match(/appended run-\d+/g) ?? []).map((s) => s.slice('appended '.length));
    expect(confirmed.length).toBeGreaterThan(0);
    const store = SnapshotStore.open(path, { now: () => Date.UTC(2026, 0, 1) });
    const ids = new Set(store.list().map((s) => s.id));
    expect(ids.size).toBe(store.list().length);
    // compaction may have thinned old days on purpose; every confirmed snapshot is either kept or
    // older than one kept later the same day
    const kept = store.list();
    for (const id of confirmed) {
      if (ids.has(id)) continue;
      const i = Number(id.slice(4));
      const t = Date.UTC(2026, 0, 1) - 60 * DAY_MS + i * 3_600_000;
      expect(kept.some((s) => Math.floor(s.t / DAY_MS) === Math.floor(t / DAY_MS) && s.t > t)).toBe(true);
    }
    // the newest confirmed snapshot is always there
    expect(ids.has(confirmed.at(-1)!)).toBe(true);
  }, 30_000);

  it('repairs a torn last line and keeps a copy of the original', async () => {
    const dir = tempDir('ballast-torn-');
    const path = join(dir, 'snapshots.jsonl');
    const a = { id: 'a', t: 1, base: 'USD', total: 5, assets: { BTC: { amount: 1, price: 5, value: 5 } } };
    writeFileSync(path, `${JSON.stringify(a)}\nnot json\n${JSON.stringify({ ...a, id: 'b' }).slice(0, 30)}`);
    const store = SnapshotStore.open(path, { now: () => 42 });
    expect(store.list().map((s) => s.id)).toEqual(['a']);
    expect(store.report).toMatchObject({ tornTail: true, invalidLines: [2] });
    expect(readFileSync(store.report.backupPath!, 'utf8')).toContain('not json');
    // appends after the repair start on a fresh line
    await store.append({ ...a, id: 'c', t: 2 });
    expect(
      SnapshotStore.open(path)
        .list()
        .map((s) => s.id),
    ).toEqual(['a', 'c']);
  });
});
