/**
 * Key and sync rules: checks on exchange-account metadata and sync health.
 * They read ctx.accounts / ctx.syncStates and return nothing when those are absent.
 * Revoked accounts are ignored (their key is gone). Key age and idle time come from
 * shared/keys/hygiene.ts, the same figures the Keys view shows.
 */
import { z } from 'zod';
import type { AccountMeta } from '../../domain/keys';
import { DAY_MS } from '../../domain/types';
import { idleMs, keyAgeDays, keyAgeMs, keyLastUsedAt, unusedDays } from '../../keys/hygiene';
import { defineRule, findingsOf, type Finding, type RuleContext } from './types';

const HOUR_MS = 3_600_000;

function liveAccounts(ctx: RuleContext): AccountMeta[] {
  return (ctx.accounts ?? []).filter((a) => a.status !== 'revoked');
}

export const keyAge = defineRule({
  id: 'key-age',
  title: 'API key due for rotation',
  description: 'Warns when an API key was stored (created or last rotated) longer ago than the rotation age.',
  category: 'keys',
  defaults: { enabled: true, rotationDays: 90 },
  schema: z.strictObject({ enabled: z.boolean(), rotationDays: z.number().int().min(1).max(3650) }),
  evaluate: (ctx, s) =>
    findingsOf(liveAccounts(ctx), (a): Finding | null => {
      // Like every rule, it fires only beyond the limit: a key exactly rotationDays old passes.
      if (!(keyAgeMs(a, ctx.now) > s.rotationDays * DAY_MS)) return null;
      const ageDays = keyAgeDays(a, ctx.now);
      return {
        ruleId: 'key-age',
        severity: 'warning',
        title: `Rotate the key of ${a.label}`,
        message: `The API key of ${a.label} (${a.exchange}, ...${a.fingerprint}) is ${ageDays} days old (rotation age ${s.rotationDays} days).`,
        why: 'The longer a key lives, the more chances it has had to leak through backups, screenshots or old machines. Replacing it regularly limits what a leaked key can expose.',
        numbers: { ageDays, rotationDays: s.rotationDays, keyCreatedAt: a.keyCreatedAt },
        subject: a.id,
      };
    }),
});

export const keyUnused = defineRule({
  id: 'key-unused',
  title: 'API key unused',
  description:
    'Notes when an API key has not been used for a number of days (or never, counting from when it was stored).',
  category: 'keys',
  defaults: { enabled: true, unusedDays: 30 },
  schema: z.strictObject({ enabled: z.boolean(), unusedDays: z.number().int().min(1).max(3650) }),
  evaluate: (ctx, s) =>
    findingsOf(liveAccounts(ctx), (a): Finding | null => {
      if (!(idleMs(a, ctx.now) > s.unusedDays * DAY_MS)) return null;
      const idleDays = unusedDays(a, ctx.now);
      const lastUsedAt = keyLastUsedAt(a);
      return {
        ruleId: 'key-unused',
        severity: 'info',
        title: `Key of ${a.label} unused for ${idleDays} days`,
        message:
          lastUsedAt === null
            ? `The API key of ${a.label} (${a.exchange}) has never been used since it was stored ${idleDays} days ago.`
            : `The API key of ${a.label} (${a.exchange}) was last used ${idleDays} days ago.`,
        why: 'A key you no longer use is risk without benefit. Delete it here and at the exchange if you do not need it.',
        numbers: { idleDays, unusedDays: s.unusedDays, ...(lastUsedAt !== null ? { lastUsedAt } : {}) },
        subject: a.id,
      };
    }),
});

export const keyTradePermission = defineRule({
  id: 'key-trade-permission',
  title: 'API key can trade or withdraw',
  description:
    'Warns about keys that can place orders: warning when the user accepted the trade permission, critical when not. A key that can withdraw is always critical.',
  category: 'keys',
  defaults: { enabled: true },
  schema: z.strictObject({ enabled: z.boolean() }),
  evaluate: (ctx) =>
    findingsOf(liveAccounts(ctx), (a): Finding | null => {
      const p = a.permission;
      if (!p) return null;
      const canWithdraw = p.status === 'withdraw' || p.canWithdraw;
      const canTrade = p.status === 'trade' || p.canTrade;
      if (canWithdraw) {
        return {
          ruleId: 'key-trade-permission',
          severity: 'critical',
          title: `Key of ${a.label} can withdraw funds`,
          message: `The exchange reports that the API key of ${a.label} (${a.exchange}, ...${a.fingerprint}) can withdraw. Replace it with a read-only key.`,
          why: 'Anyone who obtains a withdrawal-capable key can move your coins off the exchange. Ballast only needs to read balances.',
          numbers: { canWithdraw: 1, canTrade: canTrade ? 1 : 0, checkedAt: p.checkedAt },
          subject: a.id,
        };
      }
      if (!canTrade) return null;
      return {
        ruleId: 'key-trade-permission',
        severity: a.tradeAccepted ? 'warning' : 'critical',
        title: `Key of ${a.label} can trade`,
        message: a.tradeAccepted
          ? `The API key of ${a.label} (${a.exchange}) can place orders; you accepted this. A read-only key is safer.`
          : `The API key of ${a.label} (${a.exchange}) can place orders and this was never accepted. Replace it with a read-only key.`,
        why: 'A leaked trade-capable key lets someone churn or pump-and-dump with your funds even without withdrawing them. Ballast only needs to read balances.',
        numbers: { canTrade: 1, tradeAccepted: a.tradeAccepted ? 1 : 0, checkedAt: p.checkedAt },
        subject: a.id,
      };
    }),
});

