/**
 * The general settings form: the draft it edits (tier thresholds in billions of USD), the number fields
 * it shows in order, and the patch it sends. Values are checked by main (`settings:update`), which
 * refuses what is out of bounds. Pure; used by SettingsView and tested in test/unit/settings-view-form.
 */
import type { Settings, SettingsPatch } from '../../../../shared/settings';

export type Draft = Pick<
  Settings,
  | 'baseCurrency'
  | 'dustThreshold'
  | 'syncIntervalMinutes'
  | 'keyRotationDays'
  | 'keyUnusedDays'
  | 'activityRetentionDays'
  | 'desktopNotifications'
> & { largeMinB: number; midMinB: number };

/** Draft fields edited as plain numbers. */
export type NumberKey = {
  [K in keyof Draft]: Draft[K] extends number ? K : never;
}[keyof Draft];

export interface NumberFieldDef {
  key: NumberKey;
  id: string;
  label: string;
  step?: number;
  hint?: string;
}

/** The number fields, in the order the form shows them. */
export const NUMBER_FIELDS: readonly NumberFieldDef[] = [
  {
    key: 'dustThreshold',
    id: 'dust',
    label: 'Hide balances worth less than (USD)',
    step: 0.01,
    hint: 'In US dollars, whatever the base currency. Unpriced assets are always shown.',
  },
  { key: 'largeMinB', id: 'large-min', label: 'Large cap from (billion USD)', step: 0.1 },
  {
    key: 'midMinB',
    id: 'mid-min',
    label: 'Mid cap from (billion USD)',
    step: 0.1,
    hint: 'Below this an asset is a small cap.',
  },
  { key: 'syncIntervalMinutes', id: 'sync-interval', label: 'Sync every (minutes, 0 = off)' },
  { key: 'keyRotationDays', id: 'rotation', label: 'Remind me to rotate keys after (days)' },
  { key: 'keyUnusedDays', id: 'unused', label: 'Flag keys unused for (days)' },
  { key: 'activityRetentionDays', id: 'retention', label: 'Keep the activity log for (days)' },
];

const BILLION = 1e9;

/** The form's draft from the settings in effect. */
export function toDraft(s: Settings): Draft {
  return {
    baseCurrency: s.baseCurrency,
    dustThreshold: s.dustThreshold,
    syncIntervalMinutes: s.syncIntervalMinutes,
    keyRotationDays: s.keyRotationDays,
    keyUnusedDays: s.keyUnusedDays,
    activityRetentionDays: s.activityRetentionDays,
    desktopNotifications: s.desktopNotifications,
    largeMinB: s.tierThresholds.largeMinUsd / BILLION,
    midMinB: s.tierThresholds.midMinUsd / BILLION,
  };
}

/** What "Save" sends: every field of the draft, the tier thresholds back in USD. */
export function toPatch(draft: Draft): SettingsPatch {
  const { largeMinB, midMinB, ...rest } = draft;
  return { ...rest, tierThresholds: { largeMinUsd: largeMinB * BILLION, midMinUsd: midMinB * BILLION } };
}
