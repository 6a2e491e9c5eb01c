/**
 * Recovery from damaged files in the data folder. A session (three exchange accounts against the
 * local emulator, two syncs, price history) leaves a complete data folder behind; each test starts
 * the real services (createServices) on a copy of it with one file damaged, and checks that:
 * - the app starts, and serves the portfolio;
 * - the damaged file was moved or copied aside with its content as it was;
 * - the user is told, with a notice (app:info) naming where the original was kept;
 * - what could be kept was kept, and what is gone comes back (defaults, or the next sync).
 *
 * Keys live in an in-memory keychain shared by the sessions (the keychain is not under test here).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../electron/services/app-services';
import { createRouter, type Router } from '../../electron/services/ipc-router';
import { MARKET_CACHE_FILE } from '../../electron/services/market-data';
import { createConfStore } from '../../electron/services/store';
import type { KeytarLike } from '../../electron/services/vault';
import type { AppInfo, Notice } from '../../shared/ipc/channels/app';
import type { PortfolioView } from '../../shared/ipc/channels/portfolio';
import type { PriceHistoryView } from '../../shared/ipc/channels/prices';
import type { SyncRunSummary } from '../../shared/ipc/channels/sync';
import type { EventMap, EventName } from '../../shared/ipc/contract';
import { defaultSettings } from '../../shared/settings';
import { startEmulator, type EmulatedExchangeId, type Emulator } from '../emulator/index';
import { credsOf, TEST_ACCOUNTS, TEST_BALANCES, testConfig } from '../emulator/fixtures';

const ROOT = resolve(import.meta.dirname, '../..');
const EXCHANGES: readonly EmulatedExchangeId[] = ['binance', 'kraken', 'okx'];

function memoryKeytar(): KeytarLike {
  const items = new Map<string, string>();
  return {
    getPassword: (s, a) => Promise.resolve(items.get(`${s}\u0000${a}`) ?? null),
    setPassword: (s, a, p) => {
      items.set(`${s}\u0000${a}`, p);
      return Promise.resolve();
    },
    deletePassword: (s, a) => Promise.resolve(items.delete(`${s}\u0000${a}`)),
  };
}

interface App {
  services: Services;
  router: Router;
  dir: string;
  events: { event: EventName; payload: unknown }[];
  call<T>(channel: string, payload?: unknown): Promise<T>;
}

let emu: Emulator;
const keytar = memoryKeytar();
let golden: string;
const dirs: string[] = [];
const apps: App[] = [];

async function start(dir: string): Promise<App> {
  const events: App['events'] = [];
  const services = await createServices({
    dataDir: dir,
    assetsDir: join(ROOT, 'assets'),
    storeFactory: createConfStore,
    appVersion: 'test',
    emit: <E extends EventName>(event: E, payload: EventMap[E]) => events.push({ event, payload }),
    notify: () => undefined,
    exchangeApiUrls: Object.fromEntries(EXCHANGES.map((x) => [x, emu.urlsFor(x)])),
    exchangeRateLimitMs: 2,
    exchangeTimeoutMs: 3_000,
    vault: { service: 'Ballast Recovery', keytar },
    syncRetry: { attempts: 2, baseMs: 1, capMs: 2 },
  });
  const router = createRouter(services.handlers, { scrub: services.scrub });
  const app: App = {
    services,
    router,
    dir,
    events,
    async call<T>(channel: string, payload?: unknown) {
      const r = await router(channel, payload);
      if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
      return r.data as T;
    },
  };
  apps.push(app);
  return app;
}

async function stop(app: App): Promise<void> {
  await app.services.context.sync.historyIdle();
  await app.services.dispose();
  apps.splice(apps.indexOf(app), 1);
}

/** A copy of the complete data folder to damage. */
function copyOfGolden(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-recovery-'));
  dirs.push(dir);
  cpSync(golden, dir, { recursive: true });
  return dir;
}

