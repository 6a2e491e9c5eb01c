/** Main-process handlers of the sync channels (shared/ipc/channels/sync.ts), over ctx.sync. */
import type { syncChannels } from '../../../shared/ipc/channels/sync';
import type { FeatureHandlers, ServiceContext } from '../context';
import { AppError } from '../errors';

export function syncHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof syncChannels> {
  // Watch-only wallets sync too, with or without exchange accounts; manual holdings get their prices.
  const anyActive = () =>
    ctx.accounts.list().some((a) => a.status === 'active') ||
    ctx.wallets.list().length > 0 ||
    ctx.holdings.positions().length > 0;
  return {
    'sync:now': async (req) => {
      if (!anyActive()) {
        throw new AppError(
          'no-accounts',
          'There is no enabled exchange account, watch-only wallet or manual holding to sync. Add a key in Keys & Activity or a manual holding on the Dashboard.',
        );
      }
      ctx.sync.startSchedule();
      const run = ctx.sync.syncNow();
      if (req?.wait) return run;
      return ctx.sync.engine.running ?? run;
    },
    'sync:status': () => {
      // an account added since start-up turns the periodic sync on (the Dashboard asks for the status)
      if (anyActive()) ctx.sync.startSchedule();
      return ctx.sync.status();
    },
    'sync:confirmEmpty': ({ accountId }) => ctx.sync.confirmEmpty(accountId),
  };
}
