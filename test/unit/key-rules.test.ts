/** Key and account rules (age, unused, trade permission, unverified, stale sync), checked against the key-hygiene facts they share. */
import { describe, expect, it } from 'vitest';
import { accountStale, keyAge, keyTradePermission, keyUnused, keyUnverified } from '../../shared/allocation';
import type { AccountMeta, AccountSyncState } from '../../shared/domain/keys';
import { DAY_MS } from '../../shared/domain/types';
import { keyAgeDays, unusedDays } from '../../shared/keys/hygiene';
import { permission } from './support/fixtures';
import { EMPTY, HOUR, NOW, account, severities, viaEngine } from './support/rules';

describe('key-age', () => {
  const run = (accounts: AccountMeta[], s = {}) =>
    keyAge.evaluate({ ...EMPTY, accounts }, { ...keyAge.defaults, ...s });
  it('warns once a key is older than 90 days', () => {
    expect(run([account({ keyCreatedAt: NOW - 90 * DAY_MS })])).toEqual([]);
    const f = run([account({ keyCreatedAt: NOW - 91 * DAY_MS })]);
    expect(severities(f)).toEqual(['acc1:warning']);
    expect(f[0]!.numbers).toMatchObject({ ageDays: 91, rotationDays: 90 });
    expect(f[0]!.message).not.toMatch(/secret/i);
  });
  it('ignores revoked accounts and tolerates missing account data', () => {
    expect(run([account({ keyCreatedAt: NOW - 200 * DAY_MS, status: 'revoked' })])).toEqual([]);
    expect(keyAge.evaluate(EMPTY, keyAge.defaults)).toEqual([]);
  });
  it('can be disabled and tuned', () => {
    const c = { ...EMPTY, accounts: [account({ keyCreatedAt: NOW - 100 * DAY_MS })] };
    expect(viaEngine(c, 'key-age', { enabled: false })).toEqual([]);
    expect(run(c.accounts, { rotationDays: 120 })).toEqual([]);
    expect(run([account({ keyCreatedAt: NOW - 40 * DAY_MS })], { rotationDays: 30 })).toHaveLength(1);
  });
});

describe('key-unused', () => {
  const run = (accounts: AccountMeta[], s = {}) =>
    keyUnused.evaluate({ ...EMPTY, accounts }, { ...keyUnused.defaults, ...s });
  it('gives an info when a key is unused for more than 30 days', () => {
    expect(run([account({ keyCreatedAt: NOW - 60 * DAY_MS, lastUsedAt: NOW - 30 * DAY_MS })])).toEqual([]);
    const f = run([account({ keyCreatedAt: NOW - 60 * DAY_MS, lastUsedAt: NOW - 31 * DAY_MS })]);
    expect(severities(f)).toEqual(['acc1:info']);
    expect(f[0]!.numbers.idleDays).toBe(31);
  });
  it('counts a never-used key from when it was stored', () => {
    expect(run([account({ keyCreatedAt: NOW - 10 * DAY_MS, lastUsedAt: null })])).toEqual([]);
    const f = run([account({ keyCreatedAt: NOW - 40 * DAY_MS, lastUsedAt: null })]);
    expect(f[0]!.message).toMatch(/never been used/);
  });
  it('can be disabled and tuned', () => {
    const c = { ...EMPTY, accounts: [account({ keyCreatedAt: NOW - 90 * DAY_MS, lastUsedAt: NOW - 45 * DAY_MS })] };
    expect(viaEngine(c, 'key-unused', { enabled: false })).toEqual([]);
    expect(run(c.accounts, { unusedDays: 60 })).toEqual([]);
  });
  it('counts a rotated key from its rotation: uses of the old key do not count', () => {
    expect(run([account({ keyCreatedAt: NOW - 5 * DAY_MS, lastUsedAt: NOW - 50 * DAY_MS })])).toEqual([]);
    const f = run([account({ keyCreatedAt: NOW - 40 * DAY_MS, lastUsedAt: NOW - 50 * DAY_MS })]);
    expect(f[0]!.numbers.idleDays).toBe(40);
    expect(f[0]!.numbers).not.toHaveProperty('lastUsedAt');
    expect(f[0]!.message).toMatch(/never been used since it was stored 40 days ago/);
  });
});

describe('key rules and key hygiene', () => {
  it('report the same age and idle days as the Keys view (shared/keys/hygiene)', () => {
    for (const d of [31.2, 45, 90.5, 91, 200.9]) {
      const a = account({ keyCreatedAt: NOW - (d + 1) * DAY_MS, lastUsedAt: NOW - d * DAY_MS });
      const [age] = keyAge.evaluate({ ...EMPTY, accounts: [a] }, { ...keyAge.defaults, rotationDays: 30 });
      const [idle] = keyUnused.evaluate({ ...EMPTY, accounts: [a] }, keyUnused.defaults);
      expect(age!.numbers.ageDays).toBe(keyAgeDays(a, NOW));
      expect(idle!.numbers.idleDays).toBe(unusedDays(a, NOW));
    }
  });
});

