import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ENGINE_RULE_ID,
  RULES,
  accountStale,
  breakdown,
  custodyMax,
  defaultRuleSettings,
  evaluateRules,
  findingKey,
  keyAge,
  keyTradePermission,
  keyUnused,
  keyUnverified,
  largeCapsMin,
  lowGradeExposure,
  memeMax,
  sectorMax,
  singleAssetMax,
  smallCapsMax,
  stablecoinReserveMin,
  targetDrift,
  validateRuleSettings,
  type Finding,
  type Grades,
  type Rule,
  type RuleContext,
  type RuleSettingsBase,
  type TargetSet,
} from '../../shared/allocation';
import type { AccountMeta, AccountSyncState } from '../../shared/domain/keys';
import { DAY_MS } from '../../shared/domain/types';
import { keyAgeDays, unusedDays } from '../../shared/keys/hygiene';
import { CATALOG, account as accountAt, permission, portfolio, position } from './support/fixtures';

const NOW = Date.UTC(2025, 5, 1, 12);
const HOUR = 3_600_000;

type Holding = [custodyId: string, asset: string, value: number];

/** Context from asset values (all at one custody) or explicit [custody, asset, value] rows. */
function ctx(holdings: Record<string, number> | Holding[], extra: Partial<RuleContext> = {}): RuleContext {
  const rows: Holding[] = Array.isArray(holdings)
    ? holdings
    : Object.entries(holdings).map(([a, v]) => ['krk', a, v] as Holding);
  const p = portfolio(
    rows.map(([custodyId, a, v]) => position(custodyId, a, v, 1)),
    { asOf: NOW },
  );
  return { now: NOW, portfolio: p, breakdown: breakdown(p, CATALOG), ...extra };
}

const EMPTY = ctx({});

function severities(findings: Finding[]): string[] {
  return findings.map((f) => `${f.subject ?? ''}:${f.severity}`);
}

/** Runs one rule directly with its default settings, changed by `s`. */
function runRule<S extends RuleSettingsBase>(rule: Rule<string, S>) {
  return (c: RuleContext, s: Partial<S> = {}): Finding[] => rule.evaluate(c, { ...rule.defaults, ...s });
}

/** Run one rule through the engine with only that rule's settings changed. */
function viaEngine(c: RuleContext, ruleId: string, settings: Record<string, unknown>): Finding[] {
  return evaluateRules(c, { [ruleId]: settings }).filter((f) => f.ruleId === ruleId);
}

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

const account = (over: Partial<AccountMeta> = {}): AccountMeta => accountAt(NOW, over);

describe('key-age', () => {
  const run = (accounts: AccountMeta[], s = {}) =>
    keyAge.evaluate({ ...EMPTY, accounts }, { ...keyAge.defaults, ...s });
  it('warns once a key is older than 90 days', () => {
    expect(run([account({ keyCreatedAt: NOW - 90 * DAY_MS })])).toEqual([]);
    const f = run([account({ keyCreatedAt: NOW - 91 * DAY_MS })]);
    expect(severities(f)).toEqual(['acc1:warning']);
    expect(f[0]!.numbers).toMatchObject({ ageDays: 91, rotationDays: 90 });
    expect(f[0]!.message).not.toMatch(/secret/i);
  });
  it('ignores revoked accounts and tolerates missing account data', () => {
    expect(run([account({ keyCreatedAt: NOW - 200 * DAY_MS, status: 'revoked' })])).toEqual([]);
    expect(keyAge.evaluate(EMPTY, keyAge.defaults)).toEqual([]);
  });
  it('can be disabled and tuned', () => {
    const c = { ...EMPTY, accounts: [account({ keyCreatedAt: NOW - 100 * DAY_MS })] };
    expect(viaEngine(c, 'key-age', { enabled: false })).toEqual([]);
    expect(run(c.accounts, { rotationDays: 120 })).toEqual([]);
    expect(run([account({ keyCreatedAt: NOW - 40 * DAY_MS })], { rotationDays: 30 })).toHaveLength(1);
  });
});

