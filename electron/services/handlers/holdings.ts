/**
 * Main-process handlers of the manual-holdings channels (shared/ipc/channels/holdings.ts).
 * `createManualHoldings(ctx)` returns the one ManualHoldings instance of a service context, so the
 * portfolio composition can read the same positions and custodies.
 */
import type { holdingsChannels } from '../../../shared/ipc/channels/holdings';
import type { FeatureHandlers, ServiceContext } from '../context';
import { storeNotice } from '../notices';
import { MANUAL_HOLDINGS_DEFAULTS, ManualHoldings, type ManualHoldingsData } from '../manual-holdings';

const instances = new WeakMap<ServiceContext, ManualHoldings>();

/** The manual-holdings service of this context (created on first use, then cached). */
export function createManualHoldings(ctx: ServiceContext): ManualHoldings {
  let manual = instances.get(ctx);
  if (!manual) {
    const { store, recovered } = ctx.storeFactory<{ data: ManualHoldingsData }>({
      name: 'manual-holdings',
      cwd: ctx.dataDir,
      defaults: structuredClone(MANUAL_HOLDINGS_DEFAULTS),
    });
    if (recovered) {
      ctx.notice(
        storeNotice(recovered, { subject: 'Your manual holdings file', outcome: 'started without manual holdings' }),
      );
    }
    manual = new ManualHoldings({ store, now: ctx.now });
    instances.set(ctx, manual);
  }
  return manual;
}

export function holdingsHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof holdingsChannels> {
  const manual = createManualHoldings(ctx);
  return {
    'holdings:list': () => manual.list(),
    'holdings:addWallet': (req) => manual.addWallet(req),
    'holdings:renameWallet': ({ id, ...rest }) => manual.renameWallet(id, rest),
    'holdings:removeWallet': ({ id }) => manual.removeWallet(id),
    'holdings:add': (req) => manual.add(req),
    'holdings:update': ({ id, ...patch }) => manual.update(id, patch),
    'holdings:remove': ({ id }) => manual.remove(id),
    'holdings:previewCsv': ({ text, mode, walletId }) =>
      manual.previewCsv(text, { mode, ...(walletId !== undefined ? { walletId } : {}) }),
    'holdings:importCsv': ({ text, mode, walletId }) =>
      manual.importCsv(text, { mode, ...(walletId !== undefined ? { walletId } : {}) }),
  };
}
