/**
 * Key hygiene: pure helpers that turn account metadata into reminders (rotate, revoke unused keys,
 * re-check permissions). No clock access: callers pass `now`.
 */
import { plural } from '../text';
import { DAY_MS } from '../domain/types';
import type { AccountMeta } from '../domain/keys';
import type { Settings } from '../settings';

export const DEFAULT_ROTATION_DAYS = 90;
export const DEFAULT_UNUSED_DAYS = 30;
/** Permissions older than this are worth checking again. */
export const DEFAULT_REVERIFY_DAYS = 30;
/** A rotation reminder starts this many days before the key is due. */
export const ROTATION_NOTICE_DAYS = 14;

export type KeyHintLevel = 'info' | 'warning' | 'danger';

export interface KeyHint {
  level: KeyHintLevel;
  /** Stable identifier for the UI (icons, tests). */
  code:
    | 'revoked'
    | 'disabled'
    | 'withdraw-enabled'
    | 'trade-not-accepted'
    | 'trade-enabled'
    | 'unverified'
    | 'never-verified'
    | 'verification-old'
    | 'rotation-due'
    | 'rotation-soon'
    | 'unused'
    | 'no-ip-restriction';
  text: string;
}

export type KeyHygieneSettings = Partial<Pick<Settings, 'keyRotationDays' | 'keyUnusedDays'>> & {
  reverifyDays?: number;
};

function wholeDays(ms: number): number {
  return Math.max(0, Math.floor(ms / DAY_MS));
}

/** Time since the current key was stored (creation or last rotation), in ms; 0 for a date ahead of `now`. */
export function keyAgeMs(meta: Pick<AccountMeta, 'keyCreatedAt'>, now: number): number {
  return Math.max(0, now - meta.keyCreatedAt);
}

/** Whole days since the current key was stored (creation or last rotation). */
export function keyAgeDays(meta: Pick<AccountMeta, 'keyCreatedAt'>, now: number): number {
  return wholeDays(keyAgeMs(meta, now));
}

/** True when the current key is at least `rotationDays` old. */
export function rotationDue(
  meta: Pick<AccountMeta, 'keyCreatedAt'>,
  rotationDays: number = DEFAULT_ROTATION_DAYS,
  now: number,
): boolean {
  return keyAgeDays(meta, now) >= rotationDays;
}

/**
 * When the current key was last used for a sync, or null when it never was. Uses of the key a
 * rotation replaced do not count: `lastUsedAt` before `keyCreatedAt` belongs to the old key.
 */
export function keyLastUsedAt(meta: Pick<AccountMeta, 'keyCreatedAt' | 'lastUsedAt'>): number | null {
  return meta.lastUsedAt !== null && meta.lastUsedAt >= meta.keyCreatedAt ? meta.lastUsedAt : null;
}

/** Time since the current key was last used (or stored, if never used), in ms; at least 0. */
export function idleMs(meta: Pick<AccountMeta, 'keyCreatedAt' | 'lastUsedAt'>, now: number): number {
  return Math.max(0, now - (keyLastUsedAt(meta) ?? meta.keyCreatedAt));
}

/** Whole days since the key was last used for a sync (or since it was stored, if never used). */
export function unusedDays(meta: Pick<AccountMeta, 'keyCreatedAt' | 'lastUsedAt'>, now: number): number {
  return wholeDays(idleMs(meta, now));
}

/** Hints about one key, most severe first. A revoked account only gets the "revoked" note. */
export function keyHealth(meta: AccountMeta, settings: KeyHygieneSettings, now: number): KeyHint[] {
  if (meta.status === 'revoked') {
    return [{ level: 'info', code: 'revoked', text: 'This key was revoked and removed from the system keychain.' }];
  }
  const rotationDays = settings.keyRotationDays ?? DEFAULT_ROTATION_DAYS;
  const unusedLimit = settings.keyUnusedDays ?? DEFAULT_UNUSED_DAYS;
  const reverifyDays = settings.reverifyDays ?? DEFAULT_REVERIFY_DAYS;
  const hints: KeyHint[] = [];
  const p = meta.permission;

  if (p && (p.status === 'withdraw' || p.canWithdraw)) {
    hints.push({
      level: 'danger',
      code: 'withdraw-enabled',
      text: 'This key can withdraw funds. Revoke it on the exchange and add a read-only key instead.',
    });
  }
  if (p && (p.status === 'trade' || p.canTrade)) {
    hints.push(
      meta.tradeAccepted
        ? {
            level: 'warning',
            code: 'trade-enabled',
            text: 'This key can place orders (you accepted this). A read-only key is safer.',
          }
        : {
            level: 'danger',
            code: 'trade-not-accepted',
            text: 'This key can place orders, which you have not accepted. Replace it with a read-only key.',
          },
    );
  }
  if (meta.status === 'disabled') {
    hints.push({ level: 'info', code: 'disabled', text: 'This account is disabled and is not synced.' });
  }
  if (p && p.status === 'unverified') {
    hints.push({
      level: 'warning',
      code: 'unverified',
      text: 'The exchange did not confirm what this key may do. Make sure it is read-only.',
    });
  }

  const age = keyAgeDays(meta, now);
  if (age >= rotationDays) {
    hints.push({
      level: 'warning',
      code: 'rotation-due',
      text: `This key is ${plural(age, 'day')} old. Create a new read-only key and rotate it.`,
    });
  } else if (rotationDays - age <= ROTATION_NOTICE_DAYS) {
    hints.push({
      level: 'info',
      code: 'rotation-soon',
      text: `Rotation is due in ${plural(rotationDays - age, 'day')}.`,
    });
  }

  const unused = unusedDays(meta, now);
  if (meta.status === 'active' && unused >= unusedLimit) {
    hints.push({
      level: 'warning',
      code: 'unused',
      text: `This key has not been used for ${plural(unused, 'day')}. Revoke it if you no longer need it.`,
    });
  }

  if (meta.lastVerifiedAt === null) {
    hints.push({ level: 'info', code: 'never-verified', text: 'The permissions of this key were never checked.' });
  } else if (wholeDays(now - meta.lastVerifiedAt) >= reverifyDays) {
    hints.push({
      level: 'info',
      code: 'verification-old',
      text: `Permissions were last checked ${plural(wholeDays(now - meta.lastVerifiedAt), 'day')} ago.`,
    });
  }
  if (p && p.ipRestricted === false) {
    hints.push({
      level: 'info',
      code: 'no-ip-restriction',
      text: 'This key is not restricted to an IP allow-list. The exchange lets you add one.',
    });
  }

  const rank: Record<KeyHintLevel, number> = { danger: 0, warning: 1, info: 2 };
  return hints
    .map((h, i) => ({ h, i }))
    .sort((a, b) => rank[a.h.level] - rank[b.h.level] || a.i - b.i)
    .map(({ h }) => h);
}
