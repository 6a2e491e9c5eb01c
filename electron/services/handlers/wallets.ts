/**
 * Main-process handlers of the watch-only wallet channels (shared/ipc/channels/wallets.ts), over
 * ctx.wallets (the wallets, their last good reads, the providers) and ctx.sync (reading them, their sync
 * health). Views are built field by field, so an extended key (kept in the keychain) can never be part
 * of an answer: only its short form is.
 */
import type { walletsChannels } from '../../../shared/ipc/channels/wallets';
import type { WalletView } from '../../../shared/wallets';
import type { FeatureHandlers, ServiceContext } from '../context';
import type { StoredWallet } from '../wallets/store';

export function walletsHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof walletsChannels> {
  const view = (w: StoredWallet): WalletView => {
    const st = ctx.sync.balances.states()[w.id];
    return {
      id: w.id,
      label: w.label,
      kind: w.kind,
      address: w.address,
      ensName: w.ensName,
      extendedKey: w.extended
        ? { script: w.extended.script, shortForm: w.extended.shortForm, gapLimit: w.extended.gapLimit }
        : null,
      networks: [...w.networks],
      createdAt: w.createdAt,
      lastSuccessAt: st?.lastSuccessAt ?? null,
      lastAttemptAt: st?.lastAttemptAt ?? null,
      lastError: st?.lastError ? { code: st.lastError.code, message: st.lastError.message } : null,
      stale: st?.stale ?? false,
      usedAddresses: w.lastRead?.used ?? null,
      tokens: (w.lastRead?.tokens ?? []).map((t) => ({
        network: t.network,
        asset: t.asset,
        name: t.name,
        amount: t.amount,
        hidden: t.hidden,
      })),
    };
  };

  return {
    'wallets:list': () => ({
      wallets: ctx.wallets.list().map(view),
      providers: ctx.wallets.providers(),
      showHidden: ctx.wallets.showHidden(),
      tokenListAt: ctx.wallets.tokenListAt(),
    }),
    'wallets:add': async (req) => {
      const w = await ctx.wallets.add({
        kind: req.kind,
        label: req.label,
        input: req.input,
        script: req.script ?? null,
        ...(req.gapLimit !== undefined ? { gapLimit: req.gapLimit } : {}),
        ...(req.networks ? { networks: req.networks } : {}),
      });
      // The first wallet (like the first account) starts the periodic sync.
      ctx.sync.startSchedule();
      return view(w);
    },
    'wallets:rename': async ({ id, label }) => view(await ctx.wallets.rename(id, label)),
    'wallets:remove': async ({ id }) => {
      await ctx.wallets.remove(id);
      ctx.sync.balances.forget(id);
      return { removed: true };
    },
    'wallets:rescan': async ({ id, gapLimit }) => {
      if (gapLimit !== undefined) await ctx.wallets.setGapLimit(id, gapLimit);
      else ctx.wallets.get(id);
      await ctx.sync.syncNow();
      return view(ctx.wallets.get(id));
    },
    'wallets:setProvider': ({ network, url }) => ctx.wallets.setProvider(network, url),
    'wallets:setShowHidden': async ({ showHidden }) => {
      await ctx.wallets.setShowHidden(showHidden);
      return { showHidden };
    },
    'wallets:refreshTokens': async () => {
      const { tokens } = await ctx.wallets.refreshTokens();
      return { tokens, at: ctx.wallets.tokenListAt() };
    },
  };
}
