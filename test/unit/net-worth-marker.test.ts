import { describe, expect, it } from 'vitest';
import { markerIndex } from '../../renderer/src/components/net-worth-marker';

describe('net-worth install marker', () => {
  it('marks the first recorded point after the rebuilt ones, never the first point', () => {
    const pts = [1, 2, 3, 4].map((t) => ({ t }));
    expect(markerIndex(pts, 2.5)).toBe(2);
    expect(markerIndex(pts, 0)).toBeNull();
    expect(markerIndex(pts, 9)).toBeNull();
    expect(markerIndex(pts, null)).toBeNull();
  });
});
