/**
 * IPC channels of the allocation feature (see shared/ipc/contract.ts): diversification breakdown,
 * allocation-rule findings, targets and drift, rebalance plans, and the rules' settings.
 */
import { z } from 'zod';
import { channel } from '../define';
import { NoArgs } from './app';
import type { Breakdown } from '../../allocation/breakdown';
import type { RebalancePlan } from '../../allocation/rebalance';
import type { Finding, RuleCategory } from '../../allocation/rules/types';
import type { DriftRow, TargetSet } from '../../allocation/targets';

/** Value of one rule setting: a switch, a number (shares as fractions 0..1) or a list of sectors. */
export type RuleValue = boolean | number | string[];

/** How the Settings UI edits one setting of a rule. */
export interface RuleFieldView {
  key: string;
  label: string;
  /** share: a fraction edited as a percentage; number: a plain number; sectors: a list of sectors. */
  kind: 'share' | 'number' | 'boolean' | 'sectors';
  /** Unit shown next to the input ('%', 'days', 'hours', 'points', '×'). */
  unit: string;
  /** Bounds in the unit shown (a share's bounds are 0..100). */
  min?: number;
  max?: number;
  step?: number;
}

/** A rule as the Settings UI shows it: what it checks, its defaults and the settings in effect. */
export interface RuleView {
  id: string;
  title: string;
  description: string;
  category: RuleCategory;
  defaults: Record<string, RuleValue>;
  /** Settings in effect (defaults, general settings that feed the rule, then the user's changes). */
  settings: Record<string, RuleValue>;
  /** True when the settings in effect differ from the defaults (a reset would change something). */
  customised: boolean;
  /** Problems with the stored settings (the rule then runs with its defaults). */
  issues: string[];
  fields: RuleFieldView[];
  /** The general setting this rule's threshold is stored in, if any (e.g. keyRotationDays). */
  linkedSetting?: { setting: 'keyRotationDays' | 'keyUnusedDays'; key: string };
}

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

/** Largest number of targets a request may carry. */
export const MAX_TARGETS = 200;

/**
 * Shape of a target set in requests. Its meaning (known tiers/sectors, weights adding up to 100%,
 * min <= target <= max) is checked by the handler, which answers with readable details.
 */
export const targetSetInput = z.strictObject({
  dimension: z.enum(['tier', 'sector', 'asset']),
  targets: z
    .record(
      z.string().min(1).max(40),
      z.strictObject({
        target: z.number().finite(),
        min: z.number().finite().optional(),
        max: z.number().finite().optional(),
      }),
    )
    .refine((r) => Object.keys(r).length <= MAX_TARGETS, `at most ${MAX_TARGETS} targets`),
  band: z.number().finite().optional(),
});

/** Fee in basis points per trade (10 = 0.1%); up to 10%. */
export const feeBpsInput = z.number().finite().min(0).max(1000);

const planRequest = z.strictObject({ targets: targetSetInput.optional(), feeBps: feeBpsInput });

const ruleValueInput = z.union([z.boolean(), z.number().finite(), z.array(z.string().max(40)).max(50)]);

export const allocationChannels = {
  /** Breakdown, findings, drift from the saved targets and the rules with their settings. */
  'allocation:get': channel<AllocationView>()(NoArgs),
  /** Rebalance plan toward `targets` (default: the saved targets). */
  'allocation:plan': channel<RebalancePlan>()(planRequest),
  /** Writes the plan's trades as CSV; path is null when the user cancelled. */
  'allocation:exportPlan': channel<{ path: string | null; trades: number }>()(planRequest),
  /** Saves (or clears, with null) the target set; answers with the updated view. */
  'allocation:setTargets': channel<AllocationView>()(z.strictObject({ targets: targetSetInput.nullable() })),
  /** Changes some settings of one rule (merged over what is stored); answers with every rule. */
  'rules:update': channel<RuleView[]>()(
    z.strictObject({
      ruleId: z.string().min(1).max(80),
      settings: z
        .record(z.string().min(1).max(80), ruleValueInput)
        .refine((r) => Object.keys(r).length <= 20, 'at most 20 settings'),
    }),
  ),
  /** Restores the defaults of one rule, or of every rule without ruleId. */
  'rules:reset': channel<RuleView[]>()(z.strictObject({ ruleId: z.string().min(1).max(80).optional() })),
};
