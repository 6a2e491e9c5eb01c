/**
 * Killed mid-sync: a real Ballast main process (test/main/support/sync-child.ts) syncs three read-only
 * accounts against the local exchange emulator round after round, and is SIGKILLed at a random moment,
 * many times on the same data folder. Between two kills it is also frozen (SIGSTOP) at random moments
 * while its data folder is copied, then thawed: the copy is exactly what a kill at that moment would
 * leave (a killed process makes no further write, a frozen one makes none until thawed), so each
 * process, slow to start, is probed many times before it is killed for real. After every kill and in
 * every copy the data folder must hold:
 * - no mixed rounds: balances.json is one sync's outcome (every account's balances and state, the
 *   prices and the run summary written by the same round), never parts of two;
 * - no corrupt file: every JSON file parses, the snapshot and activity logs read back without a bad line
 *   (a kill cannot tear a single write) and the activity log's chain and signatures verify against
 *   the process's keychain;
 * - temporary files only from the writes the kill interrupted, removed by the sweep at the next start
 *   once they are older than a minute.
 *
 * KILL_SEED=<n> replays another seed; KILL_RUNS=<n> changes the number of kills per folder (3, in two
 * folders side by side), KILL_PROBES=<n>
 * the number of frozen copies before each kill (10; none on Windows, which cannot freeze a process).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActivityLog } from '../../electron/services/activity';
import { activityLogItem } from '../../electron/services/app-services';
import { prepareDataDir } from '../../electron/services/files/data-dir';
import type { BalancesFile } from '../../electron/services/sync/balance-store';
import { SnapshotStore } from '../../electron/services/sync/snapshot-store';
import { Vault } from '../../electron/services/vault';
import { mulberry32 } from '../../shared/random';
import type { EmulatedExchangeId } from '../emulator/index';
import { cleanUpAfterAll, onCleanUp, tempDir } from './support/cleanup';
import { emulatorOptions, useEmulator } from './support/emulator';
import { filesUnder } from './support/files';
import { ROOT } from './support/services';
import { fileKeytar, KILL_KEYCHAIN_SERVICE, KILL_LOG_SCOPE, type SyncChildConfig } from './support/sync-child';

const SEED = Number(process.env['KILL_SEED'] ?? 0x6b111);
/** Data folders killed side by side (the processes are slow to start, the machine often idle meanwhile). */
const LANES = 2;
/** Kills per data folder. */
const RUNS = Number(process.env['KILL_RUNS'] ?? 3);
const PROBES = process.platform === 'win32' ? 0 : Number(process.env['KILL_PROBES'] ?? 10);
const EXCHANGES: EmulatedExchangeId[] = ['binance', 'kraken', 'okx'];

const emu = useEmulator();
cleanUpAfterAll();

