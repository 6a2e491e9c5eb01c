/** Main-process handlers of the allocation channels (shared/ipc/channels/allocation.ts). */
import type { allocationChannels } from '../../../shared/ipc/channels/allocation';
import type { FeatureHandlers, ServiceContext } from '../context';

export function allocationHandlers(_ctx: ServiceContext): FeatureHandlers<keyof typeof allocationChannels> {
  return {};
}
