/**
 * The Index Lab builder's form model (renderer/src/views/indexlab/builder-form.ts): a spec survives
 * the trip through the form, every field error lands on the field that edits it, and the short
 * description of a spec reads as the UI shows it.
 */
import { describe, expect, it } from 'vitest';
import {
  defaultIndexSpec,
  validateIndexSpec,
  type IndexSpec,
  type IndexSpecInput,
  type RiskOffRule,
} from '../../shared/indexlab';
import {
  PATH_TO_FIELD,
  buildSpec,
  describeSpec,
  formFromSpec,
  universeChange,
  type BuilderForm,
  type FieldKey,
} from '../../renderer/src/views/indexlab/builder-form';

/** The builder writes "no date" as null where a spec file may leave the date out: both mean the same. */
const datesAsNull = (s: IndexSpec): IndexSpec => ({ ...s, startDate: s.startDate ?? null, endDate: s.endDate ?? null });

const SPECS: Record<string, IndexSpecInput> = {
  'the default (top 10, market cap, weekly)': {},
  'a named top 25 with stablecoins and a 12.5% cap': {
    name: 'Top 25 capped',
    universe: { type: 'top', n: 25, includeStablecoins: true, minHistoryDays: 90, maxStaleDays: 7 },
    weighting: { maxWeight: 0.125 },
  },
  'a sector index, top 5, square-root market cap, monthly': {
    universe: { type: 'sector', sectors: ['DeFi', 'L1'], n: 5 },
    weighting: { method: 'sqrt-marketcap', maxWeight: 0.1 },
    rebalance: { cadence: 'monthly' },
  },
  'a custom list, equal weight, on a 7% drift band': {
    universe: { type: 'custom', symbols: ['BTC', 'ETH', 'SOL'] },
    weighting: { method: 'equal' },
    rebalance: { cadence: 'threshold', band: 0.07 },
  },
  'a custom list with N, inverse volatility, quarterly': {
    universe: { type: 'custom', symbols: ['BTC', 'ETH', 'SOL', 'ADA'], n: 3 },
    weighting: { method: 'inverse-volatility', volLookbackDays: 60 },
    rebalance: { cadence: 'quarterly' },
  },
  'my holdings with fixed targets': {
    universe: { type: 'holdings', symbols: ['BTC', 'ETH'], targets: { BTC: 0.6, ETH: 0.4 } },
  },
  'my holdings without targets, signal weighting': {
    universe: { type: 'holdings', symbols: ['BTC', 'ETH', 'LINK'] },
    weighting: { method: 'signal', signalLookbackDays: 20 },
  },
  'risk-off on the basket trend, checked daily, with dates, costs and a benchmark': {
    riskOff: { enabled: true, rule: 'basket-trend', maDays: 50, checkDaily: true },
    startDate: '2020-01-01',
    endDate: '2021-06-30',
    costs: { feeBps: 12.5, slippageBps: 0 },
    initialCapital: 2500.5,
    riskFreeRate: 0.035,
    benchmark: 'ETH',
  },
  'risk-off below an asset SMA': {
    riskOff: { enabled: true, rule: 'btc-below-ma', asset: 'ETH', maDays: 200 },
  },
};

describe('formFromSpec then buildSpec', () => {
  for (const [name, input] of Object.entries(SPECS)) {
    it(`gives back ${name}`, () => {
      const spec = validateIndexSpec(input);
      const form = formFromSpec(spec, 'trend');
      const built = buildSpec(form);
      expect(built.fields).toEqual({});
      expect(built.other).toEqual([]);
      expect(built.spec).toEqual(datesAsNull(spec));
      // And back again: the form of the rebuilt spec is the same form.
      expect(formFromSpec(built.spec!, 'trend')).toEqual(form);
    });
  }

  it('shows fractions as the percentages the user types, without float noise', () => {
    const form = formFromSpec(validateIndexSpec(SPECS['a custom list, equal weight, on a 7% drift band']!));
    expect(form.bandPct).toBe('7'); // 0.07 * 100 is 7.000000000000001 in floating point
    const capped = formFromSpec(validateIndexSpec({ weighting: { maxWeight: 0.1 }, riskFreeRate: 0.035 }));
    expect(capped.maxWeightPct).toBe('10');
    expect(capped.riskFreePct).toBe('3.5');
    expect(formFromSpec(defaultIndexSpec()).maxWeightPct).toBe(''); // no cap
  });

  it('keeps the signal source, which is not part of the spec', () => {
    expect(formFromSpec(defaultIndexSpec()).signalSource).toBe('grade');
    expect(formFromSpec(defaultIndexSpec(), 'trend').signalSource).toBe('trend');
  });

  it('trims the name and leaves an empty one out of the spec', () => {
    const form = formFromSpec(defaultIndexSpec());
    expect(buildSpec({ ...form, name: '  Mine  ' }).spec?.name).toBe('Mine');
    expect(buildSpec({ ...form, name: '   ' }).spec).not.toHaveProperty('name');
  });
});

