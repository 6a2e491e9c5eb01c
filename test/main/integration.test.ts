/**
 * Cross-feature wiring of the main services: grades and key metadata feed the allocation rules, a sync
 * notifies new warnings once, and key checks of an existing account are logged under that account.
 * Real services, real keychain (service "Ballast Test"), real ccxt against the local exchange emulator.
 * Run through `bash scripts/with-keyring.sh`; without a keychain it skips locally and FAILS when CI=true.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../emulator/index';
import { credsOf, TEST_ACCOUNTS } from '../emulator/fixtures';
import { cleanUpAfterAll } from './support/cleanup';
import { startApp, type TestApp } from './support/app';
import { emulatorOptions, useEmulator } from './support/emulator';
import { realKeychain, TEST_KEYCHAIN } from './support/keychain';

const runReal = await realKeychain('integration');
cleanUpAfterAll();

/** The app on the test keychain, its exchange clients on the emulator when one is given. */
function start(emu?: Emulator): Promise<TestApp> {
  return startApp({
    prefix: 'ballast-integration-',
    keepSchedule: true,
    vault: { service: TEST_KEYCHAIN, timeoutMs: 20_000 },
    ...(emu ? emulatorOptions(emu, { timeoutMs: 3_000 }) : {}),
    forgetKeys: true,
  });
}

describe('grades feed the allocation rules', () => {
  it('flags the sample holdings whose two grades are both weak, from the computed grades', async () => {
    const app = await start();
    const grades = app.services.context.grades.currentGrades();
    const view = await app.call('allocation:get');
    const weak = view.findings.filter((f) => f.ruleId === 'low-grade-exposure');
    const held = new Set(view.breakdown.byAsset.map((s) => s.key));
    const bothWeak = [...held].filter((a) => {
      const g = grades[a];
      return g && g.trader !== null && g.investor !== null && g.trader < 60 && g.investor < 60;
    });
    const weakShare = view.breakdown.byAsset.filter((s) => bothWeak.includes(s.key)).reduce((x, s) => x + s.share, 0);
    // The rule fires exactly when the weak-graded share is above its 5% default.
    expect(weak.length > 0).toBe(weakShare > 0.05);
  });
});

describe.runIf(runReal)('keys and syncs feed the rules and the notifications', () => {
  const emu = useEmulator();
  let app: TestApp;
  beforeAll(async () => {
    app = await start(emu);
  });

  it('a trade-capable key shows up as a finding, and a sync notifies new warnings only once', async () => {
    const trade = TEST_ACCOUNTS.binance.trade;
    const meta = await app.call('accounts:add', {
      exchange: 'binance',
      label: 'Trading key',
      ...credsOf(trade),
      acceptTrade: true,
    });
    const findings = (await app.call('allocation:get')).findings;
    expect(findings.some((f) => f.ruleId === 'key-trade-permission' && f.subject === meta.id)).toBe(true);

    // The first sync also fetches price history in the background; once it is in, grades (and so
    // the low-grade rule) can add findings of their own, so let a second sync see them.
    const sync = app.services.context.sync;
    await app.call('sync:now', { wait: true });
    expect(app.notifications.length).toBeGreaterThan(0);
    await sync.historyIdle();
    await app.call('sync:now', { wait: true });
    const first = app.notifications.length;
    await sync.historyIdle();
    await app.call('sync:now', { wait: true });
    expect(app.notifications.slice(first)).toEqual([]);
  });

  it('calls made while re-checking an existing key are logged under that account', async () => {
    const meta = await app.call('accounts:add', {
      exchange: 'okx',
      label: 'OKX read',
      ...credsOf(TEST_ACCOUNTS.okx.read),
    });
    const before = (await app.call('activity:query', { accountId: meta.id, kind: 'api-call', limit: 500, offset: 0 }))
      .total;
    await app.call('accounts:reverify', { id: meta.id });
    const after = await app.call('activity:query', { accountId: meta.id, kind: 'api-call', limit: 500, offset: 0 });
    expect(after.total).toBeGreaterThan(before);
    expect(after.entries.some((e) => (e.endpoint ?? '').includes('/account/config'))).toBe(true);
  });
});
