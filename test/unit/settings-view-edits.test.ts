import { describe, expect, it } from 'vitest';
import type { RuleView } from '../../shared/ipc/channels/rules';
import { defaultSettings } from '../../shared/settings';
import {
  NO_EDITS,
  changeCount,
  changedGeneral,
  changedRules,
  dropRule,
  editRule,
  shownGeneral,
  shownRule,
  unreadableRules,
  unsavedText,
  type SettingsEdits,
} from '../../renderer/src/views/settings/settings-edits';
import { toDraft } from '../../renderer/src/views/settings/settings-form';

const rule = (id: string, settings: RuleView['settings']): RuleView => ({
  id,
  title: id,
  description: '',
  category: 'allocation',
  defaults: settings,
  settings,
  customised: false,
  issues: [],
  fields: [{ key: 'maxShare', label: 'Warn above', kind: 'share', unit: '%' }],
});

describe('settings edits over the saved values', () => {
  const settings = defaultSettings();
  const rules = [
    rule('small-caps-max', { enabled: true, maxShare: 0.2 }),
    rule('meme-max', { enabled: true, maxShare: 0.05 }),
  ];

  it('shows the saved values until something is typed, and counts nothing', () => {
    expect(shownGeneral(NO_EDITS, settings)).toEqual(toDraft(settings));
    expect(shownRule(NO_EDITS, rules[0]!)).toEqual({ enabled: true, maxShare: 0.2 });
    expect(changeCount(NO_EDITS, settings, rules)).toBe(0);
    expect(unsavedText(0)).toBe('All changes saved');
  });

  it('counts every edited field of the general form and of the rules, and sends only those', () => {
    let edits: SettingsEdits = {
      ...NO_EDITS,
      general: { ...toDraft(settings), dustThreshold: 5, keyRotationDays: 60 },
    };
    edits = editRule(edits, 'small-caps-max', 'maxShare', 0.3);
    edits = editRule(edits, 'small-caps-max', 'enabled', true);
    expect(changedGeneral(edits, settings).sort()).toEqual(['dustThreshold', 'keyRotationDays']);
    expect(changedRules(edits, rules)).toEqual([{ rule: rules[0], patch: { maxShare: 0.3 } }]);
    expect(changeCount(edits, settings, rules)).toBe(3);
    expect(unsavedText(3)).toBe('3 unsaved changes');
    expect(unsavedText(1)).toBe('1 unsaved change');
  });

  it('forgets an edit typed back to the saved value, and a rule once it is saved', () => {
    let edits = editRule(NO_EDITS, 'meme-max', 'maxShare', 0.1);
    expect(changeCount(edits, settings, rules)).toBe(1);
    edits = editRule(edits, 'meme-max', 'maxShare', 0.05);
    expect(changeCount(edits, settings, rules)).toBe(0);
    edits = dropRule(editRule(edits, 'meme-max', 'maxShare', 0.1), 'meme-max');
    expect(changeCount(edits, settings, rules)).toBe(0);
  });

  it('finds the rules whose numbers cannot be read, so saving waits for them', () => {
    const edits = editRule(NO_EDITS, 'meme-max', 'maxShare', Number.NaN);
    expect(unreadableRules(edits, rules).map((r) => r.id)).toEqual(['meme-max']);
    expect(unreadableRules(NO_EDITS, rules)).toEqual([]);
  });
});
