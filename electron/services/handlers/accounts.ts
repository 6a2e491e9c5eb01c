/**
 * Main-process handlers of the accounts channels (shared/ipc/channels/accounts.ts).
 *
 * Responses are built field by field from the account metadata and the activity log, so nothing
 * the store or the log might hold besides that (let alone a credential) can reach the renderer.
 */
import type {
  AccountView,
  accountsChannels,
  ActivityRow,
  ExchangeChoice,
  KeychainStatus,
} from '../../../shared/ipc/channels/accounts';
import type { AccountMeta, PermissionReport } from '../../../shared/domain/keys';
import { keyAgeDays, keyHealth, rotationDue, unusedDays } from '../../../shared/keys/hygiene';
import type { ActivityEntry, ActivityQuery } from '../activity-log';
import type { FeatureHandlers, ServiceContext } from '../context';
import { AppError } from '../errors';
import {
  FEATURED_EXCHANGES,
  exchangeDisplayName,
  exchangeGuidance,
  exchangeInfo,
  hasPermissionCheck,
  supportedExchanges,
} from '../exchange';

type Handlers = FeatureHandlers<keyof typeof accountsChannels>;

const KEYCHAIN_NAMES: Record<string, string> = {
  darwin: 'the macOS Keychain',
  win32: 'Windows Credential Manager',
};

function permissionView(p: PermissionReport | null): PermissionReport | null {
  if (!p) return null;
  return {
    status: p.status,
    canRead: p.canRead,
    canTrade: p.canTrade,
    canWithdraw: p.canWithdraw,
    granted: [...p.granted],
    ipRestricted: p.ipRestricted,
    guidance: p.guidance,
    checkedAt: p.checkedAt,
  };
}

function choice(id: string, name: string, requiresPassword: boolean, featured: boolean): ExchangeChoice {
  return {
    id,
    name,
    requiresPassword,
    hasPermissionCheck: hasPermissionCheck(id),
    guidance: exchangeGuidance(id),
    featured,
  };
}

function row(e: ActivityEntry): ActivityRow {
  return {
    seq: e.seq,
    at: e.at,
    kind: e.kind,
    accountId: e.accountId,
    exchange: e.exchange ?? null,
    method: e.method ?? null,
    endpoint: e.endpoint ?? null,
    status: e.status ?? null,
    errorClass: e.errorClass ?? null,
    durationMs: e.durationMs ?? null,
    ok: e.ok ?? null,
    detail: { ...(e.detail ?? {}) },
    redacted: e.redacted ?? 0,
  };
}

