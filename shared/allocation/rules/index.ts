/**
 * The allocation-rules engine: a registry of small rules, settings validation and evaluation.
 */
import { ACCOUNT_RULES } from './account-rules';
import { ALLOCATION_RULES } from './allocation-rules';
import { SEVERITY_RANK, type Finding, type Rule, type RuleContext, type RuleSettingsBase } from './types';

export * from './types';
export * from './allocation-rules';
export * from './account-rules';

/** Every rule, in display order. */
export const RULES = [...ALLOCATION_RULES, ...ACCOUNT_RULES] as const;

export type AnyRule = (typeof RULES)[number];
export type RuleId = AnyRule['id'];
/** Settings type of one rule. */
export type RuleSettingsOf<Id extends RuleId> = Extract<AnyRule, { id: Id }>['defaults'];
/** Complete settings of every rule. */
export type RuleSettings = { [Id in RuleId]: RuleSettingsOf<Id> };
/** The user's changes: any subset of rules, any subset of each rule's settings. */
export type RuleSettingsInput = { [Id in RuleId]?: Partial<RuleSettingsOf<Id>> };
/** What the settings store holds (validated here, so loosely typed). */
export type RawRuleSettings = Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;

/** ruleId used for findings about the engine itself (invalid settings, a failing rule). */
export const ENGINE_RULE_ID = 'rule-engine';

const RULE_BY_ID = new Map<string, Rule>(RULES.map((r) => [r.id, r as unknown as Rule]));

export function ruleById(id: string): Rule | undefined {
  return RULE_BY_ID.get(id);
}

/** Default settings of every rule (fresh copies), for the Settings UI and docs. */
export function defaultRuleSettings(): RuleSettings {
  const out: Record<string, unknown> = {};
  for (const r of RULES) out[r.id] = structuredClone(r.defaults);
  return out as RuleSettings;
}

export interface RuleSettingsIssue {
  ruleId: string;
  /** Setting name (dotted path), or '' for the rule as a whole. */
  path: string;
  message: string;
}

export interface RuleSettingsValidation {
  ok: boolean;
  /** Merged settings; a rule with invalid settings falls back to its defaults. */
  settings: RuleSettings;
  issues: RuleSettingsIssue[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Merge the user's settings over the defaults and validate every rule.
 * Never throws: problems come back as issues (unknown rule, unknown setting, value out of range).
 */
export function validateRuleSettings(
  input: RuleSettingsInput | RawRuleSettings | null | undefined,
): RuleSettingsValidation {
  const settings = defaultRuleSettings() as Record<string, RuleSettingsBase>;
  const issues: RuleSettingsIssue[] = [];
  const raw: Record<string, unknown> = isPlainObject(input) ? input : {};
  for (const id of Object.keys(raw)) {
    if (!RULE_BY_ID.has(id)) issues.push({ ruleId: id, path: '', message: `unknown rule "${id}"` });
  }
  for (const rule of RULE_BY_ID.values()) {
    const patch = raw[rule.id];
    if (patch === undefined) continue;
    if (!isPlainObject(patch)) {
      issues.push({ ruleId: rule.id, path: '', message: 'settings must be an object' });
      continue;
    }
    const merged = { ...structuredClone(rule.defaults), ...patch };
    const r = rule.schema.safeParse(merged);
    if (r.success) {
      settings[rule.id] = r.data;
    } else {
      for (const i of r.error.issues) {
        issues.push({ ruleId: rule.id, path: i.path.map(String).join('.'), message: i.message });
      }
    }
  }
  return { ok: issues.length === 0, settings: settings as RuleSettings, issues };
}

export function formatIssue(i: RuleSettingsIssue): string {
  return i.path ? `${i.ruleId}.${i.path}: ${i.message}` : `${i.ruleId}: ${i.message}`;
}

const RULE_ORDER = new Map<string, number>(RULES.map((r, i) => [r.id, i]));

/** Most severe first, then registry order, then subject. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (RULE_ORDER.get(a.ruleId) ?? -1) - (RULE_ORDER.get(b.ruleId) ?? -1) ||
    (a.subject ?? '').localeCompare(b.subject ?? '')
  );
}

/**
 * Run every enabled rule against the context.
 * Settings are merged with defaults and validated; a rule with invalid settings runs with its
 * defaults and a `rule-engine` finding (subject = the rule id) explains the problem. A rule that
 * throws is reported the same way instead of crashing the evaluation.
 * Findings come back sorted by severity (critical first).
 */
export function evaluateRules(ctx: RuleContext, input: RuleSettingsInput | RawRuleSettings | null = {}): Finding[] {
  const { settings, issues } = validateRuleSettings(input);
  const findings: Finding[] = [];
  const byRule = new Map<string, RuleSettingsIssue[]>();
  for (const i of issues) byRule.set(i.ruleId, [...(byRule.get(i.ruleId) ?? []), i]);
  for (const [ruleId, list] of byRule) {
    const known = RULE_BY_ID.has(ruleId);
    findings.push({
      ruleId: ENGINE_RULE_ID,
      severity: known ? 'warning' : 'info',
      title: known ? `Invalid settings for "${ruleId}"` : `Settings for unknown rule "${ruleId}"`,
      message: list.map(formatIssue).join('; '),
      why: known
        ? 'The rule ran with its default thresholds until its settings are corrected in Settings.'
        : 'These settings belong to no rule and are ignored.',
      numbers: { issues: list.length },
      subject: ruleId,
    });
  }
  const all = settings as Record<string, RuleSettingsBase>;
  for (const rule of RULE_BY_ID.values()) {
    const s = all[rule.id];
    if (!s || !s.enabled) continue;
    try {
      findings.push(...rule.evaluate(ctx, s));
    } catch (e) {
      findings.push({
        ruleId: ENGINE_RULE_ID,
        severity: 'warning',
        title: `Rule "${rule.id}" failed`,
        message: e instanceof Error ? e.message : String(e),
        why: 'This check could not run, so a problem it watches for may go unnoticed.',
        numbers: {},
        subject: rule.id,
      });
    }
  }
  return findings.sort(compareFindings);
}
