/** Validation messages name fields as the user sees them (shared/field-labels.ts). */
import { describe, expect, it } from 'vitest';
import { validateTargetSet } from '../../shared/allocation/targets';
import { fieldLabel, issueLine } from '../../shared/field-labels';

describe('field labels', () => {
  it('uses the label of the longest known path, else the name as words', () => {
    expect(fieldLabel(['tierThresholds', 'largeMinUsd'])).toBe('Large cap from');
    expect(fieldLabel(['tierThresholds'])).toBe('Market-cap tiers');
    expect(fieldLabel(['startDate'])).toBe('Start date');
    expect(fieldLabel(['targets', 3, 'weight'])).toBe('Targets');
    expect(fieldLabel(['someNewField'])).toBe('Some new field');
    expect(fieldLabel([])).toBe('');
  });

  it('writes one line per issue, without internal names', () => {
    expect(issueLine({ path: ['dustThreshold'], message: 'must be at least 0' })).toBe(
      'Hide balances worth less than: must be at least 0',
    );
    expect(issueLine({ path: [], message: 'Invalid input' })).toBe('Invalid input');
  });

  it('names the targets in a target set error', () => {
    const r = validateTargetSet({ dimension: 'tier', targets: { large: { target: 0.9 }, mid: { target: 0.4 } } });
    expect(r.ok).toBe(false);
    const text = r.ok ? '' : r.errors.join('\n');
    expect(text).toContain('the weights add up to 130.00%, not 100%');
    expect(text).not.toMatch(/tierThresholds|targets:/);
  });
});
