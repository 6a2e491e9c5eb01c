/** Main-process handlers of the sync channels (shared/ipc/channels/sync.ts). */
import type { syncChannels } from '../../../shared/ipc/channels/sync';
import type { FeatureHandlers, ServiceContext } from '../context';
import { AppError } from '../errors';
import { syncServiceOf, type SyncService } from '../sync';

export function syncHandlers(ctx: ServiceContext, service?: SyncService): FeatureHandlers<keyof typeof syncChannels> {
  const sync = (): SyncService => {
    const s = service ?? syncServiceOf(ctx);
    if (!s) throw new AppError('sync-unavailable', 'Sync is not available.');
    return s;
  };
  return {
    'sync:now': async (req) => {
      const s = sync();
      if (!ctx.accounts.list().some((a) => a.status === 'active')) {
        throw new AppError('no-accounts', 'There is no enabled exchange account to sync. Add one in Keys & Activity.');
      }
      s.startSchedule();
      const run = s.syncNow();
      if (req?.wait) return run;
      return s.engine.running ?? run;
    },
    'sync:status': () => {
      const s = sync();
      // an account added since start-up turns the periodic sync on (the Dashboard asks for the status)
      if (ctx.accounts.list().some((a) => a.status === 'active')) s.startSchedule();
      return s.status();
    },
    'snapshots:list': (req) => sync().source.netWorth(req.range),
    'portfolio:changes': () => sync().source.changes(),
  };
}
