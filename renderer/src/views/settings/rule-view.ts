/**
 * The rule settings as the cards show them: a value in words ("20%", "7 days", "off"), which fields
 * the user changed, whether one cannot be read as a number, and the rules grouped by category. Pure;
 * used by RuleSettings, RuleCard and settings-edits.ts, tested in test/unit/settings-view-rules.
 */
import { SECTOR_LABELS } from '../../../../shared/allocation/classify';
import type { RuleFieldView, RuleValue, RuleView } from '../../../../shared/ipc/channels/rules';
import { trimNumber } from '../../components/unit-number';

export const CATEGORY_TITLES: Record<RuleView['category'], string> = {
  allocation: 'Allocation',
  keys: 'API keys',
  sync: 'Sync',
};

/** A setting in words: a share as a percentage, a number with its unit, a switch as on/off, sectors by name. */
export function formatValue(field: RuleFieldView, v: RuleValue | undefined): string {
  if (v === undefined) return '–';
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (Array.isArray(v))
    return v.length ? v.map((s) => (SECTOR_LABELS as Record<string, string>)[s] ?? s).join(', ') : 'none';
  if (field.kind === 'share') return `${trimNumber(v * 100)}%`;
  return `${trimNumber(v)}${field.unit ? ` ${field.unit}` : ''}`;
}

/** The settings whose draft value differs from the one in effect. */
export function changedKeys(draft: Record<string, RuleValue>, settings: Record<string, RuleValue>): string[] {
  return Object.keys(draft).filter((k) => JSON.stringify(draft[k]) !== JSON.stringify(settings[k]));
}

/** The changed settings only, as `rules:update` takes them. */
export function rulePatch(draft: Record<string, RuleValue>, settings: Record<string, RuleValue>) {
  return Object.fromEntries(changedKeys(draft, settings).map((k) => [k, draft[k] as RuleValue]));
}

/** Whether a number field holds something that is not a number (an empty or half-typed entry). */
export function hasUnreadableNumber(rule: RuleView, draft: Record<string, RuleValue>): boolean {
  return rule.fields.some((f) => isUnreadable(draft[f.key]));
}

/** A number setting the user emptied or left half-typed. */
export function isUnreadable(v: RuleValue | undefined): boolean {
  return typeof v === 'number' && !Number.isFinite(v);
}

/** Whether "Reset to defaults" would change anything. */
export function canReset(rule: RuleView, changed: number): boolean {
  return rule.customised || rule.issues.length > 0 || changed > 0;
}

/** The sector list with one sector switched on or off. */
export function toggleSector(list: readonly string[], sector: string, on: boolean): string[] {
  return on ? [...list, sector] : list.filter((x) => x !== sector);
}

/** Rules by category, categories in the order their first rule comes. */
export function groupRules(rules: readonly RuleView[]): [RuleView['category'], RuleView[]][] {
  const out = new Map<RuleView['category'], RuleView[]>();
  for (const r of rules) out.set(r.category, [...(out.get(r.category) ?? []), r]);
  return [...out];
}
