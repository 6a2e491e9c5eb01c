/**
 * Main-process handlers of the manual-holdings channels (shared/ipc/channels/holdings.ts), over the one
 * ManualHoldings of the app (ctx.holdings), which the portfolio also reads its positions from.
 */
import type { holdingsChannels } from '../../../shared/ipc/channels/holdings';
import type { FeatureHandlers, ServiceContext } from '../context';

export function holdingsHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof holdingsChannels> {
  const manual = ctx.holdings;
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
