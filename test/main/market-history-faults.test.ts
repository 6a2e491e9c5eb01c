/**
 * The market-history download when things go wrong or stop halfway: rate limits with Retry-After, an
 * exchange that is down, gaps, a delisting, a cancelled run and a killed process (both resumed), no
 * network at all, and the daily incremental update. Real services against the history emulator; a test
 * clock that waits move forward; no real waiting. Skips, saying so, when ../shared/data is absent.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DAY_MS } from '../../shared/domain/types';
import type { MarketHistoryProgress } from '../../shared/ipc/channels/market-history';
import { HISTORY_SOURCES, PRICE_SOURCES } from '../emulator/history-server';
import { startApp, type TestApp } from './support/app';
import { cleanUpAfterEach, tempDir } from './support/cleanup';
import { fixedClock, type TestClock } from './support/clock';
import {
  HISTORY,
  HISTORY_SKIP,
  historyOptions,
  LAST_DATA_DAY,
  noonOf,
  recordedSleep,
  useHistoryEmulator,
} from './support/market-history';
import { ROOT } from './support/services';
import { fileKeytar, KILL_KEYCHAIN_SERVICE } from './support/sync-child';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let clock: TestClock = fixedClock(noonOf(LAST_DATA_DAY + 1));
const emu = useHistoryEmulator(() => clock);
cleanUpAfterEach();

const progressOf = (app: TestApp) =>
  app.events.filter((e) => e.event === 'market-history:progress').map((e) => e.payload as MarketHistoryProgress);
/** Requests of one source since request number `from` whose query names `symbol` (Binance/Bybit style). */
const candleRequests = (from: number, source: string, id: string) =>
  emu.requests
    .slice(from)
    .filter((r) => r.source === source && (r.query.get('symbol') === id || r.path.includes(`/${id}/`)));

async function downloaded(topN: number, extra: Parameters<typeof startApp>[0] = {}): Promise<TestApp> {
  const app = await startApp({ ...historyOptions(emu, clock), ...extra });
  const run = await app.call('market-history:update', { topN, wait: true });
  expect(run.state).toBe('done');
  return app;
}

describe.skipIf(!HISTORY)(`market history when sources fail ${HISTORY_SKIP}`, () => {
  it("waits as long as a 429's Retry-After asks, for exchanges and market-cap sources alike", async () => {
    clock = fixedClock(noonOf(LAST_DATA_DAY + 1));
    const { sleep, waits } = recordedSleep(clock);
    emu.setFault('binance', { kind: 'rate-limit', path: '/klines', times: 2, retryAfter: '30' });
    emu.setFault('coinmetrics', { kind: 'rate-limit', path: '/timeseries', times: 1, retryAfter: '7' });
    const app = await startApp({ ...historyOptions(emu, clock, { sleep }) });
    const run = await app.call('market-history:update', { topN: 10, wait: true });
    expect(run).toMatchObject({ state: 'done', failed: 0 });
    expect(waits.filter((w) => w === 30_000)).toHaveLength(2);
    expect(waits).toContain(7_000);
    // Every asset still came from Binance (short waits are waited out within the run).
    const coverage = await app.call('market-history:coverage');
    expect(coverage.assets.find((a) => a.symbol === 'BTC')).toMatchObject({
      provider: 'binance',
      lastDay: '2021-09-17',
    });
    expect(progressOf(app).some((e) => e.note?.includes('asked Ballast to slow down: waiting 30 s'))).toBe(true);
  });

  it('moves on to the next exchange of the chain when one is down, or asks for a long pause', async () => {
    clock = fixedClock(noonOf(LAST_DATA_DAY + 1));
    emu.setFault('binance', { kind: 'down' });
    const app = await downloaded(10);
    const coverage = await app.call('market-history:coverage');
    const of = (s: string) => coverage.assets.find((a) => a.symbol === s)!;
    expect(of('BTC')).toMatchObject({ provider: 'coinbaseexchange', market: 'BTC/USD', lastDay: '2021-09-17' });
    expect(of('XRP')).toMatchObject({ provider: 'kraken', market: 'XRP/USD' });
    // Only Binance lists BNB here: it is reported, not called delisted.
    expect(of('BNB')).toMatchObject({ status: 'error', days: 0 });
    expect(of('BNB').notes.join(' ')).toContain('Binance could not be reached');

    // A Retry-After beyond a minute ends that exchange's part of the run; its assets move on.
    emu.setFault('binance', { kind: 'rate-limit', path: '/klines', retryAfter: '600' });
    const other = await downloaded(10);
    const of2 = (s: string) => other.context.marketHistory.coverage().assets.find((a) => a.symbol === s)!;
    expect(of2('ETH')).toMatchObject({ provider: 'coinbaseexchange', lastDay: '2021-09-17' });
    expect(progressOf(other).some((e) => e.note?.includes('Binance asked Ballast to wait until'))).toBe(true);
  });

  it('reports the gaps an exchange has and keeps a delisted asset with its history', async () => {
    clock = fixedClock(noonOf(LAST_DATA_DAY - 2));
    const gapFrom = Date.UTC(2021, 2, 10) / DAY_MS;
    const gapped = await startHistoryApp({ gaps: { binance: { ETH: [[gapFrom, gapFrom + 4]] } } });
    const eth = gapped.context.marketHistory.coverage().assets.find((a) => a.symbol === 'ETH')!;
    expect(eth.gaps).toEqual([{ after: '2021-03-09', before: '2021-03-15', missing: 5 }]);

    // DOGE is delisted everywhere; a later update keeps what is stored and says so.
    const app = await downloaded(10);
    const before = app.context.marketHistory.history()['DOGE']!;
    for (const ex of PRICE_SOURCES) emu.delist(ex, 'DOGE');
    clock.advance(2 * DAY_MS);
    const run = await app.call('market-history:update', { topN: 10, wait: true });
    expect(run.state).toBe('done');
    const doge = app.context.marketHistory.coverage().assets.find((a) => a.symbol === 'DOGE')!;
    expect(doge).toMatchObject({ status: 'delisted', days: before.length });
    expect(doge.notes.join(' ')).toContain('stored history is kept');
    expect(app.context.marketHistory.history()['DOGE']).toEqual(before);
  });

  async function startHistoryApp(world: { gaps: Record<string, Record<string, [number, number][]>> }) {
    // The gap is served by a second emulator of its own; everything else stays in the shared one.
    const { startHistoryEmulator, fromSharedData } = await import('../emulator/history-server');
    const { defaultListings, geckoIds } = await import('../emulator/history-world');
    const own = await startHistoryEmulator({
      data: fromSharedData(HISTORY!, geckoIds()),
      listings: defaultListings(HISTORY!),
      now: () => clock.now(),
      gaps: world.gaps,
    });
    try {
      const app = await startApp({ ...historyOptions(emu, clock), ...own.options });
      await app.call('market-history:update', { topN: 10, wait: true });
      return app;
    } finally {
      await own.close();
    }
  }
});