describe('key-unused', () => {
  const run = (accounts: AccountMeta[], s = {}) =>
    keyUnused.evaluate({ ...EMPTY, accounts }, { ...keyUnused.defaults, ...s });
  it('gives an info when a key is unused for more than 30 days', () => {
    expect(run([account({ keyCreatedAt: NOW - 60 * DAY_MS, lastUsedAt: NOW - 30 * DAY_MS })])).toEqual([]);
    const f = run([account({ keyCreatedAt: NOW - 60 * DAY_MS, lastUsedAt: NOW - 31 * DAY_MS })]);
    expect(severities(f)).toEqual(['acc1:info']);
    expect(f[0]!.numbers.idleDays).toBe(31);
  });
  it('counts a never-used key from when it was stored', () => {
    expect(run([account({ keyCreatedAt: NOW - 10 * DAY_MS, lastUsedAt: null })])).toEqual([]);
    const f = run([account({ keyCreatedAt: NOW - 40 * DAY_MS, lastUsedAt: null })]);
    expect(f[0]!.message).toMatch(/never been used/);
  });
  it('can be disabled and tuned', () => {
    const c = { ...EMPTY, accounts: [account({ keyCreatedAt: NOW - 90 * DAY_MS, lastUsedAt: NOW - 45 * DAY_MS })] };
    expect(viaEngine(c, 'key-unused', { enabled: false })).toEqual([]);
    expect(run(c.accounts, { unusedDays: 60 })).toEqual([]);
  });
  it('counts a rotated key from its rotation: uses of the old key do not count', () => {
    expect(run([account({ keyCreatedAt: NOW - 5 * DAY_MS, lastUsedAt: NOW - 50 * DAY_MS })])).toEqual([]);
    const f = run([account({ keyCreatedAt: NOW - 40 * DAY_MS, lastUsedAt: NOW - 50 * DAY_MS })]);
    expect(f[0]!.numbers.idleDays).toBe(40);
    expect(f[0]!.numbers).not.toHaveProperty('lastUsedAt');
    expect(f[0]!.message).toMatch(/never been used since it was stored 40 days ago/);
  });
});

describe('key rules and key hygiene', () => {
  it('report the same age and idle days as the Keys view (shared/keys/hygiene)', () => {
    for (const d of [31.2, 45, 90.5, 91, 200.9]) {
      const a = account({ keyCreatedAt: NOW - (d + 1) * DAY_MS, lastUsedAt: NOW - d * DAY_MS });
      const [age] = keyAge.evaluate({ ...EMPTY, accounts: [a] }, { ...keyAge.defaults, rotationDays: 30 });
      const [idle] = keyUnused.evaluate({ ...EMPTY, accounts: [a] }, keyUnused.defaults);
      expect(age!.numbers.ageDays).toBe(keyAgeDays(a, NOW));
      expect(idle!.numbers.idleDays).toBe(unusedDays(a, NOW));
    }
  });
});

describe('key-trade-permission', () => {
  const run = (accounts: AccountMeta[]) =>
    keyTradePermission.evaluate({ ...EMPTY, accounts }, keyTradePermission.defaults);
  it('is quiet for read-only and unverified keys', () => {
    expect(run([account(), account({ permission: permission('unverified') }), account({ permission: null })])).toEqual(
      [],
    );
  });
  it('warns for an accepted trade key and is critical when not accepted', () => {
    expect(severities(run([account({ permission: permission('trade'), tradeAccepted: true })]))).toEqual([
      'acc1:warning',
    ]);
    expect(severities(run([account({ permission: permission('trade'), tradeAccepted: false })]))).toEqual([
      'acc1:critical',
    ]);
  });
  it('is always critical for a withdrawal-capable key', () => {
    const f = run([account({ permission: permission('withdraw'), tradeAccepted: true })]);
    expect(severities(f)).toEqual(['acc1:critical']);
    expect(f[0]!.title).toMatch(/withdraw/);
  });
  it('can be disabled', () => {
    const c = { ...EMPTY, accounts: [account({ permission: permission('trade') })] };
    expect(viaEngine(c, 'key-trade-permission', {})).toHaveLength(1);
    expect(viaEngine(c, 'key-trade-permission', { enabled: false })).toEqual([]);
  });
});

describe('key-unverified', () => {
  const run = (accounts: AccountMeta[]) => keyUnverified.evaluate({ ...EMPTY, accounts }, keyUnverified.defaults);
  it('gives an info for unverified or never-checked keys only', () => {
    expect(run([account()])).toEqual([]);
    expect(run([account({ permission: permission('trade') })])).toEqual([]);
    expect(severities(run([account({ permission: permission('unverified') })]))).toEqual(['acc1:info']);
    expect(severities(run([account({ permission: null })]))).toEqual(['acc1:info']);
  });
  it('can be disabled', () => {
    const c = { ...EMPTY, accounts: [account({ permission: null })] };
    expect(viaEngine(c, 'key-unverified', { enabled: false })).toEqual([]);
  });
});

