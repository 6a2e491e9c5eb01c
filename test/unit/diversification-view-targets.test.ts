import { describe, expect, it } from 'vitest';
import { TARGET_PRESETS, validateTargetSet, type TargetSet } from '../../shared/allocation';
import {
  activePreset,
  canScale,
  currentShare,
  editorKeys,
  fromCurrent,
  groupKey,
  groupTitle,
  presetMix,
  sameTargets,
  scaledToWhole,
  sumIsWhole,
  targetSum,
  withGroup,
  withTarget,
} from '../../renderer/src/views/diversification/target-draft';
import { emptyBreakdown, sampleBreakdown } from './diversification-view-fixture';

const balanced = () => structuredClone(TARGET_PRESETS.find((p) => p.id === 'balanced')!.targetSet);

describe('starting from the current mix', () => {
  it('copies today’s shares, rounded to 0.1%, adding up to exactly 100% and passing validation', () => {
    const b = sampleBreakdown();
    for (const dim of ['tier', 'sector', 'asset'] as const) {
      const set = fromCurrent(dim, b);
      expect(set.dimension).toBe(dim);
      expect(targetSum(set)).toBeCloseTo(1, 9);
      expect(validateTargetSet(set).ok).toBe(true);
    }
    const tiers = fromCurrent('tier', b);
    expect(tiers.targets['large']!.target).toBeCloseTo(0.7, 9);
    expect(tiers.targets['stablecoin']!.target).toBeCloseTo(0.1, 9);
    expect(tiers.band).toBe(0.05);
  });

  it('puts everything in large caps when nothing is held', () => {
    expect(fromCurrent('tier', emptyBreakdown()).targets).toEqual({ large: { target: 1 } });
    expect(fromCurrent('asset', emptyBreakdown()).targets).toEqual({});
  });
});

describe('the editor rows', () => {
  it('always lists the four tiers, then the targeted and held groups, once each', () => {
    const b = sampleBreakdown();
    const keys = editorKeys({ dimension: 'tier', targets: { unranked: { target: 1 } } }, b);
    expect(keys.slice(0, 4)).toEqual(['large', 'mid', 'small', 'stablecoin']);
    expect(keys).toContain('unranked');
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lists targeted assets that are not held next to the held ones', () => {
    const keys = editorKeys({ dimension: 'asset', targets: { SOL: { target: 1 } } }, sampleBreakdown());
    expect(keys[0]).toBe('SOL');
    expect(keys).toEqual(expect.arrayContaining(['BTC', 'ETH', 'LINK', 'PEPE', 'USDC']));
  });

  it('shows today’s share of a group, 0 when nothing of it is held', () => {
    const b = sampleBreakdown();
    expect(currentShare(b, 'asset', 'ETH')).toBeCloseTo(0.3, 9);
    expect(currentShare(b, 'asset', 'SOL')).toBe(0);
    expect(groupTitle('sector')).toBe('Sector');
  });
});

describe('editing weights', () => {
  it('replaces a preset’s published range with the band once a weight is edited', () => {
    const set = balanced();
    expect(set.targets['large']!.min).toBeDefined();
    const edited = withTarget(set, 'large', 0.5);
    expect(edited.targets['large']).toEqual({ target: 0.5 });
    expect(edited.targets['mid']).toEqual(set.targets['mid']);
    expect(set.targets['large']!.target).not.toBe(0.5);
  });

  it('sums only the weights that are numbers', () => {
    const set: TargetSet = { dimension: 'asset', targets: { BTC: { target: 0.6 }, ETH: { target: Number.NaN } } };
    expect(targetSum(set)).toBeCloseTo(0.6, 9);
    expect(sumIsWhole(0.6)).toBe(false);
    expect(sumIsWhole(1 + 1e-7)).toBe(true);
  });

  it('scales to 100%, dropping empty and unreadable weights', () => {
    const set: TargetSet = {
      dimension: 'asset',
      targets: { BTC: { target: 0.3 }, ETH: { target: 0.1 }, SOL: { target: 0 }, X: { target: Number.NaN } },
    };
    const scaled = scaledToWhole(set);
    expect(Object.keys(scaled.targets)).toEqual(['BTC', 'ETH']);
    expect(scaled.targets['BTC']!.target).toBeCloseTo(0.75, 9);
    expect(targetSum(scaled)).toBeCloseTo(1, 9);
    const zero: TargetSet = { dimension: 'asset', targets: { BTC: { target: 0 } } };
    expect(scaledToWhole(zero)).toBe(zero);
  });

  it('offers to scale only when the weights add up to something other than 100%', () => {
    expect(canScale(0.4)).toBe(true);
    expect(canScale(1.2)).toBe(true);
    expect(canScale(1)).toBe(false);
    expect(canScale(0)).toBe(false);
  });

  it('adds a group at 0%: asset symbols upper-cased, sector names as typed, nothing twice', () => {
    const assets: TargetSet = { dimension: 'asset', targets: { BTC: { target: 1 } } };
    expect(withGroup(assets, '  sol ').targets['SOL']).toEqual({ target: 0 });
    expect(withGroup(assets, 'btc')).toBe(assets);
    expect(withGroup(assets, '   ')).toBe(assets);
    expect(groupKey('sector', ' DeFi ')).toBe('DeFi');
  });
});

describe('presets', () => {
  it('recognises an untouched preset and forgets it after an edit', () => {
    const set = balanced();
    expect(activePreset(set)).toBe('balanced');
    expect(activePreset(withTarget(set, 'large', 0.45))).toBeUndefined();
    expect(activePreset(null)).toBeUndefined();
    expect(sameTargets(set, balanced())).toBe(true);
  });

  it('sums up a preset’s mix by tier name', () => {
    const mix = presetMix(TARGET_PRESETS.find((p) => p.id === 'conservative')!);
    expect(mix.split(' · ')).toHaveLength(4);
    expect(mix).toMatch(/^Large caps \d+% · Mid caps \d+% · Small caps \d+% · Stablecoins \d+%$/);
  });
});
