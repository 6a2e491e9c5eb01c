/** Main-process handlers of the P&L channels (shared/ipc/channels/pnl.ts), over ctx.pnl. */
import type { pnlChannels } from '../../../shared/ipc/channels/pnl';
import type { FeatureHandlers, ServiceContext } from '../context';

export function pnlHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof pnlChannels> {
  return {
    'pnl:get': () => ctx.pnl.view(),
    'pnl:returns': () => ctx.pnl.returns(),
    'pnl:export': () => ctx.pnl.exportCsv(),
  };
}
