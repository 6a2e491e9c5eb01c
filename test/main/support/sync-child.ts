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
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

/** A keytar stand-in that keeps its items in a JSON file, so they outlive the process. */
function fileKeytar(path: string): KeytarLike {
  const read = (): Record<string, string> =>
    existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {};
  const key = (s: string, a: string) => `${s}\u0000${a}`;
  return {
    getPassword: (s, a) => Promise.resolve(read()[key(s, a)] ?? null),
    setPassword: (s, a, p) => {
      writeFileSync(path, JSON.stringify({ ...read(), [key(s, a)]: p }));
      return Promise.resolve();
    },
    deletePassword: (s, a) => {
      const items = read();
      const had = key(s, a) in items;
      delete items[key(s, a)];
      writeFileSync(path, JSON.stringify(items));
      return Promise.resolve(had);
    },
  };
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as SyncChildConfig;
  const services = await createServices(
    testServicesOptions(config.dataDir, { events: [], notifications: [] }, {
      exchangeApiUrls: config.exchangeApiUrls,
      exchangeRateLimitMs: 1,
      exchangeTimeoutMs: 5_000,
      vault: { service: 'Ballast Kill', keytar: fileKeytar(config.keychainFile) },
      syncRetry: { attempts: 1, baseMs: 1, capMs: 1 },
    }),
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

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
