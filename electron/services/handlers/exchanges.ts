/** Main-process handlers of the exchange picker's channels (shared/ipc/channels/exchanges.ts). */
import type { ExchangeChoice, exchangesChannels } from '../../../shared/ipc/channels/exchanges';
import type { FeatureHandlers, ServiceContext } from '../context';
import { FEATURED_EXCHANGES, exchangeGuidance, hasPermissionCheck, supportedExchanges } from '../exchange';

function choice(id: string, name: string, requiresPassword: boolean, featured: boolean): ExchangeChoice {
  return {
    id,
    name,
    requiresPassword,
    hasPermissionCheck: hasPermissionCheck(id),
    guidance: exchangeGuidance(id),
    featured,
  };
}

export function exchangesHandlers(_ctx: ServiceContext): FeatureHandlers<keyof typeof exchangesChannels> {
  // Listing every exchange loads ccxt's list once; a failure is not kept, so the next call tries again.
  let all: Promise<ExchangeChoice[]> | null = null;
  return {
    'exchanges:featured': () => FEATURED_EXCHANGES.map((e) => choice(e.id, e.name, e.requiresPassword, true)),
    'exchanges:all': () => {
      if (!all) {
        all = supportedExchanges().then((list) =>
          list.map((e) => choice(e.id, e.name, e.requiresPassword, e.featured)),
        );
        all.catch(() => {
          all = null;
        });
      }
      return all;
    },
  };
}
