import { describe, expect, it } from 'vitest';
import { SettingsPatchSchema, defaultSettings } from '../../shared/settings';
import { NUMBER_FIELDS, toDraft, toPatch } from '../../renderer/src/views/settings/settings-form';

describe('general settings form', () => {
  it('edits the tier thresholds in billions of USD', () => {
    const draft = toDraft(defaultSettings());
    expect(draft.largeMinB).toBe(10);
    expect(draft.midMinB).toBe(1);
    expect(draft.baseCurrency).toBe('USD');
  });

  it('sends back every field it shows, thresholds in USD, as a patch main accepts', () => {
    const draft = { ...toDraft(defaultSettings()), largeMinB: 12.5, midMinB: 0.8, dustThreshold: 5 };
    const patch = toPatch(draft);
    expect(patch.tierThresholds).toEqual({ largeMinUsd: 12_500_000_000, midMinUsd: 800_000_000 });
    expect(patch.dustThreshold).toBe(5);
    expect(Object.keys(patch).sort()).toEqual(
      [
        'activityRetentionDays',
        'baseCurrency',
        'desktopNotifications',
        'dustThreshold',
        'keyRotationDays',
        'keyUnusedDays',
        'syncIntervalMinutes',
        'tierThresholds',
      ].sort(),
    );
    expect(SettingsPatchSchema.safeParse(patch).success).toBe(true);
  });

  it('leaves an unreadable number for main to refuse', () => {
    const patch = toPatch({ ...toDraft(defaultSettings()), keyRotationDays: Number.NaN });
    expect(SettingsPatchSchema.safeParse(patch).success).toBe(false);
  });

  it('shows each number field once, with its own id, for a number in the draft', () => {
    const draft = toDraft(defaultSettings());
    expect(new Set(NUMBER_FIELDS.map((f) => f.id)).size).toBe(NUMBER_FIELDS.length);
    expect(new Set(NUMBER_FIELDS.map((f) => f.key)).size).toBe(NUMBER_FIELDS.length);
    for (const f of NUMBER_FIELDS) expect(typeof draft[f.key]).toBe('number');
    expect(NUMBER_FIELDS.map((f) => f.id)).toEqual([
      'dust',
      'large-min',
      'mid-min',
      'sync-interval',
      'rotation',
      'unused',
      'retention',
    ]);
  });
});
