/** Main-process handlers of the indexlab channels (shared/ipc/channels/indexlab.ts). */
import type { indexlabChannels } from '../../../shared/ipc/channels/indexlab';
import type { FeatureHandlers, ServiceContext } from '../context';

export function indexlabHandlers(_ctx: ServiceContext): FeatureHandlers<keyof typeof indexlabChannels> {
  return {};
}
