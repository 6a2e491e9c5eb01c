/**
 * Cross-feature wiring of the main services: grades and key metadata feed the allocation rules, a sync
 * notifies new warnings once, and key checks of an existing account are logged under that account.
 * Real services, real keychain (service "Ballast Test"), real ccxt against the local exchange emulator.
 * Run through `bash scripts/with-keyring.sh`; without a keychain it skips locally and FAILS when CI=true.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../electron/services/app-services';
import { createRouter, type Router } from '../../electron/services/ipc-router';
import { createConfStore } from '../../electron/services/store';
import { Vault } from '../../electron/services/vault';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc/contract';
import { startEmulator, type Emulator } from '../emulator/index';
import { credsOf, TEST_ACCOUNTS, testConfig } from '../emulator/fixtures';

const ROOT = resolve(import.meta.dirname, '../..');
const SERVICE = 'Ballast Test';
const probe = await new Vault({ service: SERVICE, timeoutMs: 20_000 }).available();
const runReal = probe.ok || process.env.CI === 'true';
if (!runReal) console.warn(`integration: keychain tests skipped (${probe.reason.split('.')[0]})`);

interface App {
  services: Services;
  route: Router;
  notifications: { title: string; body: string }[];
  call<C extends Channel>(
    channel: C,
    ...req: RequestOf<C> extends undefined ? [] : [RequestOf<C>]
  ): Promise<ResponseOf<C>>;
}

async function start(emu?: Emulator): Promise<App> {
  const notifications: App['notifications'] = [];
  const services = await createServices({
    dataDir: mkdtempSync(join(tmpdir(), 'ballast-integration-')),
    assetsDir: join(ROOT, 'assets'),
    storeFactory: createConfStore,
    appVersion: 'test',
    emit: () => undefined,
    notify: (title, body) => notifications.push({ title, body }),
    vault: { service: SERVICE, timeoutMs: 20_000 },
    ...(emu
      ? {
          exchangeApiUrls: { binance: emu.urlsFor('binance'), okx: emu.urlsFor('okx'), kraken: emu.urlsFor('kraken') },
          exchangeRateLimitMs: 5,
          exchangeTimeoutMs: 3_000,
        }
      : {}),
  });
  const route = createRouter(services.handlers);
  return {
    services,
    route,
    notifications,
    async call(channel, ...req) {
      const res = await route(channel, req[0]);
      if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
      return res.data as never;
    },
  };
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
    await app.services.dispose();
  });
});

describe.runIf(runReal)('keys and syncs feed the rules and the notifications', () => {
  let emu: Emulator;
  let app: App;
  beforeAll(async () => {
    emu = await startEmulator(testConfig());
    app = await start(emu);
  });
  afterAll(async () => {
    for (const a of app.services.context.accounts.list()) {
      if (a.status !== 'revoked') await app.call('accounts:revoke', { id: a.id });
    }
    await app.services.dispose();
    await emu.close();
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
