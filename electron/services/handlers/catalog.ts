/** Handlers of the catalog channels (shared/ipc/channels/catalog.ts). */
import type { catalogChannels, CatalogStatus } from '../../../shared/ipc/channels/catalog';
import type { FeatureHandlers, ServiceContext } from '../context';
import { AppError } from '../errors';

export function catalogStatus(ctx: ServiceContext): CatalogStatus {
  const overrides = ctx.settings.get().overrides;
  const catalog = ctx.catalog();
  const cache = ctx.market.current();
  return {
    source: cache ? 'market-data' : 'bundle',
    bundleAsOf: ctx.market.bundle.asOf,
    fetchedAt: cache?.fetchedAt ?? null,
    assets: Object.keys(catalog).length,
    overrides,
    entries: Object.values(catalog)
      .map((a) => ({ symbol: a.symbol, name: a.name, sector: a.sectors[0] ?? 'other', marketCapUsd: a.marketCapUsd }))
      .sort((a, b) => a.symbol.localeCompare(b.symbol)),
  };
}

export function catalogHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof catalogChannels> {
  return {
    'catalog:status': () => catalogStatus(ctx),
    'catalog:refresh': async () => {
      const result = await ctx.market.refresh();
      if (result.ok) {
        ctx.feed.changed('catalog');
        return { ok: true, count: result.count, status: catalogStatus(ctx) };
      }
      return { ok: false, code: result.code, message: result.message, status: catalogStatus(ctx) };
    },
    'catalog:setOverride': ({ symbol, sector, tier }) => {
      if (!sector && !tier) throw new AppError('invalid-override', 'Choose a sector, a tier or both.');
      if (!ctx.catalog()[symbol] && !ctx.portfolio().portfolio.positions.some((p) => p.asset === symbol)) {
        throw new AppError('not-found', `${symbol} is neither in the catalog nor held.`);
      }
      const overrides = {
        ...ctx.settings.get().overrides,
        [symbol]: { ...(sector ? { sector } : {}), ...(tier ? { tier } : {}) },
      };
      ctx.settings.update({ overrides });
      return catalogStatus(ctx);
    },
    'catalog:clearOverride': ({ symbol }) => {
      const overrides = { ...ctx.settings.get().overrides };
      delete overrides[symbol];
      ctx.settings.update({ overrides });
      return catalogStatus(ctx);
    },
  };
}
