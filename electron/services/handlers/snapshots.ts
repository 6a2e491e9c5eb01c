/**
 * Main-process handlers of the net-worth history channels (shared/ipc/channels/snapshots.ts): the
 * recorded snapshots, reaching back to the first deposit when an account's history is imported.
 */
import type { snapshotsChannels } from '../../../shared/ipc/channels/snapshots';
import type { FeatureHandlers, ServiceContext } from '../context';

export function snapshotsHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof snapshotsChannels> {
  return {
    'snapshots:list': ({ range }) => ctx.history.netWorth(range),
  };
}