describe.skipIf(!HISTORY)(`market history: stopping and resuming ${HISTORY_SKIP}`, () => {
  it('continues a cancelled run where it stopped, fetching nothing twice', async () => {
    clock = fixedClock(noonOf(LAST_DATA_DAY + 1));
    let app: TestApp | null = null;
    let cancelled = false;
    app = await startApp({
      ...historyOptions(emu, clock),
      emit: (event, payload) => {
        const p = payload as MarketHistoryProgress;
        if (!cancelled && event === 'market-history:progress' && p.phase === 'prices' && p.done >= 4) {
          cancelled = app?.context.marketHistory.cancel() ?? false;
        }
      },
    });
    // Without `wait` the update answers at once with the run as it stands.
    const started = await app.call('market-history:update', { topN: 20 });
    expect(started).toMatchObject({ state: 'running', finishedAt: null, topN: 20 });
    expect(await app.call('market-history:status')).toMatchObject({ running: true });
    await app.context.marketHistory.idle();
    const status = await app.call('market-history:status');
    expect(status).toMatchObject({ running: false, resumable: true, lastRun: { state: 'cancelled' } });
    const complete = app.context.marketHistory
      .coverage()
      .assets.filter((a) => a.status === 'ok' && a.lastDay === '2021-09-17' && a.provider === 'binance')
      .map((a) => a.symbol);
    expect(complete.length).toBeGreaterThanOrEqual(2);

    const from = emu.requests.length;
    const second = await app.call('market-history:update', { topN: 20, wait: true });
    expect(second).toMatchObject({ state: 'done', assets: 20 });
    for (const s of complete) expect(candleRequests(from, 'binance', `${s}USDT`), s).toEqual([]);
    expect((await app.call('market-history:status')).resumable).toBe(false);
    expectComplete(app, 20);
  });

  it('continues after the process was killed halfway, with every stored file intact', async () => {
    clock = fixedClock(noonOf(LAST_DATA_DAY + 1));
    const dataDir = tempDir('ballast-mh-crash-');
    const keychainFile = join(tempDir('ballast-mh-keychain-'), 'keychain.json');
    const config = { dataDir, keychainFile, now: clock.now(), topN: 10, catalogDay: LAST_DATA_DAY, urls: emu.options };
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test/main/support/market-history-child.ts'), JSON.stringify(config)],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let killedAt: MarketHistoryProgress | null = null;
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        const p = JSON.parse(buffer.slice(0, i)) as MarketHistoryProgress;
        buffer = buffer.slice(i + 1);
        if (!killedAt && p.phase === 'prices' && p.done >= 4) {
          killedAt = p;
          child.kill('SIGKILL');
        }
      }
    });
    const code = await new Promise<string | null>((resolve) => child.on('exit', (_c, signal) => resolve(signal)));
    expect(code).toBe('SIGKILL');
    expect(killedAt).not.toBeNull();

    const from = emu.requests.length;
    const app = await startApp({
      ...historyOptions(emu, clock),
      dataDir,
      vault: { service: KILL_KEYCHAIN_SERVICE, keytar: fileKeytar(keychainFile) },
    });
    // Nothing was damaged: no file had to be moved aside.
    expect(app.events.filter((e) => e.event === 'notice')).toEqual([]);
    const stored = app.context.marketHistory.coverage().assets.filter((a) => a.days > 0);
    const run = await app.call('market-history:update', { topN: 10, wait: true });
    expect(run.state).toBe('done');
    // Assets whose history was complete before the kill are not fetched again.
    const whole = stored
      .filter((a) => a.provider === 'binance' && HISTORY!.series.get(a.symbol)!.candles.length === a.days)
      .map((a) => a.symbol);
    expect(whole.length).toBeGreaterThan(0);
    for (const s of whole) expect(candleRequests(from, 'binance', `${s}USDT`), s).toEqual([]);
    expectComplete(app, 10);
  });
});

