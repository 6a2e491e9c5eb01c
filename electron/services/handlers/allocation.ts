/** Main-process handlers of the allocation channels (shared/ipc/channels/allocation.ts). */
import type { allocationChannels } from '../../../shared/ipc/channels/allocation';
import { allocationInputs, checkTargets, computeAllocation, exportPlan, planFor } from '../allocation-service';
import type { FeatureHandlers, ServiceContext } from '../context';

export function allocationHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof allocationChannels> {
  return {
    'allocation:get': () => computeAllocation(allocationInputs(ctx)),
    'allocation:findings': () => {
      const { sample, breakdown, findings } = computeAllocation(allocationInputs(ctx));
      return { sample, base: breakdown.base, findings };
    },
    'allocation:plan': (req) => planFor(ctx, req),
    'allocation:exportPlan': (req) => exportPlan(ctx, req),
    'allocation:setTargets': ({ targets }) => {
      ctx.settings.update({ targets: targets === null ? null : checkTargets(targets) });
      return computeAllocation(allocationInputs(ctx));
    },
  };
}
