import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { TARGET_PRESETS, findingKey, shareOf, type Finding } from '../../shared/allocation';
import type { AccountMeta } from '../../shared/domain/keys';
import { DAY_MS } from '../../shared/domain/types';
import type { Settings } from '../../shared/settings';
import { computeAllocation, type AllocationInputs } from '../../electron/services/allocation-service';
import { account as accountAt } from '../unit/support/fixtures';
import { cleanUpAfterEach } from './support/cleanup';
import { startApp, type TestApp } from './support/app';

const NOW = Date.UTC(2026, 10, 20, 12);

type Harness = TestApp;

cleanUpAfterEach();

/** The app at a fixed time, on a new data folder or on `dataDir` (a restart). */
function start(dataDir?: string): Promise<Harness> {
  return startApp({ prefix: 'ballast-alloc-', now: () => NOW, ...(dataDir ? { dataDir } : {}) });
}

function inputs(h: Harness, extra: Partial<AllocationInputs> = {}): AllocationInputs {
  const view = h.services.context.portfolio();
  return {
    portfolio: view.portfolio,
    sample: view.sample,
    catalog: h.services.context.catalog(),
    settings: h.services.context.settings.get(),
    now: NOW,
    ...extra,
  };
}

function storedSettings(h: Harness): Settings {
  return (JSON.parse(readFileSync(join(h.dataDir, 'settings.json'), 'utf8')) as { settings: Settings }).settings;
}

