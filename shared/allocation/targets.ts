/**
 * Target allocations, presets and drift from target.
 * Weights are fractions of the priced portfolio value (0..1) and add up to 1.
 */
import { z } from 'zod';
import { SECTORS, TIERS } from '../domain/types';
import { issueLine } from '../field-labels';
import { boundedRecord } from '../schema';
import type { Breakdown, Slice } from './breakdown';
import { SECTOR_LABELS, TIER_LABELS, parseSector } from './classify';

export type TargetDimension = 'tier' | 'sector' | 'asset';

export interface Target {
  target: number;
  /** Lower bound of the acceptable range; when set it replaces the band below the target. */
  min?: number;
  /** Upper bound of the acceptable range; when set it replaces the band above the target. */
  max?: number;
}

export interface TargetSet {
  dimension: TargetDimension;
  /** Keyed by tier, sector or asset symbol, depending on `dimension`. */
  targets: Record<string, Target>;
  /** Tolerated absolute drift (0.05 = 5 percentage points) for targets without min/max. */
  band?: number;
}

/** Drift tolerance used when a target set defines no band. */
export const DEFAULT_BAND = 0.05;
/** Tolerance on the sum of the targets. */
export const TARGET_SUM_TOLERANCE = 1e-6;

const fraction = z.number().finite().min(0).max(1);

const targetSchema = z
  .object({ target: fraction, min: fraction.optional(), max: fraction.optional() })
  .strict()
  .superRefine((t, ctx) => {
    if (t.min !== undefined && t.min > t.target + 1e-12) {
      ctx.addIssue({ code: 'custom', message: `min (${t.min}) is above the target (${t.target})`, path: ['min'] });
    }
    if (t.max !== undefined && t.max < t.target - 1e-12) {
      ctx.addIssue({ code: 'custom', message: `max (${t.max}) is below the target (${t.target})`, path: ['max'] });
    }
  });

/** Zod schema of a TargetSet: known keys for tier/sector sets, weights 0..1 that add up to 100%. */
export const targetSetSchema = z
  .object({
    dimension: z.enum(['tier', 'sector', 'asset']),
    targets: boundedRecord(z.record(z.string().min(1).max(40), targetSchema), 1000, 'targets'),
    band: fraction.optional(),
  })
  .strict()
  .superRefine((set, ctx) => {
    const keys = Object.keys(set.targets);
    if (keys.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'at least one target is required', path: ['targets'] });
      return;
    }
    for (const key of keys) {
      if (set.dimension === 'tier' && !(TIERS as readonly string[]).includes(key)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown tier "${key}" (expected one of ${TIERS.join(', ')})`,
          path: ['targets', key],
        });
      }
      if (set.dimension === 'sector' && !(SECTORS as readonly string[]).includes(key)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown sector "${key}" (expected one of ${SECTORS.join(', ')})`,
          path: ['targets', key],
        });
      }
    }
    const sum = Object.values(set.targets).reduce((s, t) => s + t.target, 0);
    if (Math.abs(sum - 1) > TARGET_SUM_TOLERANCE) {
      ctx.addIssue({
        code: 'custom',
        message: `the weights add up to ${(sum * 100).toFixed(2)}%, not 100%`,
        path: ['targets'],
      });
    }
  });

/** Validate a target set; returns a readable error list instead of throwing. */
export function validateTargetSet(input: unknown): { ok: true; value: TargetSet } | { ok: false; errors: string[] } {
  const r = targetSetSchema.safeParse(input);
  if (r.success) return { ok: true, value: r.data as TargetSet };
  return {
    ok: false,
    errors: r.error.issues.map(issueLine),
  };
}

/**
 * Scale targets (and their min/max) so the targets add up to exactly 1.
 * Useful for guidance quoted as ranges whose midpoints do not add up to 100%.
 */
export function normaliseTargets(targets: Record<string, Target>): Record<string, Target> {
  const sum = Object.values(targets).reduce((s, t) => s + t.target, 0);
  if (!(sum > 0)) throw new Error('cannot normalise targets that add up to 0');
  const out: Record<string, Target> = {};
  for (const [k, t] of Object.entries(targets)) {
    out[k] = {
      target: t.target / sum,
      ...(t.min !== undefined ? { min: t.min / sum } : {}),
      ...(t.max !== undefined ? { max: Math.min(1, t.max / sum) } : {}),
    };
  }
  return out;
}

function fromRanges(ranges: Record<string, [min: number, max: number]>): Record<string, Target> {
  const raw: Record<string, Target> = {};
  for (const [k, [min, max]] of Object.entries(ranges)) raw[k] = { target: (min + max) / 2, min, max };
  return normaliseTargets(raw);
}

export interface TargetPreset {
  id: 'conservative' | 'balanced' | 'growth';
  name: string;
  description: string;
  /** The published ranges the preset was built from (before normalisation), as fractions. */
  sourceRanges: Record<string, [number, number]>;
  targetSet: TargetSet;
}

