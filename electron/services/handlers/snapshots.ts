/** Main-process handlers of the net-worth history channels (shared/ipc/channels/snapshots.ts). */
import type { snapshotsChannels } from '../../../shared/ipc/channels/snapshots';
import type { FeatureHandlers, ServiceContext } from '../context';

export function snapshotsHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof snapshotsChannels> {
  return {
    'snapshots:list': ({ range }) => ctx.sync.source.netWorth(range),
  };
}