describe('account-stale', () => {
  const state = (over: Partial<AccountSyncState> = {}): AccountSyncState => ({
    accountId: 'acc1',
    lastAttemptAt: NOW - HOUR,
    lastSuccessAt: NOW - HOUR,
    lastError: null,
    stale: false,
    ...over,
  });
  const run = (accounts: AccountMeta[] | undefined, syncStates: AccountSyncState[], s = {}) =>
    accountStale.evaluate({ ...EMPTY, accounts, syncStates }, { ...accountStale.defaults, ...s });

  it('is quiet at 24 hours, warns beyond, critical after a week', () => {
    expect(run([account()], [state({ lastSuccessAt: NOW - 24 * HOUR })])).toEqual([]);
    const f = run(
      [account()],
      [state({ lastSuccessAt: NOW - 25 * HOUR, lastError: { code: 'auth', message: 'Invalid key' } })],
    );
    expect(severities(f)).toEqual(['acc1:warning']);
    expect(f[0]!.message).toContain('Invalid key');
    expect(f[0]!.numbers.ageHours).toBe(25);
    expect(severities(run([account()], [state({ lastSuccessAt: NOW - 8 * DAY_MS })]))).toEqual(['acc1:critical']);
  });
  it('counts a never-synced account from when it was added', () => {
    expect(run([account({ createdAt: NOW - 2 * HOUR })], [state({ lastSuccessAt: null })])).toEqual([]);
    const f = run([account({ createdAt: NOW - 2 * DAY_MS })], []);
    expect(severities(f)).toEqual(['acc1:warning']);
    expect(f[0]!.message).toMatch(/never synced/);
  });
  it('ignores disabled accounts and works from sync states alone', () => {
    expect(run([account({ status: 'disabled' })], [state({ lastSuccessAt: NOW - 10 * DAY_MS })])).toEqual([]);
    expect(severities(run(undefined, [state({ lastSuccessAt: NOW - 30 * HOUR })]))).toEqual(['acc1:warning']);
    expect(severities(run(undefined, [state({ lastSuccessAt: null, lastAttemptAt: null })]))).toEqual(['acc1:warning']);
  });
  it('can be disabled and tuned', () => {
    const c = { ...EMPTY, accounts: [account()], syncStates: [state({ lastSuccessAt: NOW - 30 * HOUR })] };
    expect(viaEngine(c, 'account-stale', { enabled: false })).toEqual([]);
    expect(run(c.accounts, c.syncStates, { maxAgeHours: 48 })).toEqual([]);
    expect(severities(run(c.accounts, c.syncStates, { criticalAgeHours: 26 }))).toEqual(['acc1:critical']);
  });
});

