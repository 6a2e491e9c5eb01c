/**
 * The Settings view's one save model, without React: what the user typed is kept as edits laid over
 * the saved values (general fields and each rule's fields), so the screen always shows saved values
 * plus edits; one Save sends every edit (the general settings, then each changed rule) and one Discard
 * drops them all. Nothing is sent while typing. Pure; used by use-settings-form.ts and tested in
 * test/unit/settings-view-edits.test.ts.
 */
import type { RuleValue, RuleView } from '../../../../shared/ipc/channels/rules';
import type { Settings } from '../../../../shared/settings';
import { plural } from '../../lib/format';
import { changedKeys, hasUnreadableNumber } from './rule-view';
import { toDraft, type Draft } from './settings-form';

/** Edits of the rules: rule id -> setting -> value typed. */
export type RuleEdits = Record<string, Record<string, RuleValue>>;

export interface SettingsEdits {
  /** The general form as edited, or null when untouched. */
  general: Draft | null;
  rules: RuleEdits;
}

export const NO_EDITS: SettingsEdits = { general: null, rules: {} };

/** The general form as shown: the edits, else the saved settings. */
export function shownGeneral(edits: SettingsEdits, settings: Settings): Draft {
  return edits.general ?? toDraft(settings);
}

/** The general fields whose shown value differs from the saved one. */
export function changedGeneral(edits: SettingsEdits, settings: Settings): (keyof Draft)[] {
  if (!edits.general) return [];
  const saved = toDraft(settings);
  const draft = edits.general;
  return (Object.keys(saved) as (keyof Draft)[]).filter((k) => !Object.is(draft[k], saved[k]));
}

/** One rule's settings as shown: its saved settings with the edits over them. */
export function shownRule(edits: SettingsEdits, rule: RuleView): Record<string, RuleValue> {
  return { ...rule.settings, ...edits.rules[rule.id] };
}

/** The rules with an edit that differs from what is saved, with the settings to send. */
export function changedRules(
  edits: SettingsEdits,
  rules: readonly RuleView[],
): { rule: RuleView; patch: Record<string, RuleValue> }[] {
  const out: { rule: RuleView; patch: Record<string, RuleValue> }[] = [];
  for (const rule of rules) {
    const shown = shownRule(edits, rule);
    const keys = changedKeys(shown, rule.settings);
    if (keys.length > 0) out.push({ rule, patch: Object.fromEntries(keys.map((k) => [k, shown[k] as RuleValue])) });
  }
  return out;
}

/** How many fields are edited and not saved. */
export function changeCount(edits: SettingsEdits, settings: Settings | null, rules: readonly RuleView[]): number {
  const general = settings ? changedGeneral(edits, settings).length : 0;
  return general + changedRules(edits, rules).reduce((n, r) => n + Object.keys(r.patch).length, 0);
}

/** The edits with one rule setting typed. */
export function editRule(edits: SettingsEdits, ruleId: string, key: string, value: RuleValue): SettingsEdits {
  return { ...edits, rules: { ...edits.rules, [ruleId]: { ...edits.rules[ruleId], [key]: value } } };
}

/** The edits without any for one rule (after it was saved or reset). */
export function dropRule(edits: SettingsEdits, ruleId: string): SettingsEdits {
  const rules = { ...edits.rules };
  delete rules[ruleId];
  return { ...edits, rules };
}

/** Rules whose edited number fields cannot be read (empty or half typed): saving waits for them. */
export function unreadableRules(edits: SettingsEdits, rules: readonly RuleView[]): RuleView[] {
  return rules.filter((r) => hasUnreadableNumber(r, shownRule(edits, r)));
}

/** "3 unsaved changes" for the save bar; "All changes saved" when there is none. */
export function unsavedText(count: number): string {
  return count === 0 ? 'All changes saved' : `${plural(count, 'unsaved change')}`;
}
