/** Allocation rules one by one: concentration, market-cap tiers, stablecoins, sectors, custody, target drift, low grades. */
import { describe, expect, it } from 'vitest';
import {
  custodyMax,
  findingKey,
  largeCapsMin,
  lowGradeExposure,
  memeMax,
  sectorMax,
  singleAssetMax,
  smallCapsMax,
  stablecoinReserveMin,
  targetDrift,
  type Grades,
  type TargetSet,
} from '../../shared/allocation';
import { ctx, runRule, severities, viaEngine } from './support/rules';

describe('small-caps-max', () => {
  const run = runRule(smallCapsMax);
  it('is quiet at the 20% threshold, warns above, critical well above', () => {
    expect(run(ctx({ BTC: 80, FET: 20 }))).toEqual([]);
    const w = run(ctx({ BTC: 75, FET: 25 }));
    expect(severities(w)).toEqual(['small:warning']);
    expect(w[0]!.numbers).toMatchObject({ share: 0.25, maxShare: 0.2 });
    expect(w[0]!.message).toContain('25.0%');
    expect(severities(run(ctx({ BTC: 60, FET: 40 })))).toEqual(['small:critical']);
  });
  it('can be disabled and tuned', () => {
    expect(viaEngine(ctx({ BTC: 75, FET: 25 }), 'small-caps-max', { enabled: false })).toEqual([]);
    expect(run(ctx({ BTC: 75, FET: 25 }), { maxShare: 0.3 })).toEqual([]);
    expect(severities(run(ctx({ BTC: 85, FET: 15 }), { maxShare: 0.1 }))).toEqual(['small:warning']);
  });
});

describe('large-caps-min', () => {
  const run = runRule(largeCapsMin);
  it('is quiet at the 40% floor, warns below, critical well below', () => {
    expect(run(ctx({ BTC: 40, LINK: 60 }))).toEqual([]);
    expect(severities(run(ctx({ BTC: 30, LINK: 70 })))).toEqual(['large:warning']);
    expect(severities(run(ctx({ BTC: 10, LINK: 90 })))).toEqual(['large:critical']);
  });
  it('can be disabled and tuned', () => {
    expect(viaEngine(ctx({ BTC: 30, LINK: 70 }), 'large-caps-min', { enabled: false })).toEqual([]);
    expect(run(ctx({ BTC: 30, LINK: 70 }), { minShare: 0.25 })).toEqual([]);
  });
});

describe('stablecoin-reserve-min', () => {
  const run = runRule(stablecoinReserveMin);
  it('is quiet at 5% and gives an info below it', () => {
    expect(run(ctx({ BTC: 95, USDC: 5 }))).toEqual([]);
    const f = run(ctx({ BTC: 96, USDC: 4 }));
    expect(severities(f)).toEqual(['stablecoin:info']);
    expect(f[0]!.numbers.share).toBeCloseTo(0.04, 12);
    expect(severities(run(ctx({ BTC: 100 })))).toEqual(['stablecoin:info']);
  });
  it('counts fiat cash as reserve', () => {
    expect(run(ctx({ BTC: 95, USD: 5 }))).toEqual([]);
    expect(run(ctx({ BTC: 95, USDC: 3, EUR: 2 }))).toEqual([]);
    const f = run(ctx({ BTC: 97, USD: 1, USDC: 2 }));
    expect(f[0]!.numbers.share).toBeCloseTo(0.03, 12);
    expect(f[0]!.message).toBe('Stablecoins and cash are 3.0% of your portfolio (suggested reserve 5.0%).');
  });
  it('can be disabled and tuned', () => {
    expect(viaEngine(ctx({ BTC: 96, USDC: 4 }), 'stablecoin-reserve-min', { enabled: false })).toEqual([]);
    expect(run(ctx({ BTC: 96, USDC: 4 }), { minShare: 0.03 })).toEqual([]);
  });
});

describe('meme-max', () => {
  const run = runRule(memeMax);
  it('counts meme coins of any tier: quiet at 5%, warning above, critical well above', () => {
    expect(run(ctx({ BTC: 95, DOGE: 5 }))).toEqual([]);
    expect(severities(run(ctx({ BTC: 90, DOGE: 5, PEPE: 5 })))).toEqual(['meme:warning']);
    expect(severities(run(ctx({ BTC: 80, DOGE: 20 })))).toEqual(['meme:critical']);
  });
  it('can be disabled and tuned', () => {
    expect(viaEngine(ctx({ BTC: 90, DOGE: 10 }), 'meme-max', { enabled: false })).toEqual([]);
    expect(run(ctx({ BTC: 90, DOGE: 10 }), { maxShare: 0.1 })).toEqual([]);
    expect(severities(run(ctx({ BTC: 90, DOGE: 10 }), { criticalShare: 0.08 }))).toEqual(['meme:critical']);
  });
});

