/** Main-process handlers of the allocation channels (shared/ipc/channels/allocation.ts). */
import { planToCsv, type TargetSet } from '../../../shared/allocation';
import type { allocationChannels } from '../../../shared/ipc/channels/allocation';
import {
  checkTargets,
  computeAllocation,
  latestPrices,
  planAllocation,
  ruleResetPatch,
  ruleUpdatePatch,
  ruleViews,
  allocationInputs,
  type AllocationInputs,
} from '../allocation-service';
import type { FeatureHandlers, ServiceContext } from '../context';
import { AppError } from '../errors';

export function allocationHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof allocationChannels> {
  const inputs = (): AllocationInputs => allocationInputs(ctx);

  /** Prices for assets an asset-level target set may buy without holding them. */
  const pricesFor = (targets: unknown, saved: TargetSet | null): Record<string, number> | undefined => {
    const set = (targets ?? saved) as { dimension?: string } | null;
    if (set?.dimension !== 'asset') return undefined;
    try {
      return latestPrices(ctx.priceHistory().history);
    } catch {
      return undefined;
    }
  };

  const plan = (req: { targets?: unknown; feeBps: number }) => {
    const i = inputs();
    return planAllocation(i, req, pricesFor(req.targets, i.settings.targets as TargetSet | null));
  };

  return {
    'allocation:get': () => computeAllocation(inputs()),
    'allocation:plan': (req) => plan(req),
    'allocation:exportPlan': async (req) => {
      const p = plan(req);
      if (p.trades.length === 0) {
        throw new AppError('nothing-to-export', 'The plan has no trades to export: the portfolio is on target.');
      }
      const day = new Date(ctx.now()).toISOString().slice(0, 10);
      const path = await ctx.saveFile(`ballast-rebalance-plan-${day}.csv`, planToCsv(p));
      return { path, trades: p.trades.length };
    },
    'allocation:setTargets': ({ targets }) => {
      ctx.settings.update({ targets: targets === null ? null : checkTargets(targets) });
      return computeAllocation(inputs());
    },
    'rules:update': ({ ruleId, settings }) => {
      const saved = ctx.settings.update(ruleUpdatePatch(ctx.settings.get(), ruleId, settings));
      return ruleViews(saved);
    },
    'rules:reset': ({ ruleId }) => {
      const saved = ctx.settings.update(ruleResetPatch(ctx.settings.get(), ruleId));
      return ruleViews(saved);
    },
  };
}
