/** Main-process handlers of the sync channels (shared/ipc/channels/sync.ts). */
import type { syncChannels } from '../../../shared/ipc/channels/sync';
import type { FeatureHandlers, ServiceContext } from '../context';

export function syncHandlers(_ctx: ServiceContext): FeatureHandlers<keyof typeof syncChannels> {
  return {};
}