export function accountsHandlers(ctx: ServiceContext): Handlers {
  const view = (m: AccountMeta): AccountView => {
    const s = ctx.settings.get();
    const now = ctx.now();
    return {
      id: m.id,
      label: m.label,
      exchange: m.exchange,
      status: m.status,
      createdAt: m.createdAt,
      keyCreatedAt: m.keyCreatedAt,
      rotatedAt: m.rotatedAt,
      lastUsedAt: m.lastUsedAt,
      lastVerifiedAt: m.lastVerifiedAt,
      permission: permissionView(m.permission),
      tradeAccepted: m.tradeAccepted,
      fingerprint: m.fingerprint,
      exchangeName: exchangeDisplayName(m.exchange),
      guidance: exchangeGuidance(m.exchange),
      hints: keyHealth(m, { keyRotationDays: s.keyRotationDays, keyUnusedDays: s.keyUnusedDays }, now),
      keyAgeDays: keyAgeDays(m, now),
      rotationDays: s.keyRotationDays,
      rotationDue: rotationDue(m, s.keyRotationDays, now),
      unusedDays: unusedDays(m, now),
    };
  };

  /** Fail early, before the key is sent to the exchange, when it could not be stored anyway. */
  const requireKeychain = async () => {
    const status = await ctx.vault.available();
    if (!status.ok) throw new AppError('keychain-unavailable', `${status.reason} Nothing was stored.`);
  };

  const requireExchange = async (exchange: string) => {
    try {
      await exchangeInfo(exchange);
    } catch {
      throw new AppError('invalid', `Ballast does not know the exchange "${exchange}". Choose one from the list.`);
    }
  };

  let allExchanges: Promise<ExchangeChoice[]> | null = null;

  return {
    'accounts:list': () => ctx.accounts.list().map(view),

    'accounts:add': async (req) => {
      await requireExchange(req.exchange);
      await requireKeychain();
      const meta = await ctx.accounts.add({
        exchange: req.exchange,
        label: req.label,
        apiKey: req.apiKey,
        secret: req.secret,
        ...(req.password ? { password: req.password } : {}),
        acceptTrade: req.acceptTrade === true,
      });
      // The first account starts the periodic sync.
      ctx.sync.startSchedule();
      return view(meta);
    },

    'accounts:rename': async ({ id, label }) => view(await ctx.accounts.rename(id, label)),

    'accounts:setEnabled': async ({ id, enabled }) => view(await ctx.accounts.setEnabled(id, enabled)),

    'accounts:rotate': async (req) => {
      if (!ctx.accounts.get(req.id)) {
        throw new AppError('not-found', 'This account does not exist (it may have been removed).');
      }
      await requireKeychain();
      const meta = await ctx.accounts.rotate(
        req.id,
        { apiKey: req.apiKey, secret: req.secret, ...(req.password ? { password: req.password } : {}) },
        req.acceptTrade === true,
      );
      return view(meta);
    },

    'accounts:revoke': async ({ id }) => view(await ctx.accounts.revoke(id)),

    'accounts:reverify': async ({ id }) => view(await ctx.accounts.reverify(id)),

    'exchanges:featured': () => FEATURED_EXCHANGES.map((e) => choice(e.id, e.name, e.requiresPassword, true)),

    'exchanges:all': () => {
      if (!allExchanges) {
        allExchanges = supportedExchanges().then((list) =>
          list.map((e) => choice(e.id, e.name, e.requiresPassword, e.featured)),
        );
        allExchanges.catch(() => {
          allExchanges = null;
        });
      }
      return allExchanges;
    },

    'keychain:status': async (): Promise<KeychainStatus> => {
      const status = await ctx.vault.available();
      if (status.ok) {
        const where = KEYCHAIN_NAMES[process.platform] ?? 'the Secret Service keyring (GNOME Keyring or KWallet)';
        return { ok: true, message: `Your exchange keys are stored in ${where}, never in a file.` };
      }
      return { ok: false, failure: status.failure, message: status.reason };
    },

    'activity:query': (q) => {
      const filters: ActivityQuery = {
        ...(q.accountId !== undefined ? { accountId: q.accountId } : {}),
        ...(q.kind !== undefined && q.kind !== 'lifecycle' ? { kind: q.kind } : {}),
        ...(q.errorsOnly ? { errorsOnly: true } : {}),
        ...(q.since !== undefined ? { since: q.since } : {}),
        ...(q.until !== undefined ? { until: q.until } : {}),
      };
      const search = q.search?.toLowerCase() ?? '';
      if (q.kind !== 'lifecycle' && search === '') {
        const page = ctx.activity.query({ ...filters, limit: q.limit, offset: q.offset });
        return { total: page.total, entries: page.entries.map(row) };
      }
      const matching = ctx.activity
        .query(filters)
        .entries.filter((e) => q.kind !== 'lifecycle' || e.kind !== 'api-call')
        .filter((e) => search === '' || (e.endpoint ?? '').toLowerCase().includes(search));
      return { total: matching.length, entries: matching.slice(q.offset, q.offset + q.limit).map(row) };
    },

    'activity:daily': ({ accountId, days }) =>
      ctx.activity
        .dailyCounts({ days, now: ctx.now(), ...(accountId !== undefined ? { accountId } : {}) })
        .map((d) => ({ date: d.date, start: d.start, calls: d.calls, errors: d.errors })),

    'activity:verify': () => ctx.activity.verify(),
  };
}
