/**
 * Recovery from damaged files in the data folder. A session (three exchange accounts against the
 * local emulator, two syncs, price history) leaves a complete data folder behind; each test starts
 * the real services (createServices) on a copy of it with one file damaged, and checks that:
 * - the app starts, and serves the portfolio;
 * - the damaged file was moved or copied aside with its content as it was;
 * - the user is told, with a notice (app:info) naming where the original was kept;
 * - what could be kept was kept, and what is gone comes back (defaults, or the next sync).
 *
 * Keys live in an in-memory keychain (the keychain is not under test here); each copy of the data folder
 * starts with a copy of the golden session's keychain, as a copied installation would.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MARKET_CACHE_FILE } from '../../electron/services/market-data';
import type { Notice } from '../../shared/ipc/channels/app';
import { defaultSettings } from '../../shared/settings';
import { EMULATED_EXCHANGES, type EmulatedExchangeId } from '../emulator/index';
import { TEST_BALANCES, testConfig } from '../emulator/fixtures';
import { cleanUpAfterAll, tempDir } from './support/cleanup';
import { amountsIn as amountsOf, startApp, type TestApp } from './support/app';
import { addAccounts, emulatorOptions, useEmulator } from './support/emulator';
import { READ_KEYS } from './support/keys';
import { memoryKeytar, type MemoryKeytar } from './support/keychain';

const EXCHANGES = EMULATED_EXCHANGES;

const emu = useEmulator(() => testConfig({ candleDays: 60 }));
cleanUpAfterAll();
const keytar = memoryKeytar();
/** The keychain of each copy of the golden data folder. */
const keychains = new Map<string, MemoryKeytar>();
let golden: string;

/** The app on a data folder, as it starts after a restart (the periodic sync as the settings have it). */
function start(dir: string): Promise<TestApp> {
  return startApp({
    dataDir: dir,
    keepSchedule: true,
    ...emulatorOptions(emu, { rateLimitMs: 2, timeoutMs: 3_000 }),
    vault: { service: 'Ballast Recovery', keytar: keychains.get(dir) ?? keytar },
    syncRetry: { attempts: 2, baseMs: 1, capMs: 2 },
  });
}

const stop = (app: TestApp) => app.stop();

/** A copy of the complete data folder to damage. */
function copyOfGolden(): string {
  const dir = tempDir('ballast-recovery-');
  cpSync(golden, dir, { recursive: true });
  keychains.set(dir, keytar.clone());
  return dir;
}

function backupsIn(dir: string, stem: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${stem}.corrupt-`))
    .map((f) => join(dir, f));
}

/** The notice with `id`, checked to name the backup. */
async function noticeFor(app: TestApp, id: string, backupPath: string): Promise<Notice> {
  const info = await app.call('app:info');
  const n = info.notices.find((x) => x.id === id);
  expect(n, `notice ${id} in ${JSON.stringify(info.notices)}`).toBeDefined();
  expect(['warning', 'info']).toContain(n!.level);
  expect(n!.title.length).toBeGreaterThan(10);
  expect(n!.message).toContain(backupPath);
  // it was pushed to the renderer too
  expect(app.events.some((e) => e.event === 'notice' && (e.payload as Notice).id === id)).toBe(true);
  return n!;
}

let ids: Record<EmulatedExchangeId, string>;

beforeAll(async () => {
  golden = tempDir('ballast-recovery-golden-');
  const app = await start(golden);
  app.services.context.settings.update({ syncIntervalMinutes: 0, baseCurrency: 'EUR' });
  ids = await addAccounts(app, READ_KEYS);
  for (let i = 0; i < 2; i++) {
    await app.call('sync:now', { wait: true });
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
    expect((await app.call('settings:get')).baseCurrency).toBe(defaultSettings().baseCurrency);
    // the accounts and their balances are untouched
    const view = await app.call('portfolio:get');
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
    expect(await app.call('accounts:list')).toEqual([]);
    const view = await app.call('portfolio:get');
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
    const view = await app.call('portfolio:get');
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
    const before = await app.call('portfolio:get');
    expect(before.sample).toBe(false);
    for (const ex of EXCHANGES) expect(amountsOf(before, ids[ex])).toEqual({});

    const run = await app.call('sync:now', { wait: true });
    expect(run.accounts.map((a) => a.status)).toEqual(['ok', 'ok', 'ok']);
    const after = await app.call('portfolio:get');
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
    const history = await app.call('prices:history');
    expect(history.sample).toBe(false);
    // the app serves the rest; the damaged market is missing until fetched again
    const [backup] = backupsIn(ohlcv, basename(target, '.json'));
    expect(readFileSync(backup!, 'utf8')).toBe(bad);
    await noticeFor(app, 'recovered:ohlcv', backup!);
    expect((await app.call('portfolio:get')).sample).toBe(false);

    await app.call('sync:now', { wait: true });
    await app.services.context.sync.historyIdle();
    const again = await app.call('prices:history');
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
    const list = await app.call('snapshots:list', { range: 'All' });
    expect(list.sample).toBe(false);
    // The recorded part of the series (an estimate may lead it until syncs cover the range).
    const recorded = list.source === 'mixed' ? list.points.filter((p) => p.t >= list.recordedFrom!) : list.points;
    expect(recorded).toHaveLength(2);
    expect((await app.call('portfolio:get')).sample).toBe(false);
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
    expect((await app.call('activity:query', { limit: 1, offset: 0 })).total).toBe(entries);
    expect((await app.call('portfolio:get')).sample).toBe(false);
    await stop(app);
  });

  it('an intact data folder starts without any notice', async () => {
    const app = await start(copyOfGolden());
    expect((await app.call('app:info')).notices).toEqual([]);
    await app.call('prices:history');
    expect((await app.call('app:info')).notices).toEqual([]);
    await stop(app);
  });
});
