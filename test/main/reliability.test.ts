/**
 * Kept whole: one seeded fault loop and the checks it runs after every sync.
 *
 * Reliability under randomized exchange faults: the real services (createServices) and the real ccxt
 * clients against the local exchange emulator, with three read-only accounts (Binance, Kraken, OKX).
 *
 * Every run draws, from a seeded PRNG, one fault per exchange (or none): 401, 403, 429, 5xx, a hang
 * until the client times out, truncated JSON or a slow answer; on every path or one path; for the
 * next N requests or for good. Then it syncs and checks:
 * - nothing crashed: the sync answered, no unhandled rejection;
 * - each account is either ok (fresh balances) or stale with a known error code and a plain message;
 * - what a fault must cause, it causes (no fault: ok; a fault for good on every path: that error);
 * - retries are bounded (requests per exchange <= attempts x (the requests of one clean attempt + 1))
 *   with backoff waits within the policy (or exactly the Retry-After Binance's 429 asks for), and
 *   authentication/permission failures are not retried;
 * - exactly one new snapshot per run with at least one account ok, none otherwise, no duplicate id;
 * - a failing account keeps the balances of its last good sync.
 * Every few runs the app is restarted on the same data folder: the snapshots read back from disk are
 * the ones written (none lost), the balances are the ones kept.
 *
 * Time is a test clock per lane: the sync's waits move it, and each run starts a minute and a bit
 * after the last, so a pause an exchange asked for in one run (Binance: 30 s) is over by the next.
 * Keys live in an in-memory keychain (the keychain itself is covered by accounts-ipc and vault
 * tests), so the suite needs no Secret Service. RELIABILITY_SEED=<n> replays another seed;
 * RELIABILITY_RUNS=<n> changes the number of runs (200).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncService } from '../../electron/services/sync';
import type { AccountBalances } from '../../electron/services/sync/balance-store';
import type { RetryPolicy } from '../../electron/services/sync/retry';
import { SnapshotStore } from '../../electron/services/sync/snapshot-store';
import type { KeytarLike } from '../../electron/services/vault';
import { EXCHANGE_ERROR_CODES } from '../../shared/errors';
import type { SyncProgress } from '../../shared/ipc/channels/sync';
import { mulberry32 } from '../../shared/random';
import { startEmulator, type EmulatedExchangeId, type Emulator, type Fault, type FaultKind } from '../emulator/index';
import { TEST_BALANCES, testConfig } from '../emulator/fixtures';
import { cleanUpAfterAll, tempDir } from './support/cleanup';
import { startApp, type TestApp } from './support/app';
import { addAccounts, emulatorOptions } from './support/emulator';
import { READ_KEYS } from './support/keys';
import { fixedClock, type TestClock } from './support/clock';
import { memoryKeytar } from './support/keychain';

const SEED = Number(process.env['RELIABILITY_SEED'] ?? 0x5eed_ba11);
const RUNS = Number(process.env['RELIABILITY_RUNS'] ?? 200);
/** Independent apps (each with its own emulator and data folder) running their runs side by side. */
const LANES = 3;
/** Runs between restarts of an app. */
const RUNS_PER_SESSION = 20;
/** Client timeout: short, yet far above what an answer takes on a busy machine. */
const TIMEOUT_MS = 600;
const RETRY: RetryPolicy = { attempts: 3, baseMs: 1, capMs: 4 };
/** The wait Binance's 429 asks for (the emulator's `Retry-After: 30`), honoured exactly. */
const BINANCE_RETRY_AFTER_MS = 30_000;
/** Test time between two runs: longer than any pause a fault asks for. */
const BETWEEN_RUNS_MS = 61_000;
const EXCHANGES: readonly EmulatedExchangeId[] = ['binance', 'kraken', 'okx'];
const NAMES: Record<EmulatedExchangeId, string> = { binance: 'Binance', kraken: 'Kraken', okx: 'OKX' };
/** Every code a failed exchange call maps to, and the refusal of a key that gained withdraw permission. */
const KNOWN_CODES = new Set<string>([...EXCHANGE_ERROR_CODES, 'key-withdraw-enabled']);
const NOT_RETRIED = new Set(['auth', 'permission', 'key-withdraw-enabled']);

