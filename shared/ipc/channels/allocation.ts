/**
 * IPC channels of the allocation feature (see shared/ipc/contract.ts): diversification breakdown,
 * allocation-rule findings, targets and drift, and rebalance plans. The rules' settings have their
 * own channels (rules.ts).
 */
import { z } from 'zod';
import { channel, NoArgs } from '../define';
import { boundedRecord } from '../../schema';
import type { RuleView } from './rules';
import type { Breakdown } from '../../allocation/breakdown';
import type { RebalancePlan } from '../../allocation/rebalance';
import type { Finding } from '../../allocation/rules/types';
import type { DriftRow, TargetSet } from '../../allocation/targets';

export interface AllocationView {
  /** True when this is the bundled sample portfolio. */
  sample: boolean;
  breakdown: Breakdown;
  /** Every finding, most severe first. */
  findings: Finding[];
  /** Drift from the saved targets, or null when no targets are set. */
  drift: DriftRow[] | null;
  targets: TargetSet | null;
  /** Drift band in effect: the target set's own band, else the target-drift rule's band. */
  band: number;
  rules: RuleView[];
}

/** The findings alone (what the Dashboard's warnings panel shows), without the breakdown. */
export interface FindingsView {
  sample: boolean;
  base: string;
  /** Every finding, most severe first. */
  findings: Finding[];
}

/** Largest number of targets a request may carry. */
export const MAX_TARGETS = 200;

/**
 * Shape of a target set in requests. Its meaning (known tiers/sectors, weights adding up to 100%,
 * min <= target <= max) is checked by the handler, which answers with readable details.
 */
export const targetSetInput = z.strictObject({
  dimension: z.enum(['tier', 'sector', 'asset']),
  targets: boundedRecord(
    z.record(
      z.string().min(1).max(40),
      z.strictObject({
        target: z.number().finite(),
        min: z.number().finite().optional(),
        max: z.number().finite().optional(),
      }),
    ),
    MAX_TARGETS,
    'targets',
  ),
  band: z.number().finite().optional(),
});

/** Fee in basis points per trade (10 = 0.1%); up to 10%. */
export const feeBpsInput = z.number().finite().min(0).max(1000);

const planRequest = z.strictObject({ targets: targetSetInput.optional(), feeBps: feeBpsInput });

export const allocationChannels = {
  /** Breakdown, findings, drift from the saved targets and the rules with their settings. */
  'allocation:get': channel<AllocationView>()(NoArgs),
  /** The findings of `allocation:get` alone. */
  'allocation:findings': channel<FindingsView>()(NoArgs),
  /** Rebalance plan toward `targets` (default: the saved targets). */
  'allocation:plan': channel<RebalancePlan>()(planRequest),
  /** Writes the plan's trades as CSV; path is null when the user cancelled. */
  'allocation:exportPlan': channel<{ path: string | null; trades: number }>()(planRequest),
  /** Saves (or clears, with null) the target set; answers with the updated view. */
  'allocation:setTargets': channel<AllocationView>()(z.strictObject({ targets: targetSetInput.nullable() })),
};
