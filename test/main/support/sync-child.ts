/**
 * A Ballast main process to kill: run as `node --import tsx test/main/support/sync-child.ts <config>`
 * by test/main/sync-kill.test.ts. It starts the real services (createServices) on the data folder it
 * is given, against the exchange emulator the test runs, adds one read-only account per emulated
 * exchange on its first start, then syncs round after round until it is killed, printing
 * `synced <n>` after each round. A plain module (no test runner).
 *
 * Keys live in a small JSON file next to the data folder: the in-memory keychain of the other tests
 * would not outlive the process, and the real one is not under test here. Test keys only.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createServices } from '../../../electron/services/app-services';
import type { KeytarLike } from '../../../electron/services/vault';
import type { EmulatedExchangeId } from '../../emulator/index';
import { credsOf } from '../../emulator/fixtures';
import { READ_KEYS } from './keys';
import { testServicesOptions } from './services';

export interface SyncChildConfig {
  dataDir: string;
  /** The stand-in keychain's file (outside the data folder). */
  keychainFile: string;
  exchangeApiUrls: Record<string, unknown>;
  exchanges: EmulatedExchangeId[];
}

/** The name of the activity log's keychain item in the file keychain (see logKeyScopeFor). */
export const KILL_LOG_SCOPE = 'kill-test';
export const KILL_KEYCHAIN_SERVICE = 'Ballast Kill';

/**
 * A keytar stand-in that keeps its items in a JSON file, so they outlive the process; every process
 * on the same file is the same installation (one `scope`). Written through a rename, so a kill never
 * leaves it half written (a real keychain does not tear either).
 */
export function fileKeytar(path: string): KeytarLike & { scope: string } {
  const read = (): Record<string, string> =>
    existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {};
  const save = (items: Record<string, string>) => {
    writeFileSync(`${path}.next`, JSON.stringify(items));
    renameSync(`${path}.next`, path);
  };
  const key = (s: string, a: string) => `${s}\u0000${a}`;
  return {
    scope: KILL_LOG_SCOPE,
    getPassword: (s, a) => Promise.resolve(read()[key(s, a)] ?? null),
    setPassword: (s, a, p) => {
      save({ ...read(), [key(s, a)]: p });
      return Promise.resolve();
    },
    deletePassword: (s, a) => {
      const items = read();
      const had = key(s, a) in items;
      delete items[key(s, a)];
      save(items);
      return Promise.resolve(had);
    },
  };
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as SyncChildConfig;
  const services = await createServices(
    testServicesOptions(
      config.dataDir,
      { events: [], notifications: [] },
      {
        exchangeApiUrls: config.exchangeApiUrls,
        exchangeRateLimitMs: 1,
        exchangeTimeoutMs: 5_000,
        vault: { service: KILL_KEYCHAIN_SERVICE, keytar: fileKeytar(config.keychainFile) },
        syncRetry: { attempts: 1, baseMs: 1, capMs: 1 },
      },
    ),
  );
  const ctx = services.context;
  ctx.settings.update({ syncIntervalMinutes: 0 });
  if (ctx.accounts.list().length === 0) {
    for (const ex of config.exchanges) {
      await ctx.accounts.add({ exchange: ex, label: ex, ...credsOf(READ_KEYS[ex]) });
    }
  }
  process.stdout.write('ready\n');
  for (let round = 1; ; round++) {
    await ctx.sync.syncNow();
    process.stdout.write(`synced ${round}\n`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