function preset(
  id: TargetPreset['id'],
  name: string,
  description: string,
  sourceRanges: Record<string, [number, number]>,
): TargetPreset {
  return {
    id,
    name,
    description,
    sourceRanges,
    targetSet: { dimension: 'tier', targets: fromRanges(sourceRanges), band: DEFAULT_BAND },
  };
}

/**
 * Tier presets built from allocation ranges commonly given in retail crypto guidance
 * (tiers: large >= $10B, mid $1B-$10B, small < $1B market cap). Each target is the midpoint of
 * its range; midpoints are normalised to 100% and the ranges scaled by the same factor.
 * They are starting points, not advice.
 */
export const TARGET_PRESETS: readonly TargetPreset[] = [
  preset('conservative', 'Conservative', 'Mostly large caps, a solid stablecoin reserve, little small-cap exposure.', {
    large: [0.65, 0.75],
    mid: [0.1, 0.2],
    small: [0, 0.05],
    stablecoin: [0.1, 0.15],
  }),
  preset('balanced', 'Balanced', 'Large caps 40-50%, mid caps 25-30%, small caps 10-20%, stablecoins 5-10%.', {
    large: [0.4, 0.5],
    mid: [0.25, 0.3],
    small: [0.1, 0.2],
    stablecoin: [0.05, 0.1],
  }),
  preset('growth', 'Growth', 'Large caps 30-40%, mid caps 30-40%, small caps 20-25%, stablecoins 5-10%.', {
    large: [0.3, 0.4],
    mid: [0.3, 0.4],
    small: [0.2, 0.25],
    stablecoin: [0.05, 0.1],
  }),
];

export function presetById(id: TargetPreset['id']): TargetPreset | undefined {
  return TARGET_PRESETS.find((p) => p.id === id);
}

export interface DriftRow {
  key: string;
  label: string;
  /** Current share (0..1). */
  actual: number;
  /** Target share (0..1); 0 for holdings outside the target set. */
  target: number;
  /** actual - target: positive = overweight, negative = underweight. */
  drift: number;
  /** Lower / upper edges of the tolerated range. */
  lower: number;
  upper: number;
  outsideBand: boolean;
  /** Current and target values in the base currency. */
  actualValue: number;
  targetValue: number;
}

export function slicesFor(b: Breakdown, dimension: TargetDimension): Slice[] {
  return dimension === 'tier' ? b.byTier : dimension === 'sector' ? b.bySector : b.byAsset;
}

export function labelFor(dimension: TargetDimension, key: string): string {
  if (dimension === 'tier') return (TIER_LABELS as Record<string, string>)[key] ?? key;
  if (dimension === 'sector') {
    const s = parseSector(key);
    return s ? SECTOR_LABELS[s] : key;
  }
  return key;
}

/** Tolerated range of one target: [min, max] when given, else target -/+ band (clamped to 0..1). */
export function rangeOf(t: Target, band: number): { lower: number; upper: number } {
  return {
    lower: t.min ?? Math.max(0, t.target - band),
    upper: t.max ?? Math.min(1, t.target + band),
  };
}

const EPS = 1e-9;

/**
 * Drift of a breakdown from a target set. Rows cover every targeted key plus every held key of
 * the same dimension (held but untargeted keys have target 0). Sorted by |drift|, largest first.
 * An empty portfolio has actual 0 everywhere.
 */
export function drift(b: Breakdown, set: TargetSet): DriftRow[] {
  return driftRows(slicesFor(b, set.dimension), b.total, set);
}

/** Drift rows from any list of slices of the target set's dimension (used for "after" views). */
export function driftRows(
  slices: ReadonlyArray<Pick<Slice, 'key' | 'label' | 'value' | 'share'>>,
  total: number,
  set: TargetSet,
): DriftRow[] {
  const band = set.band ?? DEFAULT_BAND;
  const keys = new Set<string>([...Object.keys(set.targets), ...slices.map((s) => s.key)]);
  const rows: DriftRow[] = [];
  for (const key of keys) {
    const slice = slices.find((s) => s.key === key);
    const t: Target = set.targets[key] ?? { target: 0 };
    const actual = slice?.share ?? 0;
    const { lower, upper } = rangeOf(t, band);
    rows.push({
      key,
      label: slice?.label ?? labelFor(set.dimension, key),
      actual,
      target: t.target,
      drift: actual - t.target,
      lower,
      upper,
      outsideBand: actual < lower - EPS || actual > upper + EPS,
      actualValue: slice?.value ?? 0,
      targetValue: t.target * total,
    });
  }
  return rows.sort((a, c) => Math.abs(c.drift) - Math.abs(a.drift) || (a.key < c.key ? -1 : a.key > c.key ? 1 : 0));
}