describe('single-asset-max', () => {
  const run = runRule(singleAssetMax);
  it('limits non-BTC assets to 25% (critical above 40%)', () => {
    expect(run(ctx({ BTC: 50, ETH: 25, USDC: 25 }))).toEqual([]);
    expect(severities(run(ctx({ BTC: 50, ETH: 30, USDC: 20 })))).toEqual(['ETH:warning']);
    expect(severities(run(ctx({ BTC: 40, ETH: 45, USDC: 15 })))).toEqual(['ETH:critical']);
  });
  it('gives BTC a 60% limit (critical above 80%)', () => {
    expect(run(ctx({ BTC: 60, ETH: 20, SOL: 20 }))).toEqual([]);
    expect(severities(run(ctx({ BTC: 70, ETH: 15, SOL: 15 })))).toEqual(['BTC:warning']);
    expect(severities(run(ctx({ BTC: 90, ETH: 5, SOL: 5 })))).toEqual(['BTC:critical']);
  });
  it('counts stablecoins unless excluded', () => {
    expect(severities(run(ctx({ BTC: 50, USDC: 50 })))).toEqual(['USDC:critical']);
    expect(run(ctx({ BTC: 50, USDC: 50 }), { excludeStablecoins: true })).toEqual([]);
  });
  it('can be disabled and tuned', () => {
    expect(viaEngine(ctx({ BTC: 50, ETH: 30, USDC: 20 }), 'single-asset-max', { enabled: false })).toEqual([]);
    expect(run(ctx({ BTC: 50, ETH: 30, USDC: 20 }), { maxShare: 0.35 })).toEqual([]);
    expect(run(ctx({ BTC: 70, ETH: 15, SOL: 15 }), { btcMaxShare: 0.75 })).toEqual([]);
  });
});

describe('sector-max', () => {
  const run = runRule(sectorMax);
  it('is quiet at 40%, warns above, critical well above', () => {
    expect(run(ctx({ BTC: 20, ETH: 20, LINK: 30, PEPE: 30 }))).toEqual([]);
    const w = run(ctx({ BTC: 25, ETH: 25, LINK: 25, PEPE: 25 }));
    expect(severities(w)).toEqual(['L1:warning']);
    expect(w[0]!.title).toContain('Layer 1');
    expect(severities(run(ctx({ BTC: 35, ETH: 35, LINK: 30 })))).toEqual(['L1:critical']);
  });
  it("excludes the stablecoin and 'other' sectors by default", () => {
    expect(run(ctx({ USDC: 90, BTC: 10 }))).toEqual([]);
    expect(run(ctx({ UNKNOWN: 60, BTC: 40 }))).toEqual([]);
    expect(severities(run(ctx({ USDC: 90, BTC: 10 }), { excludeSectors: [] }))).toEqual(['stablecoin:critical']);
    expect(severities(run(ctx({ UNKNOWN: 60, BTC: 40 }), { excludeSectors: ['stablecoin'] }))).toEqual([
      'other:warning',
    ]);
  });
  it('can be disabled and tuned', () => {
    expect(viaEngine(ctx({ BTC: 25, ETH: 25, LINK: 50 }), 'sector-max', { enabled: false })).toEqual([]);
    expect(run(ctx({ BTC: 25, ETH: 25, LINK: 25, PEPE: 25 }), { maxShare: 0.5 })).toEqual([]);
    expect(run(ctx({ BTC: 25, ETH: 25, LINK: 25, PEPE: 25 }), { excludeSectors: ['L1'] })).toEqual([]);
  });
});

describe('custody-max', () => {
  const run = runRule(custodyMax);
  it('is quiet at 50%', () => {
    expect(
      run(
        ctx([
          ['bin', 'BTC', 50],
          ['krk', 'ETH', 50],
        ]),
      ),
    ).toEqual([]);
  });
  it('adds up accounts on the same exchange', () => {
    const f = run(
      ctx([
        ['bin', 'BTC', 30],
        ['bin2', 'ETH', 30],
        ['krk', 'SOL', 40],
      ]),
    );
    expect(severities(f)).toEqual(['exchange:binance:warning']);
    expect(f[0]!.numbers).toMatchObject({ accounts: 2, share: 0.6 });
    expect(findingKey(f[0]!)).toBe('custody-max:exchange:binance');
  });
  it('is critical well above the limit', () => {
    expect(
      severities(
        run(
          ctx([
            ['bin', 'BTC', 90],
            ['krk', 'ETH', 10],
          ]),
        ),
      ),
    ).toEqual(['exchange:binance:critical']);
  });
  it('includes manual wallets by default and can leave them out', () => {
    const c = ctx([
      ['ledger', 'BTC', 60],
      ['krk', 'ETH', 40],
    ]);
    const f = run(c);
    expect(severities(f)).toEqual(['custody:ledger:warning']);
    expect(f[0]!.why).toMatch(/seed phrase/);
    expect(run(c, { includeManual: false })).toEqual([]);
  });
  it('can be disabled and tuned', () => {
    const c = ctx([
      ['bin', 'BTC', 60],
      ['krk', 'ETH', 40],
    ]);
    expect(viaEngine(c, 'custody-max', { enabled: false })).toEqual([]);
    expect(run(c, { maxShare: 0.7, criticalShare: 0.9 })).toEqual([]);
  });
});