/**
 * The error a fault answering every request of the sync must end in. ('zero-balances' is no failure:
 * the account asks for confirmation; it is not drawn here, see sync-balance-guard.test.ts.)
 */
const EXPECTED_CODE: Record<Exclude<FaultKind, 'slow'>, string> = {
  unauthorized: 'auth',
  forbidden: 'permission',
  'rate-limit': 'rate-limit',
  'ip-ban': 'rate-limit',
  'clock-skew': 'clock-skew',
  'server-error': 'exchange-down',
  timeout: 'timeout',
  'malformed-json': 'bad-response',
  'empty-body': 'bad-response',
  'null-body': 'bad-response',
  'html-body': 'bad-response',
  'empty-object': 'bad-response',
  'empty-array': 'bad-response',
  'zero-balances': 'none',
};

interface FaultPath {
  path: string;
  /** 'balance': the sync fails when it does; 'markets': ccxt's market list, needed for balances too;
   *  'permission': the key check (only an auth failure there stops the sync); 'prices': best effort. */
  role: 'balance' | 'markets' | 'permission' | 'prices';
}

const PATHS: Record<EmulatedExchangeId, FaultPath[]> = {
  binance: [
    { path: '/api/v3/account', role: 'balance' },
    { path: '/api/v3/exchangeInfo', role: 'markets' },
    { path: '/sapi/v1/account/apiRestrictions', role: 'permission' },
    { path: '/api/v3/ticker', role: 'prices' },
  ],
  kraken: [
    { path: '/0/private/Balance', role: 'balance' },
    { path: '/0/public/AssetPairs', role: 'markets' },
    { path: '/0/private/GetApiKeyInfo', role: 'permission' },
    { path: '/0/public/Ticker', role: 'prices' },
  ],
  okx: [
    { path: '/api/v5/account/balance', role: 'balance' },
    { path: '/api/v5/public/instruments', role: 'markets' },
    { path: '/api/v5/account/config', role: 'permission' },
    { path: '/api/v5/market/tickers', role: 'prices' },
  ],
};

// ---------------------------------------------------------------------------------------------------
// Random faults

const WEIGHTED_KINDS: [FaultKind, number][] = [
  ['unauthorized', 3],
  ['forbidden', 2],
  ['rate-limit', 4],
  ['server-error', 4],
  ['malformed-json', 4],
  ['slow', 3],
  ['timeout', 2],
];

interface PlannedFault {
  fault: Fault;
  role: FaultPath['role'] | 'all';
}

function drawFault(rand: () => number, exchange: EmulatedExchangeId): PlannedFault | null {
  if (rand() < 0.3) return null;
  const total = WEIGHTED_KINDS.reduce((s, [, w]) => s + w, 0);
  let x = rand() * total;
  let kind: FaultKind = 'server-error';
  for (const [k, w] of WEIGHTED_KINDS) {
    if ((x -= w) < 0) {
      kind = k;
      break;
    }
  }
  const onePath = rand() < 0.6 ? PATHS[exchange][Math.floor(rand() * PATHS[exchange].length)]! : null;
  // hangs are expensive: mostly once, never for good on every path
  const forGood = kind === 'timeout' ? onePath !== null && rand() < 0.4 : rand() < 0.45;
  const fault: Fault = {
    kind,
    ...(onePath ? { path: onePath.path } : {}),
    ...(forGood ? {} : { times: 1 + Math.floor(rand() * (kind === 'timeout' ? 2 : 5)) }),
    ...(kind === 'slow' ? { delayMs: 10 + Math.floor(rand() * 50) } : {}),
    ...(kind === 'server-error' ? { status: [500, 502, 503][Math.floor(rand() * 3)]! } : {}),
  };
  return { fault, role: onePath?.role ?? 'all' };
}

// ---------------------------------------------------------------------------------------------------
// Harness

interface App extends TestApp {
  sync: SyncService;
  sleeps: number[];
  /** Errors of attempts that were retried, per account (from the progress events). */
  retriedErrors: { accountId: string; code: string; message: string }[];
}