describe('buildSpec field errors', () => {
  const base = formFromSpec(defaultIndexSpec());
  const holdings = formFromSpec(validateIndexSpec(SPECS['my holdings with fixed targets']!));
  const sector = formFromSpec(validateIndexSpec(SPECS['a sector index, top 5, square-root market cap, monthly']!));
  const custom = formFromSpec(validateIndexSpec(SPECS['a custom list, equal weight, on a 7% drift band']!));

  // One bad value per field: [field, the form with that value, the message shown at the field].
  const cases: Array<[FieldKey, BuilderForm, string | RegExp]> = [
    ['name', { ...base, name: 'x'.repeat(201) }, 'must be at most 200 characters'],
    ['topN', { ...base, topN: '0' }, 'must be at least 1'],
    ['topN', { ...base, topN: '2.5' }, 'must be a whole number'],
    ['topN', { ...base, topN: '' }, 'is required'],
    ['sectors', { ...sector, sectors: [] }, 'pick at least one sector'],
    ['symbols', { ...custom, symbols: [] }, 'pick at least one asset'],
    ['symbols', { ...holdings, symbols: [] }, 'the portfolio has no assets to use'],
    // A target for an asset outside the list: the engine's path is universe.targets.DOGE.
    [
      'symbols',
      { ...holdings, holdingsTargets: { BTC: 0.5, DOGE: 0.5 } },
      'target for DOGE but DOGE is not in universe.symbols',
    ],
    ['minHistoryDays', { ...base, minHistoryDays: '0' }, 'must be at least 1'],
    ['maxStaleDays', { ...base, maxStaleDays: '400' }, 'must be at most 365'],
    ['method', { ...base, method: 'magic' as BuilderForm['method'] }, /^must be one of marketcap/],
    ['maxWeightPct', { ...base, maxWeightPct: '150' }, 'must be above 0 and at most 100 (%), or empty for no cap'],
    ['maxWeightPct', { ...base, maxWeightPct: '0' }, 'must be above 0 and at most 100 (%), or empty for no cap'],
    ['volLookbackDays', { ...base, volLookbackDays: '1' }, 'must be at least 2'],
    ['signalLookbackDays', { ...base, signalLookbackDays: '1000' }, 'must be at most 730'],
    ['cadence', { ...base, cadence: 'daily' as BuilderForm['cadence'] }, /^must be one of weekly/],
    ['bandPct', { ...base, bandPct: '100' }, 'must be above 0 and below 100 (%)'],
    ['feeBps', { ...base, feeBps: 'lots' }, 'must be a number'],
    ['feeBps', { ...base, feeBps: '-1' }, 'must be at least 0'],
    ['feeBps', { ...base, feeBps: '3000' }, 'must be at most 2000 bps (20%)'],
    ['slippageBps', { ...base, slippageBps: '-0.5' }, 'must be at least 0'],
    ['riskOffAsset', { ...base, riskOffAsset: ' ' }, 'must not be empty'],
    ['maDays', { ...base, maDays: '1' }, 'must be at least 2'],
    ['initialCapital', { ...base, initialCapital: '0' }, 'must be above 0'],
    ['startDate', { ...base, startDate: '2021-02-30' }, 'must be a real date written YYYY-MM-DD'],
    ['endDate', { ...base, startDate: '2021-03-01', endDate: '2021-01-01' }, 'must be after startDate (2021-03-01)'],
    ['riskFreePct', { ...base, riskFreePct: '200' }, /^must be at most 1/],
    ['benchmark', { ...base, benchmark: '' }, 'must not be empty'],
  ];

  for (const [field, form, message] of cases) {
    it(`puts "${String(message)}" on ${field} and nowhere else`, () => {
      const built = buildSpec(form);
      expect(built.spec).toBeNull();
      expect(Object.keys(built.fields)).toEqual([field]);
      expect(built.fields[field]).toMatch(message);
      expect(built.other).toEqual([]);
    });
  }

  it('has a case for every field that PATH_TO_FIELD maps an engine path to', () => {
    const tested = new Set(cases.map(([field]) => field));
    for (const [path, field] of PATH_TO_FIELD) expect(tested.has(field), `${path} -> ${field}`).toBe(true);
  });

  it('keeps the form’s own message when the engine also complains about the same field', () => {
    // The engine says "universe.sectors: must name at least one sector" too; the form's wording wins.
    expect(buildSpec({ ...sector, sectors: [] }).fields).toEqual({ sectors: 'pick at least one sector' });
  });

  it('lists an engine error with no field of its own under "other", with its path', () => {
    const built = buildSpec({ ...base, riskOffRule: 'sideways' as RiskOffRule });
    expect(built.spec).toBeNull();
    expect(built.fields).toEqual({});
    expect(built.other).toEqual(['riskOff.rule: must be one of btc-below-ma, basket-trend']);
  });

  it('reports every bad field at once', () => {
    const built = buildSpec({ ...base, feeBps: 'x', maDays: '1', maxWeightPct: '101' });
    expect(Object.keys(built.fields).sort()).toEqual(['feeBps', 'maDays', 'maxWeightPct']);
  });

  it('allows an empty cap and an empty N for sectors and custom lists', () => {
    expect(buildSpec({ ...base, maxWeightPct: '' }).spec?.weighting.maxWeight).toBeNull();
    const s = buildSpec({ ...sector, topN: '' }).spec;
    expect(s?.universe.type === 'sector' && s.universe.n).toBeUndefined();
  });
});

