/**
 * createServices options for tests, shared by the test/main harness (app.ts) and the E2E harness
 * (test/e2e/harness.ts): bundled assets, `conf` stores in the data folder, the activity log's keychain
 * item scoped (logKeyScopeFor), and every event and desktop notification recorded (then passed on to
 * the given `emit`/`notify`). A plain module: no test-runner imports, so Playwright can load it too.
 */
import { createHash, randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { ServicesOptions } from '../../../electron/services/app-services';
import { createConfStore } from '../../../electron/services/store';
import type { EventMap, EventName } from '../../../shared/ipc/contract';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const ASSETS_DIR = join(ROOT, 'assets');

/** What the services told the outside world, in order. */
export interface Recorded {
  /** Every event main emitted. */
  events: { event: EventName; payload: unknown }[];
  /** Every desktop notification main asked for. */
  notifications: { title: string; body: string }[];
}

/** A scope per keychain stand-in object without one of its own. */
const scopes = new WeakMap<object, string>();

/**
 * Which keychain item signs the activity log of `dataDir` (ServicesOptions.logKeyScope): with a keychain
 * stand-in, the stand-in's (its `scope`, which copies of it keep, so a copied data folder started with
 * a copy of its keychain is the same installation); on the real keychain, which every test shares, one
 * per data folder.
 */
export function logKeyScopeFor(dataDir: string, keytar?: object): string {
  if (keytar) {
    const own = (keytar as { scope?: unknown }).scope;
    if (typeof own === 'string') return own;
    if (!scopes.has(keytar)) scopes.set(keytar, randomUUID().slice(0, 8));
    return scopes.get(keytar)!;
  }
  return createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
}

/** Options for createServices in `dataDir`, recording into `recorded`; `overrides` win over the defaults. */
export function testServicesOptions(
  dataDir: string,
  recorded: Recorded,
  overrides: Partial<ServicesOptions> = {},
): ServicesOptions {
  return {
    dataDir,
    assetsDir: ASSETS_DIR,
    storeFactory: createConfStore,
    appVersion: 'test',
    logKeyScope: logKeyScopeFor(dataDir, overrides.vault?.keytar),
    // no real exchange is ever asked for prices; tests name the emulated ones they want
    priceProviders: [],
    ...overrides,
    emit: <E extends EventName>(event: E, payload: EventMap[E]) => {
      recorded.events.push({ event, payload });
      overrides.emit?.(event, payload);
    },
    notify: (title, body) => {
      recorded.notifications.push({ title, body });
      overrides.notify?.(title, body);
    },
  };
}