/** Starts the child; resolves once it has synced `rounds` times, with the time a round took after the first. */
function startChild(config: SyncChildConfig, rounds: number): Promise<{ child: ChildProcess; roundMs: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test/main/support/sync-child.ts'), JSON.stringify(config)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  onCleanUp(() => void child.kill('SIGKILL'));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const stamps: number[] = [];
    child.stdout!.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        if (!line.startsWith('synced ')) continue;
        stamps.push(Date.now());
        if (stamps.length === rounds) {
          const roundMs = stamps.length > 1 ? (stamps.at(-1)! - stamps[0]!) / (stamps.length - 1) : 200;
          resolve({ child, roundMs });
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the sync process exited (${code ?? signal}): ${stderr}`));
    });
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** What is wrong with the data folder a killed process left (empty when nothing); its keychain is in `keychainFile`. */
async function problemsIn(dataDir: string, keychainFile: string): Promise<string[]> {
  const problems: string[] = [];
  const files = filesUnder(dataDir);
  for (const f of files.filter((name) => name.endsWith('.json'))) {
    try {
      JSON.parse(readFileSync(join(dataDir, f), 'utf8'));
    } catch {
      problems.push(`${f} does not parse`);
    }
  }
  const corrupt = files.filter((f) => f.includes('.corrupt-') || f.includes('.cut-'));
  if (corrupt.length > 0) problems.push(`recovery copies: ${corrupt.join(', ')}`);

  const balances = JSON.parse(readFileSync(join(dataDir, 'balances.json'), 'utf8')) as BalancesFile;
  const run = balances.lastRun;
  if (run) {
    const end = run.finishedAt ?? Number.POSITIVE_INFINITY;
    const within = (t: number | null | undefined) => typeof t === 'number' && t >= run.startedAt && t <= end;
    // An account the round could not read keeps its last good balances (and its exchange its last
    // prices): older than the round, but never newer, and only when its state says it is stale.
    const readThisRound = new Set<string>();
    for (const [id, s] of Object.entries(balances.states)) {
      if (!within(s.lastAttemptAt)) problems.push(`the state of ${id} is from another round than the run summary`);
      else if (!s.stale && s.lastError === null) readThisRound.add(id);
    }
    for (const [id, b] of Object.entries(balances.accounts)) {
      const fromThisRound = within(b.fetchedAt);
      if (readThisRound.has(id) ? !fromThisRound : b.fetchedAt > end || fromThisRound) {
        problems.push(`balances of ${id} are from another round than the run summary`);
      }
    }
    const exchangesRead = new Set([...readThisRound].map((id) => balances.accounts[id]?.exchange));
    for (const [ex, t] of Object.entries(balances.tickers)) {
      if (exchangesRead.has(ex) ? !within(t.at) : t.at > end) {
        problems.push(`the ${ex} prices are from another round than the run summary`);
      }
    }
  } else if (Object.keys(balances.accounts).length > 0) {
    problems.push('balances are stored without the run that fetched them');
  }

  const snapshots = SnapshotStore.open(join(dataDir, 'snapshots.jsonl'));
  if (snapshots.report.tornTail || snapshots.report.invalidLines.length > 0)
    problems.push('snapshots.jsonl was damaged');
  const vault = new Vault({ service: KILL_KEYCHAIN_SERVICE, keytar: fileKeytar(keychainFile) });
  const item = activityLogItem(KILL_LOG_SCOPE);
  const log = await ActivityLog.open({
    path: join(dataDir, 'activity.jsonl'),
    maxAgeDays: null,
    maxEntries: null,
    keychain: { read: () => vault.getAppItem(item), write: (v) => vault.setAppItem(item, v) },
  });
  if (log.report.tornTail || log.report.invalidLines.length > 0) problems.push('activity.jsonl was damaged');
  const chain = await log.verify();
  if (!chain.ok) problems.push(`activity log: ${chain.reason}`);
  else if (chain.warning) problems.push(`activity log: ${chain.warning}`);
  return problems;
}

/** Kills `runs` processes one after the other on one data folder; resolves to the problems found. */
async function lane(root: string, runs: number, random: () => number): Promise<string[]> {
  const config: SyncChildConfig = {
    dataDir: join(root, 'data'),
    keychainFile: join(root, 'keychain.json'),
    exchangeApiUrls: emulatorOptions(emu, { exchanges: EXCHANGES }).exchangeApiUrls ?? {},
    exchanges: EXCHANGES,
  };
  const found: string[] = [];
  // Anywhere within the next round or two, so some moments fall while files are being written.
  let roundMs = 0;
  const pause = () => new Promise((r) => setTimeout(r, Math.floor(random() * roundMs * 2)));
  for (let run = 1; run <= runs; run++) {
    const started = await startChild(config, run === 1 ? 3 : 1);
    const child = started.child;
    if (run === 1) roundMs = started.roundMs;
    for (let probe = 1; probe <= PROBES; probe++) {
      await pause();
      const copy = join(root, `probe-${run}-${probe}`);
      child.kill('SIGSTOP');
      try {
        cpSync(config.dataDir, join(copy, 'data'), { recursive: true });
        cpSync(config.keychainFile, join(copy, 'keychain.json'));
      } finally {
        child.kill('SIGCONT');
      }
      for (const p of await problemsIn(join(copy, 'data'), join(copy, 'keychain.json'))) {
        found.push(`kill ${run}, frozen copy ${probe}: ${p}`);
      }
      rmSync(copy, { recursive: true, force: true });
    }
    await pause();
    await kill(child);
    for (const p of await problemsIn(config.dataDir, config.keychainFile)) found.push(`kill ${run}: ${p}`);
  }
  // Temporary files a kill left behind go at the next start, once older than a minute.
  await prepareDataDir(config.dataDir, { now: Date.now() + 61_000 });
  const temp = filesUnder(config.dataDir).filter((f) => f.includes('.tmp-'));
  if (temp.length > 0) found.push(`temporary files left after the sweep: ${temp.join(', ')}`);
  return found;
}

describe('a main process killed while it syncs', () => {
  it(`leaves no mixed round and no corrupt file, ${LANES * RUNS} kills and ${LANES * RUNS * PROBES} frozen copies`, async () => {
    const random = mulberry32(SEED);
    const found = await Promise.all(
      Array.from({ length: LANES }, (_, i) => lane(tempDir(`ballast-kill-${i}-`), RUNS, random)),
    );
    expect(found.flatMap((f, i) => f.map((p) => `lane ${i + 1}, ${p}`))).toEqual([]);
  }, 600_000);
});
