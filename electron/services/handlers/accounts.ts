/** Main-process handlers of the accounts channels (shared/ipc/channels/accounts.ts). */
import type { accountsChannels } from '../../../shared/ipc/channels/accounts';
import type { FeatureHandlers, ServiceContext } from '../context';

export function accountsHandlers(_ctx: ServiceContext): FeatureHandlers<keyof typeof accountsChannels> {
  return {};
}