describe.skipIf(!HISTORY)(`market history offline and day to day ${HISTORY_SKIP}`, () => {
  it('serves history, coverage and status from the store with no network, and an update changes nothing', async () => {
    clock = fixedClock(noonOf(LAST_DATA_DAY + 1));
    const app = await downloaded(10);
    const history = app.context.marketHistory.history();
    const days = app.context.marketHistory.coverage().totals.candleDays;
    await app.stop();

    for (const s of HISTORY_SOURCES) emu.setFault(s, { kind: 'down' });
    const offline = await startApp({ ...historyOptions(emu, clock), dataDir: app.dataDir });
    expect(offline.context.marketHistory.history()).toEqual(history);
    expect((await offline.call('market-history:coverage')).totals.candleDays).toBe(days);
    expect(await offline.call('market-history:status')).toMatchObject({ stale: false, running: false });
    const run = await offline.call('market-history:update', { topN: 10, wait: true });
    expect(run).toMatchObject({ state: 'done', failed: 10 });
    expect(run.message).toContain('Not reachable');
    const coverage = offline.context.marketHistory.coverage();
    expect(coverage.assets.every((a) => a.status !== 'delisted' && a.status !== 'no-market')).toBe(true);
    expect(coverage.totals.candleDays).toBe(days);
    expect(offline.context.marketHistory.history()).toEqual(history);
  });

  it('fetches only the new days in a daily update', async () => {
    clock = fixedClock(noonOf(LAST_DATA_DAY - 6));
    const app = await downloaded(10, { ...historyOptions(emu, clock, { catalogDay: LAST_DATA_DAY }) });
    expect(app.context.marketHistory.coverage().totals.lastDay).toBe('2021-09-10');
    clock.advance(7 * DAY_MS);
    const from = emu.requests.length;
    const run = await app.call('market-history:update', { topN: 10, wait: true });
    expect(run).toMatchObject({ state: 'done', newDays: 10 * 7 });
    const firstNew = (LAST_DATA_DAY - 6) * DAY_MS;
    const klines = emu.requests.slice(from).filter((r) => r.path === '/api/v3/klines');
    expect(klines.length).toBeGreaterThan(0);
    for (const r of klines) expect(Number(r.query.get('startTime'))).toBeGreaterThanOrEqual(firstNew);
    const caps = emu.requests
      .slice(from)
      .filter(
        (r) =>
          r.source === 'coinmetrics' &&
          r.path.endsWith('/asset-metrics') &&
          !r.query.has('next_page_token') &&
          r.path.includes('timeseries'),
      );
    expect(caps.map((r) => r.query.get('start_time'))).toEqual(['2021-09-11']);
    expect(app.context.marketHistory.coverage().totals.lastDay).toBe('2021-09-17');
    expectComplete(app, 10);
  });
});

/** Every ranked asset stored once per day of its CSV (nothing missing, nothing twice). */
function expectComplete(app: TestApp, n: number): void {
  const history = app.context.marketHistory.history();
  const ranked = app.context.marketHistory.coverage().assets.filter((a) => a.rank !== null);
  expect(ranked).toHaveLength(n);
  for (const a of ranked) {
    const csv = HISTORY!.series.get(a.symbol)!.candles.map((k) => k.t);
    const stored = history[a.symbol]!.map((k) => k.t);
    const provider = a.provider === 'kraken' ? csv.filter((t) => t > (LAST_DATA_DAY + 1 - 720) * DAY_MS) : csv;
    expect(stored, a.symbol).toEqual(provider);
  }
}
