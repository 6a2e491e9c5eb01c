/** The rules engine (ids, defaults, settings validation, finding keys, ordering) and docs/RULES.md against the rules it describes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ENGINE_RULE_ID,
  RULES,
  breakdown,
  defaultRuleSettings,
  evaluateRules,
  findingKey,
  validateRuleSettings,
  type TargetSet,
} from '../../shared/allocation';
import { DAY_MS } from '../../shared/domain/types';
import { CATALOG, permission } from './support/fixtures';
import { EMPTY, NOW, account, ctx } from './support/rules';

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
