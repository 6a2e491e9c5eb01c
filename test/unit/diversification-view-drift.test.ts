import { describe, expect, it } from 'vitest';
import type { DriftRow } from '../../shared/allocation';
import { driftDisplayRows, driftVerdict } from '../../renderer/src/views/diversification/drift-display';

function row(key: string, actual: number, target: number, band = 0.05): DriftRow {
  const lower = Math.max(0, target - band);
  const upper = Math.min(1, target + band);
  return {
    key,
    label: key.toUpperCase(),
    actual,
    target,
    drift: actual - target,
    lower,
    upper,
    outsideBand: actual < lower || actual > upper,
    actualValue: actual * 1000,
    targetValue: target * 1000,
  };
}

describe('drift rows as shown', () => {
  it('orders by target, then by current share, largest first', () => {
    const rows = [row('a', 0.1, 0.2), row('b', 0.5, 0.5), row('c', 0.3, 0.2), row('d', 0.05, 0)];
    expect(driftDisplayRows(rows).map((r) => r.key)).toEqual(['b', 'c', 'a', 'd']);
  });

  it('writes the figures, the signed drift in points and the verdict', () => {
    const [over, under, inside] = driftDisplayRows([row('o', 0.32, 0.25), row('u', 0.1, 0.2), row('i', 0.04, 0.05)]);
    expect(over).toMatchObject({
      label: 'O',
      actual: '32.0%',
      target: '25.0%',
      range: '20.0%–30.0%',
      drift: '+7.0 pts',
      outside: true,
      status: { tag: 'warn', text: 'over' },
    });
    expect(under).toMatchObject({ drift: '−10.0 pts', status: { tag: 'warn', text: 'under' } });
    expect(inside).toMatchObject({ drift: '−1.0 pts', outside: false, status: { tag: 'ok', text: 'in range' } });
    expect(driftDisplayRows([row('z', 0.2, 0.2)])[0]!.drift).toBe('+0.0 pts');
  });

  it('draws the range, target and current share on a 0-100% bar, the dot never past the end', () => {
    const [r] = driftDisplayRows([{ ...row('x', 1.2, 0.5), upper: 0.6, lower: 0.4 }]);
    expect(r!.bar).toEqual({ bandLeft: '40%', bandWidth: `${(0.6 - 0.4) * 100}%`, target: '50%', actual: '100%' });
  });

  it('counts the groups outside their range', () => {
    expect(driftVerdict([row('a', 0.5, 0.2), row('b', 0, 0.3), row('c', 0.5, 0.5)])).toEqual({
      tag: 'warn',
      text: '2 outside the range',
    });
    expect(driftVerdict([row('c', 0.5, 0.5)])).toEqual({ tag: 'ok', text: 'all within range' });
  });
});
