/**
 * The exchange emulator (test/emulator) for a test file: started before its tests, closed after them,
 * its faults and clock offsets cleared after each test; plus the service options that point the app's exchange clients
 * at it, and the test accounts added to an app.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ServicesOptions } from '../../../electron/services/app-services';
import {
  EMULATED_EXCHANGES,
  startEmulator,
  type AccountSpec,
  type EmulatedExchangeId,
  type Emulator,
  type EmulatorConfig,
} from '../../emulator/index';
import { credsOf, testConfig } from '../../emulator/fixtures';
import type { TestApp } from './app';

/**
 * Starts an emulator for the calling file (before its tests) and closes it after them; faults are
 * cleared after each test. The handle answers for the running emulator, so it can be kept in a
 * constant at the top of the file and used once the tests run.
 */
export function useEmulator(config: () => EmulatorConfig = () => testConfig()): Emulator {
  let running: Emulator | null = null;
  beforeAll(async () => {
    running = await startEmulator(config());
  });
  afterEach(() => {
    for (const id of EMULATED_EXCHANGES) {
      running?.setFault(id, null);
      running?.setClockOffset(id, 0);
    }
  });
  afterAll(async () => {
    await running?.close();
    running = null;
  });
  const current = (): Emulator => {
    if (!running) throw new Error('the emulator runs only while the tests of its file run (see useEmulator)');
    return running;
  };
  return new Proxy({} as Emulator, {
    get(_target, key) {
      const emu = current();
      const value: unknown = Reflect.get(emu, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(emu) : value;
    },
  });
}

/** Service options that send every exchange call of the app to the emulator. */
export function emulatorOptions(
  emu: Emulator,
  opts: { rateLimitMs?: number; timeoutMs?: number; exchanges?: readonly EmulatedExchangeId[] } = {},
): Pick<ServicesOptions, 'exchangeApiUrls' | 'exchangeRateLimitMs' | 'exchangeTimeoutMs'> {
  return {
    exchangeApiUrls: Object.fromEntries((opts.exchanges ?? EMULATED_EXCHANGES).map((x) => [x, emu.urlsFor(x)])),
    exchangeRateLimitMs: opts.rateLimitMs ?? 5,
    ...(opts.timeoutMs !== undefined ? { exchangeTimeoutMs: opts.timeoutMs } : {}),
  };
}

/**
 * Adds one account per exchange with the given keys (checked by the emulator like a real exchange),
 * labelled "Binance", "Kraken", "Okx"; resolves to the account ids by exchange.
 */
export async function addAccounts(
  app: TestApp,
  keys: Partial<Record<EmulatedExchangeId, AccountSpec>>,
): Promise<Record<EmulatedExchangeId, string>> {
  const ids = {} as Record<EmulatedExchangeId, string>;
  for (const ex of EMULATED_EXCHANGES) {
    const key = keys[ex];
    if (!key) continue;
    const label = ex[0]!.toUpperCase() + ex.slice(1);
    ids[ex] = (await app.context.accounts.add({ exchange: ex, label, ...credsOf(key) })).id;
  }
  return ids;
}

/** Requests the emulator received for one exchange since request number `from` (on one path, if given). */
export function requestsSince(emu: Emulator, from: number, exchange: EmulatedExchangeId, path?: string) {
  return emu.requests.slice(from).filter((r) => r.exchange === exchange && (path === undefined || r.path === path));
}
