import { describe, expect, it } from 'vitest';
import type { AccountMeta } from '../../shared/domain/keys';
import { DAY_MS } from '../../shared/domain/types';
import {
  idleMs,
  keyAgeDays,
  keyAgeMs,
  keyHealth,
  keyLastUsedAt,
  rotationDue,
  unusedDays,
} from '../../shared/keys/hygiene';
import { keyFingerprint } from '../../shared/keys/credentials';
import { account, permission } from './support/fixtures';

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);

const meta = (over: Partial<AccountMeta> = {}): AccountMeta => account(NOW, over);

const codes = (m: AccountMeta, s = {}) => keyHealth(m, s, NOW).map((h) => h.code);

describe('key age and rotation', () => {
  it('counts whole days since the key was stored', () => {
    expect(keyAgeDays(meta({ keyCreatedAt: NOW - 10.5 * DAY_MS }), NOW)).toBe(10);
    expect(keyAgeDays(meta({ keyCreatedAt: NOW + DAY_MS }), NOW)).toBe(0);
  });

  it('is due at the rotation period, not before', () => {
    expect(rotationDue(meta({ keyCreatedAt: NOW - 89 * DAY_MS }), undefined, NOW)).toBe(false);
    expect(rotationDue(meta({ keyCreatedAt: NOW - 90 * DAY_MS }), undefined, NOW)).toBe(true);
    expect(rotationDue(meta({ keyCreatedAt: NOW - 31 * DAY_MS }), 30, NOW)).toBe(true);
  });

  it('measures unused time from the last use, or from when the key was stored', () => {
    expect(unusedDays(meta({ lastUsedAt: NOW - 3 * DAY_MS }), NOW)).toBe(3);
    expect(unusedDays(meta({ lastUsedAt: null, keyCreatedAt: NOW - 7 * DAY_MS }), NOW)).toBe(7);
    // Used with the previous key, then rotated: the new key counts from its rotation.
    expect(unusedDays(meta({ lastUsedAt: NOW - 50 * DAY_MS, keyCreatedAt: NOW - 2 * DAY_MS }), NOW)).toBe(2);
  });

  it('gives age and idle time in ms, never below 0', () => {
    expect(keyAgeMs(meta({ keyCreatedAt: NOW - 1234 }), NOW)).toBe(1234);
    expect(keyAgeMs(meta({ keyCreatedAt: NOW + DAY_MS }), NOW)).toBe(0);
    expect(idleMs(meta({ lastUsedAt: NOW - 500 }), NOW)).toBe(500);
    expect(idleMs(meta({ lastUsedAt: null, keyCreatedAt: NOW - 700 }), NOW)).toBe(700);
    expect(idleMs(meta({ lastUsedAt: NOW - 50 * DAY_MS, keyCreatedAt: NOW - 900 }), NOW)).toBe(900);
  });

  it('knows when the current key was last used: never, when only the key it replaced was', () => {
    expect(keyLastUsedAt(meta({ lastUsedAt: NOW - DAY_MS, keyCreatedAt: NOW - 5 * DAY_MS }))).toBe(NOW - DAY_MS);
    expect(keyLastUsedAt(meta({ lastUsedAt: null }))).toBeNull();
    expect(keyLastUsedAt(meta({ lastUsedAt: NOW - 50 * DAY_MS, keyCreatedAt: NOW - 2 * DAY_MS }))).toBeNull();
  });
});

describe('keyHealth', () => {
  it('has nothing to say about a fresh, used, verified, IP-restricted read-only key', () => {
    expect(keyHealth(meta(), {}, NOW)).toEqual([]);
  });

  it('asks for rotation when due and gives notice shortly before', () => {
    expect(codes(meta({ keyCreatedAt: NOW - 95 * DAY_MS }))).toContain('rotation-due');
    expect(codes(meta({ keyCreatedAt: NOW - 80 * DAY_MS }))).toEqual(['rotation-soon']);
    expect(codes(meta({ keyCreatedAt: NOW - 40 * DAY_MS }), { keyRotationDays: 30 })).toContain('rotation-due');
    const due = keyHealth(meta({ keyCreatedAt: NOW - 95 * DAY_MS }), {}, NOW).find((h) => h.code === 'rotation-due');
    expect(due?.text).toContain('95 days');
  });

  it('suggests revoking an unused key, with the configured threshold', () => {
    expect(codes(meta({ lastUsedAt: NOW - 40 * DAY_MS, keyCreatedAt: NOW - 60 * DAY_MS }))).toContain('unused');
    expect(
      codes(meta({ lastUsedAt: NOW - 10 * DAY_MS, keyCreatedAt: NOW - 20 * DAY_MS }), { keyUnusedDays: 7 }),
    ).toContain('unused');
    expect(codes(meta({ lastUsedAt: NOW - 10 * DAY_MS, keyCreatedAt: NOW - 20 * DAY_MS }))).not.toContain('unused');
    // A disabled account is not expected to be used.
    expect(
      codes(meta({ status: 'disabled', lastUsedAt: NOW - 40 * DAY_MS, keyCreatedAt: NOW - 60 * DAY_MS })),
    ).not.toContain('unused');
  });

  it('puts dangerous permissions first', () => {
    const hints = keyHealth(
      meta({
        permission: permission('withdraw', { ipRestricted: false }),
        keyCreatedAt: NOW - 100 * DAY_MS,
        lastVerifiedAt: null,
      }),
      {},
      NOW,
    );
    expect(hints[0]!.code).toBe('withdraw-enabled');
    expect(hints[0]!.level).toBe('danger');
    const levels = hints.map((h) => h.level);
    const rank = { danger: 0, warning: 1, info: 2 };
    expect(levels.map((l) => rank[l])).toEqual([...levels.map((l) => rank[l])].sort());
    expect(hints.map((h) => h.code)).toEqual(
      expect.arrayContaining(['rotation-due', 'never-verified', 'no-ip-restriction']),
    );
  });

  it('distinguishes accepted and unaccepted trade keys, and unverified ones', () => {
    const accepted = keyHealth(meta({ permission: permission('trade'), tradeAccepted: true }), {}, NOW);
    expect(accepted.map((h) => [h.code, h.level])).toEqual([['trade-enabled', 'warning']]);
    const unaccepted = keyHealth(meta({ permission: permission('trade'), tradeAccepted: false }), {}, NOW);
    expect(unaccepted.map((h) => [h.code, h.level])).toEqual([['trade-not-accepted', 'danger']]);
    expect(codes(meta({ permission: permission('unverified') }))).toEqual(['unverified']);
  });

  it('only notes revocation for a revoked key', () => {
    expect(codes(meta({ status: 'revoked', permission: permission('withdraw'), keyCreatedAt: 0 }))).toEqual([
      'revoked',
    ]);
  });

  it('reminds to re-check old permission checks', () => {
    expect(codes(meta({ lastVerifiedAt: NOW - 45 * DAY_MS }))).toEqual(['verification-old']);
    expect(codes(meta({ lastVerifiedAt: NOW - 45 * DAY_MS }), { reverifyDays: 60 })).toEqual([]);
  });
});

describe('keyFingerprint', () => {
  it('is the last four characters of the trimmed key', () => {
    expect(keyFingerprint('  AbCdEfGh1234 ')).toBe('1234');
  });
});
