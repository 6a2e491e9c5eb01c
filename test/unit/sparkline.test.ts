import { describe, expect, it } from 'vitest';
import { sparkChange, sparkPoints } from '../../renderer/src/components/sparkline';

describe('sparkline', () => {
  it('scales a series into its box, top is high', () => {
    expect(sparkPoints([1, 3, 2], 10, 10, 0)).toBe('0.0,10.0 5.0,0.0 10.0,5.0');
    expect(sparkPoints([1], 10, 10)).toBe('');
    expect(sparkChange([2, 3])).toBeCloseTo(0.5, 12);
    expect(sparkChange([])).toBeNull();
  });
});
