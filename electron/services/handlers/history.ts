/** Main-process handlers of the account-history channels (shared/ipc/channels/history.ts), over ctx.history. */
import type { historyChannels } from '../../../shared/ipc/channels/history';
import type { FeatureHandlers, ServiceContext } from '../context';

export function historyHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof historyChannels> {
  return {
    'history:list': () => ctx.history.list(),
    'history:import': ({ accountId, since, extraAssets }) =>
      ctx.history.startImport(accountId, {
        ...(since !== undefined ? { since } : {}),
        ...(extraAssets ? { extraAssets } : {}),
      }),
    'history:cancel': ({ accountId }) => ({ cancelled: ctx.history.cancel(accountId) }),
    'history:export': ({ accountId }) => ctx.history.exportCsv(accountId),
  };
}
