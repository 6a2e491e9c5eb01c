import { describe, expect, it } from 'vitest';
import { DAY_MS, DEFAULT_TIER_THRESHOLDS } from '../../shared/domain/types';

describe('domain constants', () => {
  it('large threshold sits above mid threshold', () => {
    expect(DEFAULT_TIER_THRESHOLDS.largeMinUsd).toBeGreaterThan(DEFAULT_TIER_THRESHOLDS.midMinUsd);
    expect(DAY_MS).toBe(24 * 3600 * 1000);
  });
});
