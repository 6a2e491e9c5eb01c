/** The settings channels through the real router and services. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanUpAfterEach } from './support/cleanup';
import { startApp } from './support/app';
import { TEST_KEYCHAIN } from './support/keychain';

cleanUpAfterEach();

async function setup() {
  const app = await startApp({ prefix: 'ballast-settings-', keepSchedule: true, vault: { service: TEST_KEYCHAIN } });
  return { dataDir: app.dataDir, route: app.router };
}

describe('settings channels', () => {
  it('saves valid settings and rejects invalid rule thresholds without saving anything', async () => {
    const { dataDir, route } = await setup();
    const ok = await route('settings:update', { rules: { 'small-caps-max': { maxShare: 0.3 } } });
    expect(ok.ok).toBe(true);
    const before = readFileSync(join(dataDir, 'settings.json'), 'utf8');

    const bad = await route('settings:update', { rules: { 'small-caps-max': { maxShare: 5 } }, dustThreshold: 3 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-rule-settings' } });
    if (!bad.ok) expect(bad.error.details?.join(' ')).toMatch(/small-caps-max\.maxShare/);
    const unknown = await route('settings:update', { rules: { 'no-such-rule': { enabled: false } } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-rule-settings' } });
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(before);
  });

  it('changes only the fields a patch names', async () => {
    const { route } = await setup();
    await route('settings:update', { baseCurrency: 'EUR', syncIntervalMinutes: 60 });
    const res = await route('settings:update', { dustThreshold: 9 });
    expect(res.ok).toBe(true);
    const current = await route('settings:get', undefined);
    expect(current.ok && current.data).toMatchObject({
      baseCurrency: 'EUR',
      syncIntervalMinutes: 60,
      dustThreshold: 9,
    });
  });

  it('rejects tier thresholds in the wrong order', async () => {
    const { route } = await setup();
    const res = await route('settings:update', { tierThresholds: { largeMinUsd: 1e9, midMinUsd: 1e10 } });
    expect(res).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const current = await route('settings:get', undefined);
    expect(current.ok && (current.data as { tierThresholds: { largeMinUsd: number } }).tierThresholds.largeMinUsd).toBe(
      10_000_000_000,
    );
  });
});
