/**
 * Editing a target set before it is saved: starting from the current mix, the rows the editor lists,
 * one weight changed, scaling to 100%, adding a group, and which preset (if any) the draft still is.
 * Every function returns a new draft; validation is the shared `validateTargetSet`. Pure; used by
 * the targets editor and tested in test/unit/diversification-view-targets.
 */
import type { Breakdown } from '../../../../shared/allocation/breakdown';
import { TIER_LABELS } from '../../../../shared/allocation/classify';
import {
  DEFAULT_BAND,
  slicesFor,
  TARGET_PRESETS,
  type TargetDimension,
  type TargetPreset,
  type TargetSet,
} from '../../../../shared/allocation/targets';
import { pct } from '../../lib/format';

/** Tiers the editor always lists, held or not. */
const TIER_KEYS = ['large', 'mid', 'small', 'stablecoin'];

/** Targets equal to the current mix of a dimension, rounded to 0.1% and adding up to 100%. */
export function fromCurrent(dimension: TargetDimension, b: Breakdown): TargetSet {
  const slices = slicesFor(b, dimension).filter((s) => s.share > 0);
  const targets: TargetSet['targets'] = {};
  if (dimension === 'tier' && slices.length === 0) {
    targets['large'] = { target: 1 };
  }
  for (const s of slices) targets[s.key] = { target: Math.round(s.share * 1000) / 1000 };
  const keys = Object.keys(targets);
  const sum = keys.reduce((acc, k) => acc + (targets[k]?.target ?? 0), 0);
  const first = keys[0];
  if (first && targets[first]) targets[first] = { target: Math.round((targets[first].target + 1 - sum) * 1e6) / 1e6 };
  return { dimension, targets, band: DEFAULT_BAND };
}

/** The groups the editor lists: every tier (for tier targets), then the targeted ones, then the held ones. */
export function editorKeys(set: TargetSet, b: Breakdown): string[] {
  const held = slicesFor(b, set.dimension).map((s) => s.key);
  const base = set.dimension === 'tier' ? TIER_KEYS : [];
  return [...new Set([...base, ...Object.keys(set.targets), ...held])];
}

/** The current share of one group (0 when nothing of it is held). */
export function currentShare(b: Breakdown, dimension: TargetDimension, key: string): number {
  return slicesFor(b, dimension).find((s) => s.key === key)?.share ?? 0;
}

/** Sum of the weights that are numbers (a field being typed into counts as 0). */
export function targetSum(set: TargetSet): number {
  return Object.values(set.targets).reduce((s, t) => s + (Number.isFinite(t.target) ? t.target : 0), 0);
}

/** Whether the weights add up to 100%, as the total under the editor shows it. */
export function sumIsWhole(sum: number): boolean {
  return Math.abs(sum - 1) < 1e-6;
}

/** Whether "Scale to 100%" has something to do. */
export function canScale(sum: number): boolean {
  return sum > 0 && Math.abs(sum - 1) >= 1e-9;
}

/** The draft with one weight set; an edited target uses the band, a preset's published min/max no longer apply. */
export function withTarget(set: TargetSet, key: string, target: number): TargetSet {
  return { ...set, targets: { ...set.targets, [key]: { target } } };
}

/** The draft scaled so its weights add up to 100%, dropping empty ones; unchanged when they add up to 0. */
export function scaledToWhole(set: TargetSet): TargetSet {
  const sum = targetSum(set);
  if (!(sum > 0)) return set;
  const targets: TargetSet['targets'] = {};
  for (const [k, t] of Object.entries(set.targets)) {
    if (Number.isFinite(t.target) && t.target > 0) targets[k] = { target: t.target / sum };
  }
  return { ...set, targets };
}

/** The key a typed group name stands for: asset symbols upper-case, sector names as typed. */
export function groupKey(dimension: TargetDimension, text: string): string {
  return dimension === 'asset' ? text.trim().toUpperCase() : text.trim();
}

/** The draft with a group added at 0%; unchanged when it is already there or the name is blank. */
export function withGroup(set: TargetSet, text: string): TargetSet {
  const key = groupKey(set.dimension, text);
  if (!key || set.targets[key]) return set;
  return { ...set, targets: { ...set.targets, [key]: { target: 0 } } };
}

/** Whether two drafts (or saved sets) are the same, field for field. */
export function sameTargets(a: TargetSet | null, b: TargetSet | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The preset the draft is, untouched; undefined once anything was changed. */
export function activePreset(draft: TargetSet | null): TargetPreset['id'] | undefined {
  return TARGET_PRESETS.find((p) => sameTargets(p.targetSet, draft))?.id;
}

/** A preset's mix in one line: "Large caps 70% · Mid caps 15% · …". */
export function presetMix(p: TargetPreset): string {
  return Object.entries(p.targetSet.targets)
    .map(([k, t]) => `${(TIER_LABELS as Record<string, string>)[k] ?? k} ${pct(t.target, 0)}`)
    .join(' · ');
}

/** Header of the editor's first column. */
export function groupTitle(dimension: TargetDimension): string {
  return dimension === 'tier' ? 'Tier' : dimension === 'sector' ? 'Sector' : 'Asset';
}
