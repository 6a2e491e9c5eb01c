/**
 * Shared setup for the allocation-rule tests: a rule context from asset values at one fixed time, and
 * small ways to run one rule directly or through the engine. Used by allocation-rules.test.ts and
 * key-rules.test.ts.
 */
import {
  breakdown,
  evaluateRules,
  type Finding,
  type Rule,
  type RuleContext,
  type RuleSettingsBase,
} from '../../../shared/allocation';
import type { AccountMeta } from '../../../shared/domain/keys';
import { CATALOG, account as accountAt, portfolio, position } from './fixtures';

export const NOW = Date.UTC(2025, 5, 1, 12);
export const HOUR = 3_600_000;

export type Holding = [custodyId: string, asset: string, value: number];
/** Context from asset values (all at one custody) or explicit [custody, asset, value] rows. */
export function ctx(holdings: Record<string, number> | Holding[], extra: Partial<RuleContext> = {}): RuleContext {
  const rows: Holding[] = Array.isArray(holdings)
    ? holdings
    : Object.entries(holdings).map(([a, v]) => ['krk', a, v] as Holding);
  const p = portfolio(
    rows.map(([custodyId, a, v]) => position(custodyId, a, v, 1)),
    { asOf: NOW },
  );
  return { now: NOW, portfolio: p, breakdown: breakdown(p, CATALOG), ...extra };
}

export const EMPTY = ctx({});

export function severities(findings: Finding[]): string[] {
  return findings.map((f) => `${f.subject ?? ''}:${f.severity}`);
}

/** Runs one rule directly with its default settings, changed by `s`. */
export function runRule<S extends RuleSettingsBase>(rule: Rule<string, S>) {
  return (c: RuleContext, s: Partial<S> = {}): Finding[] => rule.evaluate(c, { ...rule.defaults, ...s });
}

/** Run one rule through the engine with only that rule's settings changed. */
export function viaEngine(c: RuleContext, ruleId: string, settings: Record<string, unknown>): Finding[] {
  return evaluateRules(c, { [ruleId]: settings }).filter((f) => f.ruleId === ruleId);
}

/** An exchange account as the fixtures make it, at NOW. */
export const account = (over: Partial<AccountMeta> = {}): AccountMeta => accountAt(NOW, over);
