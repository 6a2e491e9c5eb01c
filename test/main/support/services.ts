/**
 * createServices options for tests, shared by the test/main harness (app.ts) and the E2E harness
 * (test/e2e/harness.ts): bundled assets, `conf` stores in the data folder, and every event and desktop
 * notification recorded (then passed on to the given `emit`/`notify`). A plain module: no test-runner
 * imports, so Playwright can load it too.
 */
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
