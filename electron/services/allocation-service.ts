/**
 * Allocation service: the diversification breakdown, rule findings, drift and rebalance plans of the
 * portfolio the app shows.
 *
 * Everything is computed by the pure domain in shared/allocation; this module only gathers the
 * inputs (portfolio, catalog, settings and, when available, grades and account metadata), applies
 * the settings rules described in docs/RULES.md (rule-settings.ts) and turns domain errors into
 * AppErrors. Used by the allocation handlers and, after each sync, by createServices for the
 * notifications of new findings (finding-notifier.ts).
 */
import {
  breakdown,
  drift,
  evaluateRules,
  planToCsv,
  rebalancePlan,
  validateRuleSettings,
  validateTargetSet,
  type AssetCatalog,
  type Grades,
  type RebalancePlan,
  type TargetSet,
} from '../../shared/allocation';
import type { AccountMeta, AccountSyncState } from '../../shared/domain/keys';
import type { Portfolio, PriceHistory } from '../../shared/domain/types';
import type { AllocationView } from '../../shared/ipc/channels/allocation';
import type { Settings } from '../../shared/settings';
import type { ServiceContext } from './context';
import { AppError } from './errors';
import { ruleInput, ruleViews } from './rule-settings';

export interface AllocationInputs {
  portfolio: Portfolio;
  /** True when the portfolio is the bundled sample. */
  sample?: boolean;
  catalog: AssetCatalog;
  /** Tier thresholds, overrides, targets and rule settings are read from here. */
  settings: Settings;
  /** Evaluation time (ms since epoch) for the key and sync rules. */
  now: number;
  /** Trader/Investor grades by symbol; without them the low-grade rule is skipped. */
  grades?: Grades | null;
  /** Exchange-account metadata, for the key rules (none: no key findings). */
  accounts?: AccountMeta[];
  /** Sync health per account, for the account-stale rule. */
  syncStates?: AccountSyncState[];
}

/**
 * Breakdown, findings, drift and rules of a portfolio. Pure apart from reading its inputs: the
 * caller gathers the portfolio and settings, and plugs in grades and account metadata when it has
 * them. Linear in the number of positions, so it is recomputed on every request.
 */
export function computeAllocation(inputs: AllocationInputs): AllocationView {
  const { settings, portfolio } = inputs;
  const b = breakdown(portfolio, inputs.catalog, {
    thresholds: settings.tierThresholds,
    overrides: settings.overrides,
  });
  const raw = ruleInput(settings);
  const effective = validateRuleSettings(raw).settings;
  const targets = (settings.targets ?? null) as TargetSet | null;
  const band = targets?.band ?? effective['target-drift'].band;
  const findings = evaluateRules(
    {
      now: inputs.now,
      breakdown: b,
      portfolio,
      targets,
      grades: inputs.grades ?? null,
      ...(inputs.accounts ? { accounts: inputs.accounts } : {}),
      ...(inputs.syncStates ? { syncStates: inputs.syncStates } : {}),
    },
    raw,
  );
  return {
    sample: inputs.sample ?? false,
    breakdown: b,
    findings,
    drift: targets ? drift(b, { ...targets, band }) : null,
    targets,
    band,
    rules: ruleViews(settings),
  };
}

/** Validates a target set from a request; AppError('invalid-targets') lists every problem. */
export function checkTargets(input: unknown): TargetSet {
  const v = validateTargetSet(input);
  if (!v.ok) throw new AppError('invalid-targets', 'These targets are not valid; nothing was saved.', v.errors);
  return v.value;
}

/** Last close of every asset in a price history: prices for buying assets not held yet. */
export function latestPrices(history: PriceHistory): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [symbol, candles] of Object.entries(history)) {
    const last = candles.at(-1);
    if (last && Number.isFinite(last.c) && last.c > 0) out[symbol] = last.c;
  }
  return out;
}

/**
 * Rebalance plan toward `targets` (default: the saved targets) with a fee in basis points.
 * `prices` prices assets the plan may buy but the portfolio does not hold.
 */
export function planAllocation(
  inputs: Pick<AllocationInputs, 'portfolio' | 'catalog' | 'settings'>,
  request: { targets?: unknown; feeBps: number },
  prices?: Record<string, number>,
): RebalancePlan {
  const { settings } = inputs;
  const raw = request.targets ?? settings.targets;
  if (!raw) {
    throw new AppError('no-targets', 'Set target weights first: choose a preset or enter your own.');
  }
  const set = checkTargets(raw);
  const band = set.band ?? validateRuleSettings(ruleInput(settings)).settings['target-drift'].band;
  try {
    return rebalancePlan(
      inputs.portfolio,
      inputs.catalog,
      { ...set, band },
      {
        feeBps: request.feeBps,
        thresholds: settings.tierThresholds,
        overrides: settings.overrides,
        ...(prices ? { prices } : {}),
      },
    );
  } catch (err) {
    throw new AppError('plan-failed', err instanceof Error ? err.message : 'The plan could not be computed.');
  }
}

/**
 * Everything the allocation rules look at, gathered from the running services: the portfolio, the
 * catalog, settings, grades (low-grade exposure), key metadata and sync states (key and staleness rules).
 */
export function allocationInputs(ctx: ServiceContext): AllocationInputs {
  const view = ctx.portfolio();
  return {
    portfolio: view.portfolio,
    sample: view.sample,
    catalog: ctx.catalog(),
    settings: ctx.settings.get(),
    now: ctx.now(),
    grades: ctx.grades.currentGrades(),
    accounts: ctx.accounts.list(),
    syncStates: ctx.sync.engine.states(),
  };
}

/** Prices for assets an asset-level target set may buy without holding them (none when unavailable). */
function pricesFor(ctx: ServiceContext, targets: unknown, saved: unknown): Record<string, number> | undefined {
  const set = (targets ?? saved) as { dimension?: string } | null;
  if (set?.dimension !== 'asset') return undefined;
  try {
    return latestPrices(ctx.priceHistory().history);
  } catch {
    // No price history to read: the plan then only trades assets already held.
    return undefined;
  }
}

/** Rebalance plan of the portfolio the app shows (see planAllocation). */
export function planFor(ctx: ServiceContext, request: { targets?: unknown; feeBps: number }): RebalancePlan {
  const inputs = allocationInputs(ctx);
  return planAllocation(inputs, request, pricesFor(ctx, request.targets, inputs.settings.targets));
}

/** Writes the plan's trades as CSV through ctx.saveFile; path is null when the user cancelled. */
export async function exportPlan(
  ctx: ServiceContext,
  request: { targets?: unknown; feeBps: number },
): Promise<{ path: string | null; trades: number }> {
  const plan = planFor(ctx, request);
  if (plan.trades.length === 0) {
    throw new AppError('nothing-to-export', 'The plan has no trades to export: the portfolio is on target.');
  }
  const day = new Date(ctx.now()).toISOString().slice(0, 10);
  const path = await ctx.saveFile(`ballast-rebalance-plan-${day}.csv`, planToCsv(plan));
  return { path, trades: plan.trades.length };
}
