import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../electron/services/app-services';
import { createRouter } from '../../electron/services/ipc-router';
import { createConfStore } from '../../electron/services/store';

async function setup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ballast-settings-'));
  const services = await createServices({
    dataDir,
    assetsDir: resolve(import.meta.dirname, '../../assets'),
    storeFactory: createConfStore,
    appVersion: 'test',
    emit: () => undefined,
    notify: () => undefined,
    vault: { service: 'Ballast Test' },
  });
  return { dataDir, services, route: createRouter(services.handlers) };
}

describe('settings channels', () => {
  it('saves valid settings and rejects invalid rule thresholds without saving anything', async () => {
    const { dataDir, services, route } = await setup();
    const ok = await route('settings:update', { rules: { 'small-caps-max': { maxShare: 0.3 } } });
    expect(ok.ok).toBe(true);
    const before = readFileSync(join(dataDir, 'settings.json'), 'utf8');

    const bad = await route('settings:update', { rules: { 'small-caps-max': { maxShare: 5 } }, dustThreshold: 3 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-rule-settings' } });
    if (!bad.ok) expect(bad.error.details?.join(' ')).toMatch(/small-caps-max\.maxShare/);
    const unknown = await route('settings:update', { rules: { 'no-such-rule': { enabled: false } } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-rule-settings' } });
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(before);
    await services.dispose();
  });

  it('changes only the fields a patch names', async () => {
    const { services, route } = await setup();
    await route('settings:update', { baseCurrency: 'EUR', syncIntervalMinutes: 60 });
    const res = await route('settings:update', { dustThreshold: 9 });
    expect(res.ok).toBe(true);
    const current = await route('settings:get', undefined);
    expect(current.ok && current.data).toMatchObject({
      baseCurrency: 'EUR',
      syncIntervalMinutes: 60,
      dustThreshold: 9,
    });
    await services.dispose();
  });

  it('rejects tier thresholds in the wrong order', async () => {
    const { services, route } = await setup();
    const res = await route('settings:update', { tierThresholds: { largeMinUsd: 1e9, midMinUsd: 1e10 } });
    expect(res).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const current = await route('settings:get', undefined);
    expect(current.ok && (current.data as { tierThresholds: { largeMinUsd: number } }).tierThresholds.largeMinUsd).toBe(
      10_000_000_000,
    );
    await services.dispose();
  });
});
