import { describe, expect, it } from 'vitest';
import type { RuleFieldView, RuleView } from '../../shared/ipc/channels/rules';
import { syncedText, trimNumber, unitText, unitValue } from '../../renderer/src/components/unit-number';
import {
  CATEGORY_TITLES,
  canReset,
  changedKeys,
  formatValue,
  groupRules,
  hasUnreadableNumber,
  rulePatch,
  toggleSector,
} from '../../renderer/src/views/settings/rule-view';

const share: RuleFieldView = { key: 'maxShare', label: 'Warn above', kind: 'share', unit: '%' };
const days: RuleFieldView = { key: 'days', label: 'After', kind: 'number', unit: 'days' };
const plain: RuleFieldView = { key: 'n', label: 'Count', kind: 'number', unit: '' };

function rule(id: string, over: Partial<RuleView> = {}): RuleView {
  return {
    id,
    title: id,
    description: '',
    category: 'allocation',
    defaults: { enabled: true, maxShare: 0.2 },
    settings: { enabled: true, maxShare: 0.2 },
    customised: false,
    issues: [],
    fields: [share],
    ...over,
  };
}

describe('values in words', () => {
  it('writes shares as percentages, numbers with their unit, switches and sector lists', () => {
    expect(formatValue(share, 0.2)).toBe('20%');
    expect(formatValue(share, 0.07 * 3)).toBe('21%');
    expect(formatValue(days, 90)).toBe('90 days');
    expect(formatValue(plain, 2.5)).toBe('2.5');
    expect(formatValue(plain, true)).toBe('on');
    expect(formatValue(plain, false)).toBe('off');
    expect(formatValue(plain, ['meme', 'not-a-sector'])).toMatch(/^.+, not-a-sector$/);
    expect(formatValue(plain, [])).toBe('none');
    expect(formatValue(plain, undefined)).toBe('–');
  });
});

describe('changes', () => {
  it('finds the settings that differ, lists included, and patches only those', () => {
    const settings = { enabled: true, maxShare: 0.2, sectors: ['meme'] };
    const draft = { enabled: true, maxShare: 0.3, sectors: ['meme', 'L1'] };
    expect(changedKeys(draft, settings)).toEqual(['maxShare', 'sectors']);
    expect(rulePatch(draft, settings)).toEqual({ maxShare: 0.3, sectors: ['meme', 'L1'] });
    expect(changedKeys(settings, settings)).toEqual([]);
  });

  it('refuses to apply while a number field cannot be read', () => {
    expect(hasUnreadableNumber(rule('r'), { maxShare: Number.NaN })).toBe(true);
    expect(hasUnreadableNumber(rule('r'), { maxShare: 0.5 })).toBe(false);
    expect(hasUnreadableNumber(rule('r'), { other: Number.NaN })).toBe(false);
  });

  it('offers a reset when the rule is customised, has stored problems or the draft changed', () => {
    expect(canReset(rule('r'), 0)).toBe(false);
    expect(canReset(rule('r'), 1)).toBe(true);
    expect(canReset(rule('r', { customised: true }), 0)).toBe(true);
    expect(canReset(rule('r', { issues: ['bad'] }), 0)).toBe(true);
  });

  it('switches one sector on or off', () => {
    expect(toggleSector(['meme'], 'L1', true)).toEqual(['meme', 'L1']);
    expect(toggleSector(['meme', 'L1'], 'meme', false)).toEqual(['L1']);
  });
});

describe('grouping', () => {
  it('groups rules by category in the order their first rule comes', () => {
    const groups = groupRules([
      rule('a', { category: 'keys' }),
      rule('b'),
      rule('c', { category: 'keys' }),
      rule('d', { category: 'sync' }),
    ]);
    expect(groups.map(([c, list]) => [CATEGORY_TITLES[c], list.map((r) => r.id)])).toEqual([
      ['API keys', ['a', 'c']],
      ['Allocation', ['b']],
      ['Sync', ['d']],
    ]);
    expect(groupRules([])).toEqual([]);
  });
});

describe('number inputs in display units', () => {
  it('shows a value scaled, trimmed of float noise, and reads text back', () => {
    expect(trimNumber(0.1 + 0.2)).toBe('0.3');
    expect(unitText(0.2, 100, 6)).toBe('20');
    expect(unitText(0.12345, 100, 2)).toBe('12.35');
    expect(unitText(Number.NaN, 100, 6)).toBe('');
    expect(unitValue('25', 100)).toBe(0.25);
    expect(unitValue('  ', 100)).toBeNaN();
    expect(unitValue('abc', 1)).toBeNaN();
  });

  it('keeps what the user is typing when it already says the value', () => {
    expect(syncedText('20.', 0.2, 100, 6)).toBe('20.');
    expect(syncedText('20.00', 0.2, 100, 6)).toBe('20.00');
    expect(syncedText('', Number.NaN, 100, 6)).toBe('');
    expect(syncedText('12.35', 0.123456, 100, 2)).toBe('12.35');
  });

  it('shows the new value when it changed from outside', () => {
    expect(syncedText('20', 0.3, 100, 6)).toBe('30');
    expect(syncedText('20', Number.NaN, 100, 6)).toBe('');
    expect(syncedText('', 0.05, 100, 6)).toBe('5');
  });
});