describe('key-trade-permission', () => {
  const run = (accounts: AccountMeta[]) =>
    keyTradePermission.evaluate({ ...EMPTY, accounts }, keyTradePermission.defaults);
  it('is quiet for read-only and unverified keys', () => {
    expect(run([account(), account({ permission: permission('unverified') }), account({ permission: null })])).toEqual(
      [],
    );
  });
  it('warns for an accepted trade key and is critical when not accepted', () => {
    expect(severities(run([account({ permission: permission('trade'), tradeAccepted: true })]))).toEqual([
      'acc1:warning',
    ]);
    expect(severities(run([account({ permission: permission('trade'), tradeAccepted: false })]))).toEqual([
      'acc1:critical',
    ]);
  });
  it('is always critical for a withdrawal-capable key', () => {
    const f = run([account({ permission: permission('withdraw'), tradeAccepted: true })]);
    expect(severities(f)).toEqual(['acc1:critical']);
    expect(f[0]!.title).toMatch(/withdraw/);
  });
  it('can be disabled', () => {
    const c = { ...EMPTY, accounts: [account({ permission: permission('trade') })] };
    expect(viaEngine(c, 'key-trade-permission', {})).toHaveLength(1);
    expect(viaEngine(c, 'key-trade-permission', { enabled: false })).toEqual([]);
  });
});

describe('key-unverified', () => {
  const run = (accounts: AccountMeta[]) => keyUnverified.evaluate({ ...EMPTY, accounts }, keyUnverified.defaults);
  it('gives an info for unverified or never-checked keys only', () => {
    expect(run([account()])).toEqual([]);
    expect(run([account({ permission: permission('trade') })])).toEqual([]);
    expect(severities(run([account({ permission: permission('unverified') })]))).toEqual(['acc1:info']);
    expect(severities(run([account({ permission: null })]))).toEqual(['acc1:info']);
  });
  it('can be disabled', () => {
    const c = { ...EMPTY, accounts: [account({ permission: null })] };
    expect(viaEngine(c, 'key-unverified', { enabled: false })).toEqual([]);
  });
});

describe('account-stale', () => {
  const state = (over: Partial<AccountSyncState> = {}): AccountSyncState => ({
    accountId: 'acc1',
    lastAttemptAt: NOW - HOUR,
    lastSuccessAt: NOW - HOUR,
    lastError: null,
    stale: false,
    ...over,
  });
  const run = (accounts: AccountMeta[] | undefined, syncStates: AccountSyncState[], s = {}) =>
    accountStale.evaluate({ ...EMPTY, accounts, syncStates }, { ...accountStale.defaults, ...s });

  it('is quiet at 24 hours, warns beyond, critical after a week', () => {
    expect(run([account()], [state({ lastSuccessAt: NOW - 24 * HOUR })])).toEqual([]);
    const f = run(
      [account()],
      [state({ lastSuccessAt: NOW - 25 * HOUR, lastError: { code: 'auth', message: 'Invalid key' } })],
    );
    expect(severities(f)).toEqual(['acc1:warning']);
    expect(f[0]!.message).toContain('Invalid key');
    expect(f[0]!.numbers.ageHours).toBe(25);
    expect(severities(run([account()], [state({ lastSuccessAt: NOW - 8 * DAY_MS })]))).toEqual(['acc1:critical']);
  });
  it('counts a never-synced account from when it was added', () => {
    expect(run([account({ createdAt: NOW - 2 * HOUR })], [state({ lastSuccessAt: null })])).toEqual([]);
    const f = run([account({ createdAt: NOW - 2 * DAY_MS })], []);
    expect(severities(f)).toEqual(['acc1:warning']);
    expect(f[0]!.message).toMatch(/never synced/);
  });
  it('ignores disabled accounts and works from sync states alone', () => {
    expect(run([account({ status: 'disabled' })], [state({ lastSuccessAt: NOW - 10 * DAY_MS })])).toEqual([]);
    expect(severities(run(undefined, [state({ lastSuccessAt: NOW - 30 * HOUR })]))).toEqual(['acc1:warning']);
    expect(severities(run(undefined, [state({ lastSuccessAt: null, lastAttemptAt: null })]))).toEqual(['acc1:warning']);
  });
  it('can be disabled and tuned', () => {
    const c = { ...EMPTY, accounts: [account()], syncStates: [state({ lastSuccessAt: NOW - 30 * HOUR })] };
    expect(viaEngine(c, 'account-stale', { enabled: false })).toEqual([]);
    expect(run(c.accounts, c.syncStates, { maxAgeHours: 48 })).toEqual([]);
    expect(severities(run(c.accounts, c.syncStates, { criticalAgeHours: 26 }))).toEqual(['acc1:critical']);
  });
});
