/**
 * Sync benchmarks.
 *
 * (a) Parallel sync of 5 emulated accounts (Binance x2, Kraken x2, OKX) with 300 ms added to every
 *     request by the emulator: wall time of one run over all accounts divided by the slowest
 *     account synced alone (target <= 1.3: accounts do not wait on each other).
 * (b) Cold start-up cost of the sync layer in a fresh Node process: importing it and creating one
 *     exchange client, with ccxt loaded per exchange (what the app does) vs the whole ccxt library.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchRow } from './run';
import type { AccountMeta } from '../shared/domain/keys';
import { checkPermissions, createExchangeClient } from '../electron/services/exchange';
import { createConfStore } from '../electron/services/store';
import { SyncEngine } from '../electron/services/sync/engine';
import { BalanceStore } from '../electron/services/sync/balance-store';
import { startEmulator, type EmulatedExchangeId } from '../test/emulator/index';
import { credsOf, TEST_ACCOUNTS, testConfig } from '../test/emulator/fixtures';

const ROOT = resolve(import.meta.dirname, '..');
const LATENCY_MS = 300;
const RUNS = 3;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function parallelSync(): Promise<BenchRow[]> {
  const emu = await startEmulator(testConfig({ candleDays: 30 }));
  const dir = mkdtempSync(join(tmpdir(), 'ballast-bench-sync-'));
  try {
    const specs: [EmulatedExchangeId, 'read' | 'trade'][] = [
      ['binance', 'read'],
      ['binance', 'trade'],
      ['kraken', 'read'],
      ['kraken', 'trade'],
      ['okx', 'read'],
    ];
    const accounts: AccountMeta[] = specs.map(([ex, perm], i) => ({
      id: `acc-${i}`,
      label: `${ex} ${perm}`,
      exchange: ex,
      status: 'active',
      createdAt: 0,
      keyCreatedAt: 0,
      rotatedAt: null,
      lastUsedAt: null,
      lastVerifiedAt: null,
      permission: null,
      tradeAccepted: perm === 'trade',
      fingerprint: 'xxxx',
    }));
    const credsById = new Map(specs.map(([ex, perm], i) => [`acc-${i}`, credsOf(TEST_ACCOUNTS[ex][perm])]));
    const engineFor = (list: AccountMeta[]) =>
      new SyncEngine({
        accounts: { list: () => list },
        clientFor: async (id) => {
          const meta = accounts.find((a) => a.id === id)!;
          return createExchangeClient(meta.exchange, credsById.get(id)!, {
            apiUrls: emu.urlsFor(meta.exchange as EmulatedExchangeId),
            rateLimitMs: 5,
          });
        },
        checkPermissions,
        store: new BalanceStore(createConfStore, mkdtempSync(join(dir, 's-'))),
      });
    for (const ex of ['binance', 'kraken', 'okx'] as const) emu.setFault(ex, { kind: 'slow', delayMs: LATENCY_MS });
    // warm-up: module loading is measured in (b), not here
    await engineFor(accounts).run();

    const time = async (list: AccountMeta[]): Promise<number> => {
      const t0 = performance.now();
      const r = await engineFor(list).run();
      if (r.accounts.some((a) => a.status !== 'ok')) throw new Error('bench sync failed');
      return performance.now() - t0;
    };
    const all: number[] = [];
    const single: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      all.push(await time(accounts));
      const each: number[] = [];
      for (const a of accounts) each.push(await time([a]));
      single.push(Math.max(...each));
    }
    const wall = median(all);
    const slowest = median(single);
    const ratio = wall / slowest;
    return [
      {
        name: `sync: 5 accounts in parallel, ${LATENCY_MS} ms/request`,
        ms: wall,
        target: 'wall / slowest account <= 1.3',
        ok: ratio <= 1.3,
        note: `slowest single account ${slowest.toFixed(0)} ms, ratio ${ratio.toFixed(2)}`,
      },
    ];
  } finally {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Run a snippet in a fresh Node process (TypeScript through tsx); it prints a JSON line. */
function coldRun(snippet: string): { ms: number; heapMb: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', snippet], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`cold run failed: ${r.stderr}`);
  const line = r.stdout.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(line) as { ms: number; heapMb: number };
}

function coldStart(): BenchRow[] {
  const mod = (p: string) => JSON.stringify(join(ROOT, p));
  const measure = (body: string) => `
    const h0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    ${body}
    const ms = performance.now() - t0;
    globalThis.gc?.();
    console.log(JSON.stringify({ ms, heapMb: (process.memoryUsage().heapUsed - h0) / 1048576 }));
  `;
  const perExchange = measure(`
    const sync = await import(${mod('electron/services/sync/index.ts')});
    const ex = await import(${mod('electron/services/exchange/index.ts')});
    await ex.createExchangeClient('binance', null);
    if (typeof sync.createSyncService !== 'function') throw new Error('no sync');
  `);
  const whole = measure(`
    const sync = await import(${mod('electron/services/sync/index.ts')});
    const ccxt = await import('ccxt');
    new ccxt.default.binance({});
    if (typeof sync.createSyncService !== 'function') throw new Error('no sync');
  `);
  const rows: BenchRow[] = [];
  const a = median(Array.from({ length: RUNS }, () => coldRun(perExchange).ms));
  const aHeap = coldRun(perExchange).heapMb;
  const b = median(Array.from({ length: RUNS }, () => coldRun(whole).ms));
  const bHeap = coldRun(whole).heapMb;
  rows.push({
    name: 'sync layer cold start: import + binance client (ccxt per exchange)',
    ms: a,
    heapMb: aHeap,
    note: `fresh process, median of ${RUNS}`,
  });
  rows.push({
    name: 'sync layer cold start: import + binance client (whole ccxt)',
    ms: b,
    heapMb: bHeap,
    target: 'per-exchange loading faster',
    ok: a < b,
    note: `per-exchange saves ${(b - a).toFixed(0)} ms`,
  });
  return rows;
}

export default async function (): Promise<BenchRow[]> {
  return [...(await parallelSync()), ...coldStart()];
}
