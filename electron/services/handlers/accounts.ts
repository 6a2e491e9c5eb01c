/**
 * Main-process handlers of the accounts channels (shared/ipc/channels/accounts.ts).
 *
 * Responses are built field by field from the account metadata, so nothing else the store might
 * hold (let alone a credential) can reach the renderer.
 */
import type { AccountView, accountsChannels } from '../../../shared/ipc/channels/accounts';
import type { AccountMeta, PermissionReport } from '../../../shared/domain/keys';
import { keyAgeDays, keyHealth, rotationDue, unusedDays } from '../../../shared/keys/hygiene';
import type { FeatureHandlers, ServiceContext } from '../context';
import { AppError } from '../errors';
import { exchangeDisplayName, exchangeGuidance, exchangeInfo } from '../exchange';

type Handlers = FeatureHandlers<keyof typeof accountsChannels>;

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

    'accounts:remove': async ({ id }) => {
      await ctx.accounts.remove(id);
      return { removed: true };
    },

    'accounts:reverify': async ({ id }) => view(await ctx.accounts.reverify(id)),
  };
}
