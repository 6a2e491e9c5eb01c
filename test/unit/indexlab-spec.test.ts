import { describe, expect, it } from 'vitest';
import {
  IndexSpecError,
  defaultIndexSpec,
  parseAssetCatalog,
  parseIndexSpec,
  simulate,
  validateIndexSpec,
} from '../../shared/indexlab';

function errorsOf(input: unknown): string[] {
  const r = parseIndexSpec(input);
  if (r.ok) throw new Error(`expected errors for ${JSON.stringify(input)}`);
  return r.errors;
}

describe('IndexSpecSchema defaults', () => {
  it('an empty object is a full spec with the documented defaults', () => {
    const s = defaultIndexSpec();
    expect(s.version).toBe(1);
    expect(s.universe).toEqual({ type: 'top', n: 10, includeStablecoins: false, minHistoryDays: 30, maxStaleDays: 3 });
    expect(s.weighting).toEqual({ method: 'marketcap', maxWeight: null, volLookbackDays: 30, signalLookbackDays: 50 });
    expect(s.rebalance).toEqual({ cadence: 'weekly', band: 0.05 });
    expect(s.costs).toEqual({ feeBps: 10, slippageBps: 5 });
    expect(s.riskOff.enabled).toBe(false);
    expect(s.initialCapital).toBe(10_000);
    expect(s.riskFreeRate).toBe(0);
    expect(s.benchmark).toBe('BTC');
  });

  it('round-trips: a validated spec validates to itself', () => {
    const s = validateIndexSpec({
      universe: { type: 'custom', symbols: ['btc', ' eth '] },
      weighting: { maxWeight: 0.3 },
    });
    expect(s.universe.type === 'custom' && s.universe.symbols).toEqual(['BTC', 'ETH']);
    expect(validateIndexSpec(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });
});

describe('IndexSpecSchema validation errors', () => {
  it('names the field and the allowed values', () => {
    expect(errorsOf({ rebalance: { cadence: 'daily' } })).toEqual([
      'rebalance.cadence: must be one of weekly, monthly, quarterly, threshold',
    ]);
    expect(errorsOf({ weighting: { method: 'magic' } })[0]).toMatch(/^weighting\.method: must be one of marketcap/);
    expect(errorsOf({ universe: { type: 'everything' } })[0]).toMatch(
      /^universe\.type: .*top, sector, custom, holdings/,
    );
  });

  it('explains ranges and units', () => {
    expect(errorsOf({ weighting: { maxWeight: 1.5 } })).toEqual([
      'weighting.maxWeight: must be at most 1 (it is a fraction: 0.25 = 25%)',
    ]);
    expect(errorsOf({ costs: { feeBps: -1 } })).toEqual(['costs.feeBps: must be >= 0']);
    expect(errorsOf({ universe: { type: 'top', n: 2.5 } })).toEqual(['universe.n: must be a whole number']);
    expect(errorsOf({ initialCapital: 'lots' })).toEqual(['initialCapital: must be a number']);
  });

  it('reports several problems at once, each on its own line', () => {
    const errs = errorsOf({ costs: { feeBps: -1, slippageBps: 'x' }, rebalance: { band: 2 } });
    expect(errs).toHaveLength(3);
    expect(errs.some((e) => e.startsWith('costs.slippageBps:'))).toBe(true);
    expect(errs.some((e) => e.startsWith('rebalance.band: must be below 1'))).toBe(true);
  });

  it('rejects unknown fields (typos) by name', () => {
    expect(errorsOf({ weighting: { maxWieght: 0.2 } })).toEqual(['weighting: unknown field(s) "maxWieght"']);
  });

  it('checks sectors, dates and versions', () => {
    expect(errorsOf({ universe: { type: 'sector', sectors: ['food'] } })[0]).toMatch(
      /^universe\.sectors\.0: must be one of L1/,
    );
    expect(errorsOf({ universe: { type: 'sector', sectors: [] } })).toEqual([
      'universe.sectors: must name at least one sector',
    ]);
    expect(errorsOf({ startDate: '2024-02-30' })).toEqual(['startDate: must be a real date written YYYY-MM-DD']);
    expect(errorsOf({ startDate: '2024-03-01', endDate: '2024-01-01' })).toEqual([
      'endDate: must be after startDate (2024-03-01)',
    ]);
    expect(errorsOf({ version: 2 })).toEqual(['version: unsupported spec version: this build reads version 1']);
  });

  it('checks holdings targets against the symbol list', () => {
    const errs = errorsOf({ universe: { type: 'holdings', symbols: ['BTC'], targets: { BTC: 0.5, DOGE: 0.5 } } });
    expect(errs).toEqual(['universe.targets.DOGE: target for DOGE but DOGE is not in universe.symbols']);
    expect(errorsOf({ universe: { type: 'holdings', symbols: ['BTC'], targets: { BTC: 0 } } })).toEqual([
      'universe.targets: target weights must add up to more than 0',
    ]);
  });

  it('simulate throws IndexSpecError carrying the same messages', () => {
    try {
      simulate({ costs: { feeBps: -5 } }, { prices: {} });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IndexSpecError);
      expect((e as IndexSpecError).errors).toEqual(['costs.feeBps: must be >= 0']);
      expect((e as Error).message).toContain('Invalid index spec');
    }
  });
});

describe('asset catalog files', () => {
  it('accepts an object or an array and fills missing fields', () => {
    const a = parseAssetCatalog({ btc: { sectors: ['L1'], marketCapUsd: 1e12 }, USDC: {} });
    expect(a.ok && a.catalog.BTC).toEqual({
      symbol: 'BTC',
      name: 'BTC',
      sectors: ['L1'],
      stablecoin: false,
      marketCapUsd: 1e12,
      rank: null,
    });
    expect(a.ok && a.catalog.USDC!.stablecoin).toBe(true);
    const b = parseAssetCatalog([{ symbol: 'UNI', sectors: ['DeFi'] }]);
    expect(b.ok && b.catalog.UNI!.sectors).toEqual(['DeFi']);
  });

  it('reports bad entries with their path', () => {
    const r = parseAssetCatalog({ BTC: { sectors: ['L9'] } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.join()).toContain('BTC.sectors.0');
  });
});
