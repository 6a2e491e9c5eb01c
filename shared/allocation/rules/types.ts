/**
 * Types and small helpers shared by the allocation rules.
 */
import type { z } from 'zod';
import type { AccountMeta, AccountSyncState } from '../../domain/keys';
import type { Portfolio } from '../../domain/types';
import type { Breakdown } from '../breakdown';
import type { TargetSet } from '../targets';

export type Severity = 'info' | 'warning' | 'critical';
export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];
/** Higher = more severe. */
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Short headline, e.g. "Small caps above 20%". */
  title: string;
  /** What was found, with the figures, e.g. "Small caps are 27.0% of your portfolio (limit 20.0%)." */
  message: string;
  /** Why it matters, in one or two plain sentences. */
  why: string;
  /** The figures behind the finding (shares as fractions 0..1, values in the base currency, days...). */
  numbers: Record<string, number>;
  /** The asset, sector, custody/platform or account the finding concerns. */
  subject?: string;
}

/** Stable identity of a finding, used to avoid repeating the same notification. */
export function findingKey(f: Pick<Finding, 'ruleId' | 'subject'>): string {
  return `${f.ruleId}:${f.subject ?? ''}`;
}

export type Grades = Record<string, { trader: number | null; investor: number | null }>;

export interface RuleContext {
  /** Evaluation time, ms since epoch. */
  now: number;
  breakdown: Breakdown;
  portfolio: Portfolio;
  targets?: TargetSet | null;
  grades?: Grades | null;
  accounts?: AccountMeta[];
  syncStates?: AccountSyncState[];
}

export interface RuleSettingsBase {
  enabled: boolean;
}

export type RuleCategory = 'allocation' | 'keys' | 'sync';

export interface Rule<Id extends string = string, S extends RuleSettingsBase = RuleSettingsBase> {
  id: Id;
  title: string;
  /** What the rule checks, for the Settings UI and docs. */
  description: string;
  category: RuleCategory;
  defaults: S;
  /** Validates a full settings object (defaults merged with the user's changes). */
  schema: z.ZodType<S>;
  evaluate(ctx: RuleContext, settings: S): Finding[];
}

/** Identity helper that keeps the rule's literal id and settings type. */
export function defineRule<const Id extends string, S extends RuleSettingsBase>(rule: Rule<Id, S>): Rule<Id, S> {
  return rule;
}

/** Comparison tolerance so that a share exactly at a threshold never triggers. */
export const EPS = 1e-9;

export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** Severity for "value above a limit": null at or below maxShare, critical above criticalShare. */
export function severityAbove(value: number, maxShare: number, criticalShare: number): Severity | null {
  if (!(value > maxShare + EPS)) return null;
  return value > criticalShare + EPS ? 'critical' : 'warning';
}

/** Severity for "value below a floor": null at or above minShare, critical below criticalShare. */
export function severityBelow(value: number, minShare: number, criticalShare: number): Severity | null {
  if (!(value < minShare - EPS)) return null;
  return value < criticalShare - EPS ? 'critical' : 'warning';
}

/** The findings of a rule that checks each item on its own: `check` gives one finding or null. */
export function findingsOf<T>(items: Iterable<T>, check: (item: T) => Finding | null): Finding[] {
  const out: Finding[] = [];
  for (const item of items) {
    const f = check(item);
    if (f) out.push(f);
  }
  return out;
}

/** Allocation rules say nothing about a portfolio without priced value. */
export function hasValue(ctx: RuleContext): boolean {
  return ctx.breakdown.total > 0;
}