describe('rules engine', () => {
  it('has unique ids and defaults that pass their own schema', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const defaults = defaultRuleSettings();
    for (const r of RULES) {
      expect(r.schema.safeParse(r.defaults).success).toBe(true);
      expect((defaults as Record<string, unknown>)[r.id]).toEqual(r.defaults);
      expect(r.title.length).toBeGreaterThan(0);
      expect(r.description.length).toBeGreaterThan(0);
    }
  });

  it('hands out fresh copies of the defaults', () => {
    const a = defaultRuleSettings();
    a['sector-max'].excludeSectors.push('L1');
    a['small-caps-max'].maxShare = 0.9;
    const b = defaultRuleSettings();
    expect(b['sector-max'].excludeSectors).toEqual(['stablecoin', 'other']);
    expect(b['small-caps-max'].maxShare).toBe(0.2);
  });

  it('merges partial settings with the defaults', () => {
    const v = validateRuleSettings({ 'small-caps-max': { maxShare: 0.3 } });
    expect(v.ok).toBe(true);
    expect(v.settings['small-caps-max']).toEqual({ enabled: true, maxShare: 0.3, criticalShare: 0.35 });
  });

  it.each([
    [{ 'small-caps-max': { maxShare: 2 } }, 'small-caps-max', 'maxShare'],
    [{ 'small-caps-max': { enabled: 'yes' } }, 'small-caps-max', 'enabled'],
    [{ 'small-caps-max': { maxshare: 0.1 } }, 'small-caps-max', ''],
    [{ 'small-caps-max': { maxShare: 0.5 } }, 'small-caps-max', 'criticalShare'],
    [{ 'sector-max': { excludeSectors: ['Memes'] } }, 'sector-max', 'excludeSectors.0'],
    [{ 'key-age': { rotationDays: 0 } }, 'key-age', 'rotationDays'],
    [{ 'key-age': 5 }, 'key-age', ''],
    [{ 'no-such-rule': { enabled: true } }, 'no-such-rule', ''],
  ])('reports invalid settings %j clearly', (input, ruleId, path) => {
    const v = validateRuleSettings(input as Record<string, Record<string, unknown>>);
    expect(v.ok).toBe(false);
    expect(v.issues.some((i) => i.ruleId === ruleId && i.path === path && i.message.length > 0)).toBe(true);
    // The rule falls back to its defaults.
    if (ruleId in v.settings)
      expect((v.settings as Record<string, unknown>)[ruleId]).toEqual(RULES.find((r) => r.id === ruleId)!.defaults);
  });

  it('turns invalid settings into a finding and still runs the rule with its defaults', () => {
    const c = ctx({ BTC: 70, FET: 30 });
    const f = evaluateRules(c, { 'small-caps-max': { maxShare: 'lots' } as unknown as Record<string, unknown> });
    const engine = f.filter((x) => x.ruleId === ENGINE_RULE_ID);
    expect(engine).toHaveLength(1);
    expect(engine[0]).toMatchObject({ severity: 'warning', subject: 'small-caps-max' });
    expect(engine[0]!.message).toMatch(/maxShare/);
    expect(f.some((x) => x.ruleId === 'small-caps-max' && x.severity === 'warning')).toBe(true);
    expect(() => evaluateRules(c, null)).not.toThrow();
  });

  it('returns findings sorted by severity, critical first', () => {
    const c = ctx(
      [
        ['bin', 'BTC', 10],
        ['bin', 'PEPE', 60],
        ['bin2', 'FET', 30],
      ],
      { accounts: [account({ permission: null, keyCreatedAt: NOW - 100 * DAY_MS })] },
    );
    const f = evaluateRules(c);
    const rank = { critical: 2, warning: 1, info: 0 };
    for (let i = 1; i < f.length; i++) {
      expect(rank[f[i - 1]!.severity]).toBeGreaterThanOrEqual(rank[f[i]!.severity]);
    }
    expect(new Set(f.map((x) => x.severity))).toEqual(new Set(['critical', 'warning', 'info']));
  });

  it('gives every finding a stable key, a reason and finite figures', () => {
    const c = ctx(
      [
        ['bin', 'BTC', 10],
        ['bin', 'DOGE', 50],
        ['ledger', 'FET', 40],
      ],
      {
        accounts: [account({ permission: permission('trade'), keyCreatedAt: NOW - 200 * DAY_MS, lastUsedAt: null })],
        syncStates: [{ accountId: 'acc1', lastAttemptAt: NOW, lastSuccessAt: null, lastError: null, stale: true }],
        grades: { DOGE: { trader: 20, investor: 20 } },
        targets: { dimension: 'tier', targets: { large: { target: 1 } } },
      },
    );
    const f = evaluateRules(c);
    const ruleIds = new Set(f.map((x) => x.ruleId));
    for (const id of [
      'small-caps-max',
      'meme-max',
      'single-asset-max',
      'custody-max',
      'target-drift',
      'low-grade-exposure',
      'key-age',
      'key-unused',
      'key-trade-permission',
      'account-stale',
    ]) {
      expect(ruleIds.has(id)).toBe(true);
    }
    const keys = f.map(findingKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(evaluateRules(c).map(findingKey)).toEqual(keys);
    for (const x of f) {
      expect(x.why.length).toBeGreaterThan(20);
      expect(Object.values(x.numbers).every(Number.isFinite)).toBe(true);
    }
  });

  it('gives no allocation findings for an empty portfolio', () => {
    const targets: TargetSet = { dimension: 'tier', targets: { large: { target: 1 } } };
    expect(evaluateRules({ ...EMPTY, targets, grades: {} })).toEqual([]);
    const unpricedOnly = ctx({});
    unpricedOnly.portfolio.positions.push({ custodyId: 'krk', asset: 'BTC', amount: 1, price: null, value: null });
    const b = breakdown(unpricedOnly.portfolio, CATALOG);
    expect(evaluateRules({ ...unpricedOnly, breakdown: b })).toEqual([]);
  });

  it('handles a single-asset portfolio', () => {
    const f = evaluateRules(ctx({ ETH: 1000 }));
    const got = Object.fromEntries(f.map((x) => [x.ruleId, x.severity]));
    expect(got).toEqual({
      'single-asset-max': 'critical',
      'sector-max': 'critical',
      'custody-max': 'critical',
      'stablecoin-reserve-min': 'info',
    });
  });
});

describe('docs/RULES.md', () => {
  const doc = readFileSync(new URL('../../docs/RULES.md', import.meta.url), 'utf8');
  it.each(RULES.map((r) => [r.id, r] as const))('documents %s with its default thresholds', (id, rule) => {
    const row = doc.split('\n').find((l) => l.startsWith(`| \`${id}\``));
    expect(row, `table row for ${id}`).toBeDefined();
    expect(doc).toContain(`### \`${id}\``);
    const documented = (row!.match(/\d+(\.\d+)?/g) ?? []).map(Number);
    for (const [name, value] of Object.entries(rule.defaults)) {
      if (typeof value === 'number') expect(documented, `${id}.${name}`).toContain(value);
    }
  });
});
