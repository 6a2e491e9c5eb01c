/**
 * The exchange emulator (test/emulator) for a test file: started before its tests, closed after them,
 * its faults cleared after each test; plus the service options that point the app's exchange clients
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

/** Starts an emulator for the calling file; the getter returns it once the tests run. */
export function useEmulator(config: () => EmulatorConfig = () => testConfig()): () => Emulator {
  let emu: Emulator | null = null;
  beforeAll(async () => {
    emu = await startEmulator(config());
  });
  afterEach(() => {
    for (const id of EMULATED_EXCHANGES) emu?.setFault(id, null);
  });
  afterAll(async () => {
    await emu?.close();
  });
  return () => {
    if (!emu) throw new Error('the emulator is not running (useEmulator starts it before the tests)');
    return emu;
  };
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