describe('universeChange', () => {
  const top = formFromSpec(defaultIndexSpec());
  const sector = formFromSpec(validateIndexSpec(SPECS['a sector index, top 5, square-root market cap, monthly']!));
  const holdings = formFromSpec(validateIndexSpec(SPECS['my holdings with fixed targets']!));

  it('clears N when leaving "top" and brings back 10 when returning without one', () => {
    const toSector = { ...top, ...universeChange(top, 'sector', []) };
    expect(toSector.topN).toBe('');
    expect({ ...toSector, ...universeChange(toSector, 'top', []) }.topN).toBe('10');
    expect(universeChange(sector, 'top', []).topN).toBe('5');
  });

  it('starts a new custom list empty and keeps an existing one', () => {
    expect(universeChange({ ...top, symbols: ['BTC'] }, 'custom', []).symbols).toEqual([]);
    expect(universeChange({ ...top, universeType: 'custom', symbols: ['BTC'] }, 'custom', []).symbols).toEqual(['BTC']);
  });

  it('takes the holdings (a copy) for "my holdings" and drops imported targets on any change', () => {
    const mine = ['ADA', 'BTC'];
    const patch = universeChange(top, 'holdings', mine);
    expect(patch).toEqual({ universeType: 'holdings', symbols: ['ADA', 'BTC'], holdingsTargets: null, topN: '' });
    expect(patch.symbols).not.toBe(mine);
    expect(holdings.holdingsTargets).not.toBeNull();
    expect(universeChange(holdings, 'top', []).holdingsTargets).toBeNull();
  });
});

describe('describeSpec', () => {
  const d = (input: IndexSpecInput, source: 'grade' | 'trend' = 'grade') =>
    describeSpec(validateIndexSpec(input), source);

  it('names the universe, the method and the cadence', () => {
    expect(d({})).toBe('Top 10 · market cap · weekly');
    expect(
      d({ universe: { type: 'top', n: 3 }, weighting: { method: 'equal' }, rebalance: { cadence: 'monthly' } }),
    ).toBe('Top 3 · equal · monthly');
    expect(d({ universe: { type: 'sector', sectors: ['DeFi', 'L1'] }, weighting: { method: 'sqrt-marketcap' } })).toBe(
      'DeFi+L1 · square-root market cap · weekly',
    );
    expect(d({ universe: { type: 'sector', sectors: ['AI'], n: 5 } })).toBe('AI top 5 · market cap · weekly');
    expect(d({ universe: { type: 'custom', symbols: ['BTC', 'ETH', 'SOL'] } })).toBe('3 assets · market cap · weekly');
    expect(d({ universe: { type: 'custom', symbols: ['BTC', 'ETH', 'SOL'], n: 2 } })).toBe(
      '3 assets top 2 · market cap · weekly',
    );
    expect(d({ universe: { type: 'holdings', symbols: ['BTC'] }, weighting: { method: 'inverse-volatility' } })).toBe(
      'My holdings · inverse volatility · weekly',
    );
  });

  it('says which signal a signal index uses', () => {
    expect(d({ weighting: { method: 'signal' } }, 'grade')).toBe('Top 10 · grade signal · weekly');
    expect(d({ weighting: { method: 'signal' } }, 'trend')).toBe('Top 10 · trend signal · weekly');
  });

  it('adds the cap, the drift band instead of a cadence, and risk-off', () => {
    expect(d({ weighting: { maxWeight: 0.25 }, rebalance: { cadence: 'threshold', band: 0.1 } })).toBe(
      'Top 10 · market cap · cap 25% · band 10%',
    );
    expect(d({ riskOff: { enabled: true } })).toBe('Top 10 · market cap · weekly · risk-off');
  });
});
