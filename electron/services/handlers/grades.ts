/** Main-process handlers of the grades channels (shared/ipc/channels/grades.ts). */
import type { gradesChannels } from '../../../shared/ipc/channels/grades';
import type { FeatureHandlers, ServiceContext } from '../context';

export function gradesHandlers(_ctx: ServiceContext): FeatureHandlers<keyof typeof gradesChannels> {
  return {};
}
