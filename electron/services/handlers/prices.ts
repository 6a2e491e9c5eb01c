/** Main-process handlers of the price-history channels (shared/ipc/channels/prices.ts). */
import type { pricesChannels } from '../../../shared/ipc/channels/prices';
import type { FeatureHandlers, ServiceContext } from '../context';

export function pricesHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof pricesChannels> {
  return {
    'prices:history': () => ctx.priceHistory(),
  };
}