function byRule(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

describe('computeAllocation on the sample portfolio', () => {
  it('flags what the sample was built to show, from the breakdown figures', async () => {
    const h = await start();
    const a = computeAllocation(inputs(h));
    const b = a.breakdown;
    expect(a.sample).toBe(true);
    expect(b.total).toBeGreaterThan(0);
    expect(a.drift).toBeNull();

    // Binance: every Binance account together.
    const binance = b.byCustody
      .filter((s) => s.custody?.kind === 'exchange' && s.custody.platform === 'binance')
      .reduce((s, x) => s + x.share, 0);
    expect(binance).toBeGreaterThan(0.5);
    const custody = byRule(a.findings, 'custody-max');
    expect(custody.map((f) => f.subject)).toContain('exchange:binance');
    const bf = custody.find((f) => f.subject === 'exchange:binance')!;
    expect(bf.severity).toBe(binance > 0.8 ? 'critical' : 'warning');
    expect(bf.numbers['share']).toBeCloseTo(binance, 10);
    // No other platform is above the limit.
    expect(custody).toHaveLength(1);

    const small = shareOf(b.byTier, 'small');
    expect(small).toBeGreaterThan(0.2);
    const sf = byRule(a.findings, 'small-caps-max');
    expect(sf).toHaveLength(1);
    expect(sf[0]!.numbers['share']).toBeCloseTo(small, 10);
    expect(sf[0]!.severity).toBe(small > 0.35 ? 'critical' : 'warning');

    const pepe = b.byAsset.find((s) => s.key === 'PEPE')!;
    expect(pepe.sector).toBe('meme');
    const meme = shareOf(b.bySector, 'meme');
    expect(meme).toBeGreaterThanOrEqual(pepe.share);
    const mf = byRule(a.findings, 'meme-max');
    expect(mf).toHaveLength(1);
    expect(mf[0]!.numbers['share']).toBeCloseTo(meme, 10);

    const stable = shareOf(b.byTier, 'stablecoin');
    expect(stable).toBeGreaterThan(0);
    expect(stable).toBeLessThan(0.05);
    const rf = byRule(a.findings, 'stablecoin-reserve-min');
    expect(rf).toHaveLength(1);
    expect(rf[0]!.severity).toBe('info');
    expect(rf[0]!.numbers['share']).toBeCloseTo(stable, 10);

    // No grades, accounts or targets: those rules stay silent.
    for (const id of ['low-grade-exposure', 'key-age', 'key-unused', 'account-stale', 'target-drift', 'rule-engine']) {
      expect(byRule(a.findings, id)).toEqual([]);
    }
    // Most severe first.
    const rank = { critical: 2, warning: 1, info: 0 } as const;
    const ranks = a.findings.map((f) => rank[f.severity]);
    expect([...ranks].sort((x, y) => y - x)).toEqual(ranks);
  });

  it('uses the optional grades and account inputs when given', async () => {
    const h = await start();
    const base = computeAllocation(inputs(h));
    const pepe = base.breakdown.byAsset.find((s) => s.key === 'PEPE')!;
    const account: AccountMeta = accountAt(NOW, {
      id: 'acc-1',
      createdAt: NOW - 200 * DAY_MS,
      keyCreatedAt: NOW - 120 * DAY_MS,
      lastUsedAt: NOW - DAY_MS,
      permission: null,
      fingerprint: 'abcd',
    });
    const a = computeAllocation(
      inputs(h, { grades: { PEPE: { trader: 10, investor: 20 } }, accounts: [account], syncStates: [] }),
    );
    const low = byRule(a.findings, 'low-grade-exposure');
    expect(low).toHaveLength(pepe.share > 0.05 ? 1 : 0);
    expect(byRule(a.findings, 'key-age').map((f) => f.subject)).toEqual(['acc-1']);
    expect(byRule(a.findings, 'account-stale').map((f) => f.subject)).toEqual(['acc-1']);
  });
});

describe('rule settings through the handlers', () => {
  it('changing a threshold changes the findings and is saved', async () => {
    const h = await start();
    const before = await h.call('allocation:get', undefined);
    const small = shareOf(before.breakdown.byTier, 'small');
    expect(byRule(before.findings, 'small-caps-max')).toHaveLength(1);

    const above = Math.min(1, Math.ceil(small * 100 + 1) / 100);
    const rules = await h.call('rules:update', {
      ruleId: 'small-caps-max',
      settings: { maxShare: above },
    });
    const view = rules.find((r) => r.id === 'small-caps-max')!;
    expect(view.settings['maxShare']).toBe(above);
    expect(view.customised).toBe(true);
    expect(storedSettings(h).rules['small-caps-max']).toEqual({ maxShare: above });

    const after = await h.call('allocation:get', undefined);
    expect(byRule(after.findings, 'small-caps-max')).toEqual([]);
    // Other findings are untouched.
    expect(after.findings.filter((f) => f.ruleId !== 'small-caps-max').map(findingKey)).toEqual(
      before.findings.filter((f) => f.ruleId !== 'small-caps-max').map(findingKey),
    );

    // Disabling a rule silences it; resetting restores the defaults and the finding.
    await h.call('rules:update', { ruleId: 'meme-max', settings: { enabled: false } });
    expect(byRule((await h.call('allocation:get', undefined)).findings, 'meme-max')).toEqual([]);
    await h.call('rules:reset', { ruleId: 'small-caps-max' });
    const reset = await h.call('allocation:get', undefined);
    expect(byRule(reset.findings, 'small-caps-max')).toHaveLength(1);
    expect(byRule(reset.findings, 'meme-max')).toEqual([]);
    expect(storedSettings(h).rules).toEqual({ 'meme-max': { enabled: false } });
    await h.call('rules:reset', {});
    expect(storedSettings(h).rules).toEqual({});
  });

  it('rejects invalid settings with details and saves nothing', async () => {
    const h = await start();
    await h.call('rules:update', { ruleId: 'small-caps-max', settings: { maxShare: 0.25 } });
    const saved = storedSettings(h);

    const tooBig = await h.fail('rules:update', { ruleId: 'small-caps-max', settings: { maxShare: 1.5 } });
    expect(tooBig.code).toBe('invalid-rule-settings');
    expect(tooBig.details?.join(' ')).toMatch(/Warn above/);

    const inverted = await h.fail('rules:update', {
      ruleId: 'small-caps-max',
      settings: { maxShare: 0.3, criticalShare: 0.1 },
    });
    expect(inverted.code).toBe('invalid-rule-settings');
    expect(inverted.details?.join(' ')).toMatch(/Critical above/);

    const unknownSetting = await h.fail('rules:update', { ruleId: 'meme-max', settings: { colour: 3 } });
    expect(unknownSetting.code).toBe('invalid-rule-settings');

    const unknownRule = await h.fail('rules:update', { ruleId: 'no-such-rule', settings: { enabled: false } });
    expect(unknownRule.code).toBe('unknown-rule');

    const wrongType = await h.fail('rules:update', { ruleId: 'meme-max', settings: { maxShare: '0.1' } });
    expect(wrongType.code).toBe('bad-request');

    expect(storedSettings(h)).toEqual(saved);
  });

  it('keeps the key-age rule and the rotation setting in step', async () => {
    const h = await start();
    const keyAged = (days: number): AccountMeta => ({
      id: `acc-${days}`,
      label: `Key ${days}d`,
      exchange: 'kraken',
      status: 'active',
      createdAt: NOW - days * DAY_MS,
      keyCreatedAt: NOW - days * DAY_MS,
      rotatedAt: null,
      lastUsedAt: NOW,
      lastVerifiedAt: NOW,
      permission: null,
      tradeAccepted: false,
      fingerprint: 'wxyz',
    });
    const ageFindings = () =>
      byRule(computeAllocation(inputs(h, { accounts: [keyAged(45)] })).findings, 'key-age').length;

    expect(ageFindings()).toBe(0); // default rotation age: 90 days
    // The general setting feeds the rule.
    await h.call('settings:update', { keyRotationDays: 30 });
    expect(ageFindings()).toBe(1);
    // Tuning the rule writes the general setting, so both show the same number.
    const rules = await h.call('rules:update', { ruleId: 'key-age', settings: { rotationDays: 60 } });
    expect(rules.find((r) => r.id === 'key-age')!.settings['rotationDays']).toBe(60);
    expect(storedSettings(h).keyRotationDays).toBe(60);
    expect(storedSettings(h).rules['key-age']).toBeUndefined();
    expect(ageFindings()).toBe(0);
    // Reset restores the rule's default in the general setting too.
    await h.call('settings:update', { keyRotationDays: 10 });
    await h.call('rules:reset', { ruleId: 'key-age' });
    expect(storedSettings(h).keyRotationDays).toBe(90);
    const bad = await h.fail('rules:update', { ruleId: 'key-unused', settings: { unusedDays: 0 } });
    expect(bad.code).toBe('invalid-rule-settings');
    expect(storedSettings(h).keyUnusedDays).toBe(30);
  });
});

describe('targets, drift and plans', () => {
  it('saves valid targets, rejects invalid ones and plans toward them', async () => {
    const h = await start();
    const balanced = TARGET_PRESETS.find((p) => p.id === 'balanced')!.targetSet;

    const bad = await h.fail('allocation:setTargets', {
      targets: { dimension: 'tier', targets: { large: { target: 0.5 }, small: { target: 0.45 } } },
    });
    expect(bad.code).toBe('invalid-targets');
    expect(bad.details?.join(' ')).toMatch(/95\.00%/);
    expect(storedSettings(h).targets).toBeNull();
    expect((await h.fail('allocation:plan', { feeBps: 10 })).code).toBe('no-targets');

    const view = await h.call('allocation:setTargets', { targets: balanced });
    expect(storedSettings(h).targets).toEqual(balanced);
    expect(view.targets).toEqual(balanced);
    expect(view.drift).not.toBeNull();
    for (const row of view.drift!) {
      expect(row.actual).toBeCloseTo(shareOf(view.breakdown.byTier, row.key), 12);
      expect(row.drift).toBeCloseTo(row.actual - (balanced.targets[row.key]?.target ?? 0), 12);
    }
    const out = view.drift!.filter((r) => r.outsideBand).map((r) => `tier:${r.key}`);
    expect(
      byRule(view.findings, 'target-drift')
        .map((f) => f.subject)
        .sort(),
    ).toEqual(out.sort());

    const plan = await h.call('allocation:plan', { feeBps: 25 });
    expect(plan.trades.length).toBeGreaterThan(0);
    for (const t of plan.trades) expect(t.fee).toBeCloseTo((t.value * 25) / 10_000, 9);
    expect(plan.totalFees).toBeCloseTo(
      plan.trades.reduce((s, t) => s + t.fee, 0),
      9,
    );
    // After the plan every tier is on its target.
    for (const row of plan.after.drift) expect(Math.abs(row.drift)).toBeLessThan(1e-6);

    // Exported CSV: one row per trade.
    const exported = await h.call('allocation:exportPlan', { feeBps: 25 });
    expect(exported.path).not.toBeNull();
    expect(exported.path!.startsWith(join(h.dataDir, 'exports'))).toBe(true);
    const csv = Papa.parse<Record<string, string>>(readFileSync(exported.path!, 'utf8'), { header: true });
    expect(csv.data).toHaveLength(plan.trades.length);
    expect(csv.data.map((r) => r['asset'])).toEqual(plan.trades.map((t) => t.asset));

    // A draft passed with the request wins over the saved targets.
    const growth = TARGET_PRESETS.find((p) => p.id === 'growth')!.targetSet;
    const draft = await h.call('allocation:plan', { feeBps: 0, targets: growth });
    for (const row of draft.after.drift) {
      expect(row.actual).toBeCloseTo(growth.targets[row.key]?.target ?? 0, 6);
    }
    expect(draft.totalFees).toBe(0);

    const cleared = await h.call('allocation:setTargets', { targets: null });
    expect(cleared.drift).toBeNull();
    expect(byRule(cleared.findings, 'target-drift')).toEqual([]);
  });

  it('does not export an empty plan', async () => {
    const h = await start();
    const a = computeAllocation(inputs(h));
    // Targets equal to the current asset weights: nothing to trade.
    const targets: Record<string, { target: number }> = {};
    for (const s of a.breakdown.byAsset) targets[s.key] = { target: s.share };
    const sum = Object.values(targets).reduce((s, t) => s + t.target, 0);
    const first = Object.keys(targets)[0]!;
    targets[first]!.target += 1 - sum;
    const err = await h.fail('allocation:exportPlan', { feeBps: 10, targets: { dimension: 'asset', targets } });
    expect(err.code).toBe('nothing-to-export');
    expect(existsSync(join(h.dataDir, 'exports')) ? readdirSync(join(h.dataDir, 'exports')) : []).toEqual([]);
  });
});

describe('notifyNewFindings', () => {
  it('notifies each new warning once, across restarts, and again when one comes back', async () => {
    const h = await start();
    const findings = computeAllocation(inputs(h)).findings;
    const loud = findings.filter((f) => f.severity !== 'info');
    expect(loud.length).toBeGreaterThan(0);

    const first = h.services.context.findings.notifyNew(findings);
    expect(first.map(findingKey).sort()).toEqual(loud.map(findingKey).sort());
    expect(h.notifications).toHaveLength(loud.length);
    expect(h.notifications.map((n) => n.body).sort()).toEqual(loud.map((f) => f.message).sort());
    // Info findings never notify.
    const info = findings.find((f) => f.severity === 'info');
    if (info) expect(h.notifications.map((n) => n.body)).not.toContain(info.message);

    expect(h.services.context.findings.notifyNew(findings)).toEqual([]);
    expect(h.notifications).toHaveLength(loud.length);

    // A new finding notifies; the others do not.
    const extra: Finding = {
      ruleId: 'single-asset-max',
      severity: 'warning',
      title: 'XYZ above 25.0%',
      message: 'XYZ is 30.0% of your portfolio (limit 25.0%).',
      why: 'test',
      numbers: { share: 0.3 },
      subject: 'XYZ',
    };
    expect(h.services.context.findings.notifyNew([...findings, extra])).toEqual([extra]);
    expect(h.notifications.at(-1)!.body).toBe(extra.message);
    const count = h.notifications.length;

    // After a restart (same data folder) nothing is repeated.
    await h.stop();
    const again = await start(h.dataDir);
    expect(again.services.context.findings.notifyNew([...findings, extra])).toEqual([]);
    expect(again.notifications).toEqual([]);

    // Gone, then back: notifies again. Escalation to critical notifies too.
    again.services.context.findings.notifyNew(findings);
    expect(again.services.context.findings.notifyNew([...findings, extra])).toEqual([extra]);
    const critical = { ...extra, severity: 'critical' as const };
    expect(again.services.context.findings.notifyNew([...findings, critical])).toEqual([critical]);
    expect(again.notifications.map((n) => n.title)).toEqual([`Warning: ${extra.title}`, `Critical: ${extra.title}`]);
    expect(h.notifications).toHaveLength(count);
  });

  it('respects the desktop-notification setting without forgetting what is active', async () => {
    const h = await start();
    await h.call('settings:update', { desktopNotifications: false });
    const findings = computeAllocation(inputs(h)).findings;
    const fresh = h.services.context.findings.notifyNew(findings);
    expect(fresh.length).toBeGreaterThan(0);
    expect(h.notifications).toEqual([]);
    await h.call('settings:update', { desktopNotifications: true });
    expect(h.services.context.findings.notifyNew(findings)).toEqual([]);
    expect(h.notifications).toEqual([]);
  });

  it('sums up a burst of new findings in one extra notification', async () => {
    const h = await start();
    const many: Finding[] = Array.from({ length: 8 }, (_, i) => ({
      ruleId: 'single-asset-max',
      severity: 'warning',
      title: `A${i}`,
      message: `m${i}`,
      why: '',
      numbers: {},
      subject: `A${i}`,
    }));
    expect(h.services.context.findings.notifyNew(many)).toHaveLength(8);
    expect(h.notifications).toHaveLength(5);
    expect(h.notifications.at(-1)!.title).toMatch(/^4 more/);
  });
});
