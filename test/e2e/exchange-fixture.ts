/**
 * The E2E fixture with exchanges: the local exchange emulator (one per worker, every test account of
 * test/emulator/fixtures.ts plus a second Binance read key) and the app's services pointed at it, so
 * the real ccxt clients are what the UI drives. Used by the Keys & Activity and first-run specs.
 */
import type { Emulator } from '../emulator/index';
import { startEmulator } from '../emulator/index';
import { testConfig } from '../emulator/fixtures';
import { SECOND_BINANCE_READ_KEY } from '../main/support/keys';
import { test as base } from './harness';

export { expect } from './harness';

export const test = base.extend<object, { emulator: Emulator }>({
  emulator: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const config = testConfig();
      config.exchanges!.binance!.accounts!.push(SECOND_BINANCE_READ_KEY);
      const emu = await startEmulator(config);
      await use(emu);
      await emu.close();
    },
    { scope: 'worker' },
  ],
  serviceOptions: async ({ emulator }, use) => {
    await use({
      exchangeApiUrls: {
        binance: emulator.urlsFor('binance'),
        okx: emulator.urlsFor('okx'),
        kraken: emulator.urlsFor('kraken'),
      },
      exchangeRateLimitMs: 5,
    });
  },
});

// Leave no test key behind in the keychain.
test.afterEach(async ({ app }) => {
  for (const a of app.services.context.accounts.list()) {
    await app.services.context.vault.deleteSecret(a.id).catch(() => false);
  }
});