describe('target-drift', () => {
  const run = runRule(targetDrift);
  // large 50, mid 20, small 30.
  const holdings = { BTC: 50, LINK: 20, PEPE: 30 };
  const targets: TargetSet = {
    dimension: 'tier',
    targets: { large: { target: 0.45 }, mid: { target: 0.3 }, small: { target: 0.15 }, stablecoin: { target: 0.1 } },
    band: 0.05,
  };
  it('runs only when targets are set (and valid)', () => {
    expect(run(ctx(holdings))).toEqual([]);
    expect(run(ctx(holdings, { targets: null }))).toEqual([]);
    const invalid = { dimension: 'tier', targets: { large: { target: 0.5 } } } as TargetSet;
    expect(run(ctx(holdings, { targets: invalid }))).toEqual([]);
  });
  it('is quiet on target and at the band edge', () => {
    const onTarget: TargetSet = {
      dimension: 'tier',
      targets: { large: { target: 0.55 }, mid: { target: 0.2 }, small: { target: 0.25 } },
      band: 0.05,
    };
    expect(run(ctx(holdings, { targets: onTarget }))).toEqual([]);
  });
  it('warns beyond the band and is critical beyond twice the band', () => {
    const f = run(ctx(holdings, { targets }));
    const bySubject = Object.fromEntries(f.map((x) => [x.subject, x.severity]));
    expect(bySubject).toEqual({
      'tier:small': 'critical', // 30% vs 15% +/- 5%
      'tier:mid': 'warning', // 20% vs 30% +/- 5%
      'tier:stablecoin': 'warning', // 0% vs 10% +/- 5%
    });
    const small = f.find((x) => x.subject === 'tier:small')!;
    expect(small.numbers.drift).toBeCloseTo(0.15, 12);
    expect(small.title).toMatch(/over target/);
  });
  it("uses the rule's band only when the target set has none", () => {
    const noBand: TargetSet = { ...targets, band: undefined };
    expect(run(ctx(holdings, { targets: noBand }), { band: 0.2 })).toEqual([]);
    expect(run(ctx(holdings, { targets }), { band: 0.2 })).toHaveLength(3);
  });
  it('can be disabled and tuned', () => {
    expect(viaEngine(ctx(holdings, { targets }), 'target-drift', { enabled: false })).toEqual([]);
    const f = run(ctx(holdings, { targets }), { criticalFactor: 5 });
    expect(f.every((x) => x.severity === 'warning')).toBe(true);
  });
});

describe('low-grade-exposure', () => {
  const run = runRule(lowGradeExposure);
  const grades: Grades = {
    BTC: { trader: 80, investor: 90 },
    PEPE: { trader: 30, investor: 40 },
    FET: { trader: 50, investor: 50 },
  };
  it('is skipped without grades', () => {
    expect(run(ctx({ BTC: 50, PEPE: 50 }))).toEqual([]);
    expect(run(ctx({ BTC: 50, PEPE: 50 }, { grades: null }))).toEqual([]);
  });
  it('adds up tokens with both grades below 60: quiet at 5%, warning above, critical well above', () => {
    expect(run(ctx({ BTC: 95, PEPE: 5 }, { grades }))).toEqual([]);
    const w = run(ctx({ BTC: 90, PEPE: 5, FET: 5 }, { grades }));
    expect(w.map((f) => f.severity)).toEqual(['warning']);
    expect(w[0]!.numbers).toMatchObject({ count: 2 });
    expect(w[0]!.numbers.share).toBeCloseTo(0.1, 12);
    expect(w[0]!.message).toMatch(/PEPE.*FET|FET.*PEPE/);
    expect(run(ctx({ BTC: 75, PEPE: 15, FET: 10 }, { grades })).map((f) => f.severity)).toEqual(['critical']);
  });
  it('ignores tokens with one good or missing grade', () => {
    const mixed: Grades = { PEPE: { trader: 30, investor: 75 }, FET: { trader: null, investor: 10 } };
    expect(run(ctx({ BTC: 50, PEPE: 25, FET: 25 }, { grades: mixed }))).toEqual([]);
  });
  it('can be disabled and tuned', () => {
    const c = ctx({ BTC: 90, PEPE: 5, FET: 5 }, { grades });
    expect(viaEngine(c, 'low-grade-exposure', { enabled: false })).toEqual([]);
    expect(run(c, { gradeBelow: 45 })).toEqual([]); // FET (50/50) no longer counts: 5% left
    expect(run(c, { maxShare: 0.1, criticalShare: 0.2 })).toEqual([]);
  });
});
