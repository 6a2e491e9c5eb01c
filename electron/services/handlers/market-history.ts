/**
 * Main-process handlers of the market-history channels (shared/ipc/channels/market-history.ts), over
 * ctx.marketHistory; the import asks for its folder through ctx.chooseFolder (a native dialog in the app).
 */
import type { marketHistoryChannels } from '../../../shared/ipc/channels/market-history';
import type { FeatureHandlers, ServiceContext } from '../context';

export function marketHistoryHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof marketHistoryChannels> {
  const history = ctx.marketHistory;
  return {
    'market-history:status': () => history.status(),
    'market-history:update': async (req) => {
      const run = history.update(req?.topN !== undefined ? { topN: req.topN } : {});
      if (req?.wait) return run;
      return history.current() ?? run;
    },
    'market-history:cancel': () => ({ cancelled: history.cancel() }),
    'market-history:coverage': () => history.coverage(),
    'market-history:import': async () => {
      const folder = await ctx.chooseFolder();
      if (folder === null) {
        return { folder: null, files: 0, assets: [], errors: [], errorCount: 0, skippedFiles: [] };
      }
      const imported = await history.importCsvFolder(folder);
      // Grades and the Index Lab read the market history: every view reloads.
      if (imported.assets.length > 0) ctx.feed.changed('market-history');
      return imported;
    },
  };
}