function backupsIn(dir: string, stem: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${stem}.corrupt-`))
    .map((f) => join(dir, f));
}

/** The notice with `id`, checked to name the backup. */
async function noticeFor(app: App, id: string, backupPath: string): Promise<Notice> {
  const info = await app.call<AppInfo>('app:info');
  const n = info.notices.find((x) => x.id === id);
  expect(n, `notice ${id} in ${JSON.stringify(info.notices)}`).toBeDefined();
  expect(['warning', 'info']).toContain(n!.level);
  expect(n!.title.length).toBeGreaterThan(10);
  expect(n!.message).toContain(backupPath);
  // it was pushed to the renderer too
  expect(app.events.some((e) => e.event === 'notice' && (e.payload as Notice).id === id)).toBe(true);
  return n!;
}

function amountsOf(view: PortfolioView, custodyId: string): Record<string, number> {
  return Object.fromEntries(
    view.portfolio.positions.filter((p) => p.custodyId === custodyId).map((p) => [p.asset, p.amount]),
  );
}

let ids: Record<EmulatedExchangeId, string>;

beforeAll(async () => {
  emu = await startEmulator(testConfig({ candleDays: 60 }));
  golden = mkdtempSync(join(tmpdir(), 'ballast-recovery-golden-'));
  const app = await start(golden);
  app.services.context.settings.update({ syncIntervalMinutes: 0, baseCurrency: 'EUR' });
  ids = {} as Record<EmulatedExchangeId, string>;
  for (const ex of EXCHANGES) {
    ids[ex] = (
      await app.call<{ id: string }>('accounts:add', { exchange: ex, label: ex, ...credsOf(TEST_ACCOUNTS[ex].read) })
    ).id;
  }
  for (let i = 0; i < 2; i++) {
    await app.call<SyncRunSummary>('sync:now', { wait: true });
    await app.services.context.sync.historyIdle();
  }
  await app.services.context.activity.flush();
  await stop(app);
  // a readable market-data cache needs the network; the bundled catalog is used without one
  expect(readdirSync(golden)).toEqual(
    expect.arrayContaining(['settings.json', 'accounts.json', 'balances.json', 'snapshots.jsonl', 'activity.jsonl']),
  );
  expect(readdirSync(join(golden, 'ohlcv')).length).toBeGreaterThan(2);
}, 60_000);

afterAll(async () => {
  for (const app of [...apps]) await stop(app).catch(() => undefined);
  for (const d of [...dirs, golden]) if (d) rmSync(d, { recursive: true, force: true });
  await emu?.close();
});

describe('recovery from damaged files', () => {
  it('an unreadable settings file: moved aside, defaults in use, the portfolio still served', async () => {
    const dir = copyOfGolden();
    const bad = '{"settings": {"baseCurrency": "EUR", "syncIntervalMinutes": 0,';
    writeFileSync(join(dir, 'settings.json'), bad);
    const app = await start(dir);
    const [backup] = backupsIn(dir, 'settings');
    expect(backup).toBeDefined();
    expect(readFileSync(backup!, 'utf8')).toBe(bad);
    await noticeFor(app, 'recovered:settings', backup!);
    expect((await app.call<{ baseCurrency: string }>('settings:get')).baseCurrency).toBe(
      defaultSettings().baseCurrency,
    );
    // the accounts and their balances are untouched
    const view = await app.call<PortfolioView>('portfolio:get');
    expect(view.sample).toBe(false);
    for (const ex of EXCHANGES) expect(amountsOf(view, ids[ex])).toEqual(TEST_BALANCES[ex]);
    // and a new settings file is written cleanly
    await app.call('settings:update', { syncIntervalMinutes: 0 });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toHaveProperty('settings');
    await stop(app);
  });

  it('an unreadable accounts file: moved aside, the user told, the app runs on the sample', async () => {
    const dir = copyOfGolden();
    const original = readFileSync(join(dir, 'accounts.json'), 'utf8');
    const bad = original.slice(0, Math.floor(original.length / 2));
    writeFileSync(join(dir, 'accounts.json'), bad);
    const app = await start(dir);
    const [backup] = backupsIn(dir, 'accounts');
    expect(readFileSync(backup!, 'utf8')).toBe(bad);
    await noticeFor(app, 'recovered:accounts', backup!);
    expect(await app.call<unknown[]>('accounts:list')).toEqual([]);
    const view = await app.call<PortfolioView>('portfolio:get');
    expect(view.sample).toBe(true);
    expect(view.portfolio.positions.length).toBeGreaterThan(0);
    await stop(app);
  });

  it('an unreadable market-data cache: moved aside, the bundled catalog in use', async () => {
    const dir = copyOfGolden();
    const bad = '{"fetchedAt": 1700000000000, "assets": [{"symbol": "BTC", "marketCap": 1e12';
    writeFileSync(join(dir, MARKET_CACHE_FILE), bad);
    const app = await start(dir);
    const [backup] = backupsIn(dir, 'market-data');
    expect(readFileSync(backup!, 'utf8')).toBe(bad);
    await noticeFor(app, 'recovered:market-data', backup!);
    const view = await app.call<PortfolioView>('portfolio:get');
    expect(view.sample).toBe(false);
    expect(view.portfolio.positions.find((p) => p.asset === 'BTC')?.price).toBeGreaterThan(0);
    await stop(app);
  });

  it('an unreadable balances store: moved aside, the user told, balances back with the next sync', async () => {
    const dir = copyOfGolden();
    const bad = readFileSync(join(dir, 'balances.json'), 'utf8').replace(/\}\s*$/, '');
    writeFileSync(join(dir, 'balances.json'), bad);
    const app = await start(dir);
    app.services.context.settings.update({ syncIntervalMinutes: 0 });
    const [backup] = backupsIn(dir, 'balances');
    expect(readFileSync(backup!, 'utf8')).toBe(bad);
    await noticeFor(app, 'recovered:balances', backup!);
    const before = await app.call<PortfolioView>('portfolio:get');
    expect(before.sample).toBe(false);
    for (const ex of EXCHANGES) expect(amountsOf(before, ids[ex])).toEqual({});

    const run = await app.call<SyncRunSummary>('sync:now', { wait: true });
    expect(run.accounts.map((a) => a.status)).toEqual(['ok', 'ok', 'ok']);
    const after = await app.call<PortfolioView>('portfolio:get');
    for (const ex of EXCHANGES) expect(amountsOf(after, ids[ex])).toEqual(TEST_BALANCES[ex]);
    await stop(app);
  });

  it('an unreadable price-history cache file: moved aside, the user told, fetched again by the next sync', async () => {
    const dir = copyOfGolden();
    const ohlcv = join(dir, 'ohlcv');
    const target = readdirSync(ohlcv).find((f) => f.startsWith('kraken__BTC'))!;
    expect(target).toBeDefined();
    const bad = readFileSync(join(ohlcv, target), 'utf8').slice(0, 200);
    writeFileSync(join(ohlcv, target), bad);
    const app = await start(dir);
    app.services.context.settings.update({ syncIntervalMinutes: 0 });
    const history = await app.call<PriceHistoryView>('prices:history');
    expect(history.sample).toBe(false);
    // the app serves the rest; the damaged market is missing until fetched again
    const [backup] = backupsIn(ohlcv, basename(target, '.json'));
    expect(readFileSync(backup!, 'utf8')).toBe(bad);
    await noticeFor(app, 'recovered:ohlcv', backup!);
    expect((await app.call<PortfolioView>('portfolio:get')).sample).toBe(false);

    await app.call<SyncRunSummary>('sync:now', { wait: true });
    await app.services.context.sync.historyIdle();
    const again = await app.call<PriceHistoryView>('prices:history');
    expect(again.history['BTC']?.length).toBeGreaterThan(30);
    expect(JSON.parse(readFileSync(join(ohlcv, target), 'utf8'))).toHaveProperty('candles');
    await stop(app);
  });

  it('a torn last line and a damaged line in the snapshot store: readable snapshots kept, original copied aside', async () => {
    const dir = copyOfGolden();
    const path = join(dir, 'snapshots.jsonl');
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    const bad = `${lines[0]}\n{"id":"broken",\u0000\n${lines[1]}\n{"id":"sync-torn","t":17`;
    writeFileSync(path, bad);
    const app = await start(dir);
    const [backup] = backupsIn(dir, 'snapshots');
    expect(readFileSync(backup!, 'utf8')).toBe(bad);
    await noticeFor(app, 'snapshots:repaired', backup!);
    const ids2 = lines.map((l) => (JSON.parse(l) as { id: string }).id);
    expect(app.services.context.sync.snapshots.list().map((s) => s.id)).toEqual(ids2);
    expect(readFileSync(path, 'utf8')).toBe(`${lines.join('\n')}\n`);
    const list = await app.call<{ sample: boolean; points: unknown[] }>('snapshots:list', { range: 'All' });
    expect(list.sample).toBe(false);
    expect(list.points).toHaveLength(2);
    expect((await app.call<PortfolioView>('portfolio:get')).sample).toBe(false);
    await stop(app);
  });

  it('a torn line at the end of the activity log: entries kept, the original copied aside, the chain intact', async () => {
    const dir = copyOfGolden();
    const path = join(dir, 'activity.jsonl');
    const intact = readFileSync(path, 'utf8');
    const entries = intact.trim().split('\n').length;
    const bad = `${intact}{"seq":${entries + 1},"kind":"api-call","at":17`;
    writeFileSync(path, bad);
    const app = await start(dir);
    const [backup] = backupsIn(dir, 'activity');
    expect(backup).toBeDefined();
    expect(readFileSync(backup!, 'utf8')).toBe(bad);
    await noticeFor(app, 'activity-log:repaired', backup!);
    expect(readFileSync(path, 'utf8')).toBe(intact);
    expect(await app.call('activity:verify')).toMatchObject({ ok: true, entries });
    expect((await app.call<{ total: number }>('activity:query', { limit: 1, offset: 0 })).total).toBe(entries);
    expect((await app.call<PortfolioView>('portfolio:get')).sample).toBe(false);
    await stop(app);
  });

  it('an intact data folder starts without any notice', async () => {
    const app = await start(copyOfGolden());
    expect((await app.call<AppInfo>('app:info')).notices).toEqual([]);
    await app.call<PriceHistoryView>('prices:history');
    expect((await app.call<AppInfo>('app:info')).notices).toEqual([]);
    await stop(app);
  });
});