async function startLaneApp(emu: Emulator, dataDir: string, keytar: KeytarLike, clock: TestClock): Promise<App> {
  const sleeps: number[] = [];
  const retriedErrors: App['retriedErrors'] = [];
  const app = await startApp({
    dataDir,
    ...emulatorOptions(emu, { rateLimitMs: 2, timeoutMs: TIMEOUT_MS }),
    vault: { service: 'Ballast Reliability', keytar },
    syncRetry: RETRY,
    now: clock.now,
    syncSleep: (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
      return new Promise((r) => setImmediate(r));
    },
    emit: (event, payload) => {
      if (event !== 'sync:progress') return;
      for (const a of (payload as SyncProgress).accounts) {
        if (a.status === 'retrying' && a.error) retriedErrors.push({ accountId: a.accountId, ...a.error });
      }
    },
  });
  return Object.assign(app, { sync: app.context.sync, sleeps, retriedErrors });
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

interface LaneReport {
  runs: number;
  outcomes: Record<string, number>;
  predicted: number;
  snapshots: number;
  restarts: number;
  /** Runs in which an unfaulted account had to retry after a timeout (machine too busy). */
  spuriousTimeouts: number;
}

/** One app with its own emulator: `runs` randomized fault runs, restarting every few runs. */
async function lane(index: number, runs: number): Promise<LaneReport> {
  const rand = mulberry32(SEED + index * 7919);
  const emu = await startEmulator(testConfig({ candleDays: 40, seed: index + 1 }));
  const dataDir = tempDir(`ballast-reliability-${index}-`);
  const keytar = memoryKeytar();
  const report: LaneReport = { runs: 0, outcomes: {}, predicted: 0, snapshots: 0, restarts: 0, spuriousTimeouts: 0 };
  const clock = fixedClock(Date.now());
  let app = await startLaneApp(emu, dataDir, keytar, clock);
  try {
    const ids = await addAccounts(app, READ_KEYS);
    const exchangeOf = Object.fromEntries(EXCHANGES.map((x) => [ids[x], x])) as Record<string, EmulatedExchangeId>;

    // A clean run: how many requests one attempt of each account makes.
    let mark = emu.requests.length;
    const clean = await app.call('sync:now', { wait: true });
    expect(clean.accounts.map((a) => a.status)).toEqual(['ok', 'ok', 'ok']);
    // One more is allowed per attempt: when the market list fails to load during the key check
    // (which then ends 'unverified'), fetching the balances loads it again.
    const perAttempt = {} as Record<EmulatedExchangeId, number>;
    for (const ex of EXCHANGES) perAttempt[ex] = emu.requests.slice(mark).filter((r) => r.exchange === ex).length + 1;
    await app.sync.historyIdle();
    for (const ex of EXCHANGES) expect(perAttempt[ex]).toBeGreaterThan(1);

    // What each account should show when it fails: its last good balances.
    const lastGood: Record<string, AccountBalances | undefined> = { ...app.sync.balances.balances() };
    let snapshotIds = app.sync.snapshots.list().map((s) => s.id);
    expect(snapshotIds).toEqual([`sync-${clean.runId}`]);

    for (let run = 0; run < runs; run++) {
      const where = `lane ${index} run ${run} (seed ${SEED})`;
      if (run > 0 && run % RUNS_PER_SESSION === 0) {
        // restart on the same data folder: what is on disk is what was confirmed
        await app.stop();
        const fromDisk = SnapshotStore.open(join(dataDir, 'snapshots.jsonl'));
        expect(
          fromDisk.list().map((s) => s.id),
          where,
        ).toEqual(snapshotIds);
        expect(fromDisk.report.backupPath, where).toBeNull();
        app = await startLaneApp(emu, dataDir, keytar, clock);
        expect(
          app.sync.snapshots.list().map((s) => s.id),
          where,
        ).toEqual(snapshotIds);
        expect(app.sync.balances.balances(), where).toEqual(lastGood);
        report.restarts += 1;
      }

      const plan = {} as Record<EmulatedExchangeId, PlannedFault | null>;
      for (const ex of EXCHANGES) {
        plan[ex] = drawFault(rand, ex);
        emu.setFault(ex, plan[ex]?.fault ?? null);
      }
      const statesBefore = app.sync.balances.states();
      clock.advance(BETWEEN_RUNS_MS);
      const sleepsBefore = app.sleeps.length;
      const retriedBefore = app.retriedErrors.length;
      mark = emu.requests.length;
      const summary = await app.call('sync:now', { wait: true });
      const requests = emu.requests.slice(mark);
      for (const ex of EXCHANGES) emu.setFault(ex, null);
      await app.sync.historyIdle();
      const planText = JSON.stringify(plan);

      expect(unhandled, where).toEqual([]);
      expect(summary.state, where).toBe('done');
      expect(summary.accounts.map((a) => a.accountId).sort(), where).toEqual(Object.values(ids).sort());
      const status = await app.call('sync:status');
      const balances = app.sync.balances.balances();
      let anyOk = false;
      let retried = 0;
      for (const acc of summary.accounts) {
        const ex = exchangeOf[acc.accountId]!;
        const p = plan[ex];
        const retriedAfter = app.retriedErrors.slice(retriedBefore).filter((e) => e.accountId === acc.accountId);
        const ctx = `${where}, ${ex}, plan ${planText}, result ${JSON.stringify(acc)}, retried after ${JSON.stringify(retriedAfter)}`;
        const st = status.accounts.find((a) => a.accountId === acc.accountId)!;
        expect(['ok', 'error'], ctx).toContain(acc.status);
        expect(acc.attempt, ctx).toBeGreaterThanOrEqual(1);
        expect(acc.attempt, ctx).toBeLessThanOrEqual(RETRY.attempts);
        const mine = requests.filter((r) => r.exchange === ex);
        // bounded retries: no attempt makes more requests than a clean one
        const seen = `${ctx}, requests ${JSON.stringify(mine.map((r) => [r.path, r.status, r.fault]))}`;
        expect(mine.length, seen).toBeLessThanOrEqual(acc.attempt * perAttempt[ex]);
        retried += acc.attempt - 1;
        report.outcomes[acc.status === 'ok' ? 'ok' : acc.error!.code] =
          (report.outcomes[acc.status === 'ok' ? 'ok' : acc.error!.code] ?? 0) + 1;

        if (acc.status === 'ok') {
          anyOk = true;
          expect(st, ctx).toMatchObject({ stale: false, lastError: null });
          expect(st.lastSuccessAt, ctx).toBe(st.lastAttemptAt);
          const amounts = Object.fromEntries(balances[acc.accountId]!.holdings.map((h) => [h.asset, h.total]));
          expect(amounts, ctx).toEqual(TEST_BALANCES[ex]);
          lastGood[acc.accountId] = balances[acc.accountId];
        } else {
          const code = acc.error?.code ?? '';
          expect(KNOWN_CODES.has(code), ctx).toBe(true);
          expect(acc.error!.message, ctx).toContain(NAMES[ex]);
          expect(acc.error!.message, ctx).not.toMatch(/https?:|\n\s+at |127\.0\.0\.1/);
          expect(st, ctx).toMatchObject({ stale: true, lastError: { code } });
          expect(st.lastSuccessAt, ctx).toBe(statesBefore[acc.accountId]?.lastSuccessAt ?? null);
          // the last good balances are kept as they were
          expect(balances[acc.accountId], ctx).toEqual(lastGood[acc.accountId]);
          if (NOT_RETRIED.has(code)) {
            expect(acc.attempt, ctx).toBe(1);
            expect(mine.length, seen).toBeLessThanOrEqual(perAttempt[ex]);
          } else {
            expect(acc.attempt, ctx).toBe(RETRY.attempts);
          }
        }

        // what the fault must cause
        if (!p || p.fault.kind === 'slow') {
          expect(acc.status, ctx).toBe('ok');
          // a busy machine may let a request outlive the client's timeout; nothing else is retried
          expect(
            retriedAfter.every((e) => e.code === 'timeout'),
            ctx,
          ).toBe(true);
          if (acc.attempt > 1) report.spuriousTimeouts += 1;
          report.predicted += 1;
        } else if (p.fault.times === undefined && (p.role === 'all' || p.role === 'balance' || p.role === 'markets')) {
          expect(acc.status, ctx).toBe('error');
          expect(acc.error?.code, ctx).toBe(EXPECTED_CODE[p.fault.kind]);
          report.predicted += 1;
        } else if (p.fault.times === undefined && p.role === 'prices') {
          // prices are best effort: the balances still count
          expect(acc.status, ctx).toBe('ok');
          report.predicted += 1;
        } else if (p.fault.times === undefined && p.role === 'permission' && p.fault.kind === 'unauthorized') {
          expect(acc.error?.code, ctx).toBe('auth');
          report.predicted += 1;
        }
      }
      // each retry waited once, within the policy's bounds
      expect(app.sleeps.length - sleepsBefore, where).toBe(retried);
      const binanceAsked = plan.binance?.fault.kind === 'rate-limit';
      for (const ms of app.sleeps.slice(sleepsBefore)) {
        if (binanceAsked && ms === BINANCE_RETRY_AFTER_MS) continue;
        expect(ms, where).toBeGreaterThanOrEqual(RETRY.baseMs / 2);
        expect(ms, where).toBeLessThanOrEqual(RETRY.capMs);
      }

      // snapshots: one per run with an account synced, none otherwise; never a duplicate
      const after = app.sync.snapshots.list().map((s) => s.id);
      if (anyOk) {
        expect(after, where).toEqual([...snapshotIds, `sync-${summary.runId}`]);
        report.snapshots += 1;
      } else {
        expect(after, where).toEqual(snapshotIds);
      }
      expect(new Set(after).size, where).toBe(after.length);
      snapshotIds = after;
      report.runs += 1;
    }

    // the portfolio still answers, from every account's last good balances
    const view = await app.call('portfolio:get');
    expect(view.sample).toBe(false);
    for (const ex of EXCHANGES) {
      expect(view.portfolio.positions.some((p) => p.custodyId === ids[ex])).toBe(lastGood[ids[ex]] !== undefined);
    }
    await app.stop();
    const finalStore = SnapshotStore.open(join(dataDir, 'snapshots.jsonl'));
    expect(finalStore.list().map((s) => s.id)).toEqual(snapshotIds);
    return report;
  } finally {
    await app.stop().catch(() => undefined);
    await emu.close();
  }
}

cleanUpAfterAll();

describe('sync under randomized exchange faults', () => {
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it(`survives ${RUNS} seeded fault runs over three accounts with consistent state`, async () => {
    const perLane = Math.ceil(RUNS / LANES);
    const reports = await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i, perLane)));
    const total = reports.reduce((s, r) => s + r.runs, 0);
    expect(total).toBeGreaterThanOrEqual(RUNS);
    expect(unhandled).toEqual([]);
    const outcomes: Record<string, number> = {};
    for (const r of reports) for (const [k, v] of Object.entries(r.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + v;
    // the draw exercised both sides: syncs that succeeded, and every kind of failure a fault maps to
    expect(outcomes['ok']).toBeGreaterThan(0);
    if (RUNS >= 200) {
      for (const code of ['auth', 'permission', 'rate-limit', 'exchange-down', 'bad-response', 'timeout']) {
        expect(outcomes[code] ?? 0, `no run ended in ${code}`).toBeGreaterThan(0);
      }
    }
    expect(reports.reduce((s, r) => s + r.restarts, 0)).toBeGreaterThan(0);
    console.info(
      `reliability: ${total} runs, seed ${SEED}, outcomes ${JSON.stringify(outcomes)}, ` +
        `${reports.reduce((s, r) => s + r.predicted, 0)} predicted outcomes checked, ` +
        `${reports.reduce((s, r) => s + r.snapshots, 0)} snapshots, ` +
        `${reports.reduce((s, r) => s + r.spuriousTimeouts, 0)} retries after a timeout without a fault`,
    );
  }, 180_000);
});