export const keyUnverified = defineRule({
  id: 'key-unverified',
  title: 'API key permissions unverified',
  description: 'Notes keys whose permissions could not be checked with the exchange.',
  category: 'keys',
  defaults: { enabled: true },
  schema: z.strictObject({ enabled: z.boolean() }),
  evaluate: (ctx) =>
    findingsOf(liveAccounts(ctx), (a): Finding | null => {
      if (a.permission && a.permission.status !== 'unverified') return null;
      return {
        ruleId: 'key-unverified',
        severity: 'info',
        title: `Permissions of ${a.label} unverified`,
        message: `Ballast could not confirm with ${a.exchange} that the key of ${a.label} is read-only. Check its permissions on the exchange's API page.`,
        why: 'Some exchanges do not report key permissions. Make sure trading and withdrawals are switched off so a leaked key cannot move funds.',
        numbers: a.permission ? { checkedAt: a.permission.checkedAt } : {},
        subject: a.id,
      };
    }),
});

export const accountStale = defineRule({
  id: 'account-stale',
  title: 'Account not synced',
  description:
    'Warns when an active account has had no successful sync for longer than a number of hours (critical beyond a longer limit). Disabled and revoked accounts are ignored.',
  category: 'sync',
  defaults: { enabled: true, maxAgeHours: 24, criticalAgeHours: 168 },
  schema: z
    .strictObject({
      enabled: z.boolean(),
      maxAgeHours: z
        .number()
        .finite()
        .gt(0)
        .max(24 * 365),
      criticalAgeHours: z
        .number()
        .finite()
        .gt(0)
        .max(24 * 365),
    })
    .refine((s) => s.criticalAgeHours >= s.maxAgeHours, {
      message: 'criticalAgeHours must be at or above maxAgeHours',
      path: ['criticalAgeHours'],
    }),
  evaluate(ctx, s) {
    const states = new Map((ctx.syncStates ?? []).map((st) => [st.accountId, st]));
    const accounts = new Map((ctx.accounts ?? []).map((a) => [a.id, a]));
    // With account metadata: every active account. Without it: every reported sync state.
    const ids = ctx.accounts ? ctx.accounts.filter((a) => a.status === 'active').map((a) => a.id) : [...states.keys()];
    return findingsOf(ids, (id): Finding | null => {
      const st = states.get(id);
      const account = accounts.get(id);
      const label = account?.label ?? id;
      const lastSuccess = st?.lastSuccessAt ?? null;
      // Never synced: count from when the account was added (or first tried), if known.
      const since = lastSuccess ?? account?.createdAt ?? st?.lastAttemptAt ?? null;
      const ageHours = since === null ? Number.POSITIVE_INFINITY : (ctx.now - since) / HOUR_MS;
      if (!(ageHours > s.maxAgeHours)) return null;
      // With no date at all the age is unknown: warn, but do not escalate.
      const severity = since !== null && ageHours > s.criticalAgeHours ? 'critical' : 'warning';
      const err = st?.lastError ? ` Last error: ${st.lastError.message}` : '';
      const numbers: Record<string, number> = { maxAgeHours: s.maxAgeHours, criticalAgeHours: s.criticalAgeHours };
      if (Number.isFinite(ageHours)) numbers.ageHours = Math.round(ageHours * 10) / 10;
      if (lastSuccess !== null) numbers.lastSuccessAt = lastSuccess;
      return {
        ruleId: 'account-stale',
        severity,
        title: `${label} not synced`,
        message:
          lastSuccess === null
            ? `${label} has never synced successfully.${err}`
            : `${label} last synced successfully ${Math.floor(ageHours)} hours ago (limit ${s.maxAgeHours} hours).${err}`,
        why: 'Balances from this account are out of date, so the breakdown and every warning based on it may be wrong. Check the key and the connection.',
        numbers,
        subject: id,
      };
    });
  },
});

export const ACCOUNT_RULES = [keyAge, keyUnused, keyTradePermission, keyUnverified, accountStale] as const;
