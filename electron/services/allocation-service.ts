/**
 * Allocation service: the diversification breakdown, rule findings, drift and rebalance plans of the
 * portfolio the app shows, plus rule-settings editing and new-finding notifications.
 *
 * Everything is computed by the pure domain in shared/allocation; this module only gathers the
 * inputs (portfolio, catalog, settings and, when available, grades and account metadata), applies
 * the settings rules described in docs/RULES.md and turns domain errors into AppErrors.
 */
import {
  RULES,
  SEVERITY_RANK,
  breakdown,
  drift,
  evaluateRules,
  findingKey,
  rebalancePlan,
  ruleById,
  validateRuleSettings,
  validateTargetSet,
  type AssetCatalog,
  type Finding,
  type Grades,
  type RawRuleSettings,
  type RebalancePlan,
  type Rule,
  type RuleSettingsIssue,
  type Severity,
  type TargetSet,
} from '../../shared/allocation';
import type { AccountMeta, AccountSyncState } from '../../shared/domain/keys';
import type { Portfolio, PriceHistory } from '../../shared/domain/types';
import type { AllocationView, RuleFieldView, RuleValue, RuleView } from '../../shared/ipc/channels/allocation';
import type { Settings, SettingsPatch } from '../../shared/settings';
import type { ServiceContext } from './context';
import { AppError } from './errors';
import type { JsonStore } from './store';
import { currentGrades } from './grades-service';
import { syncServiceOf } from './sync';

// ---------------------------------------------------------------------------------------------
// Rule settings

/**
 * Rule thresholds that are stored as general settings. The general value feeds the rule (it is the
 * rule's default); a value stored under settings.rules[ruleId] by hand still wins. Edits through
 * 'rules:update' and 'rules:reset' write the general setting, so both places always agree.
 */
export const LINKED_RULE_SETTINGS = {
  'key-age': { setting: 'keyRotationDays', key: 'rotationDays' },
  'key-unused': { setting: 'keyUnusedDays', key: 'unusedDays' },
} as const satisfies Record<string, { setting: keyof Settings; key: string }>;

type LinkedRuleId = keyof typeof LINKED_RULE_SETTINGS;

function linkOf(ruleId: string): (typeof LINKED_RULE_SETTINGS)[LinkedRuleId] | undefined {
  return Object.prototype.hasOwnProperty.call(LINKED_RULE_SETTINGS, ruleId)
    ? LINKED_RULE_SETTINGS[ruleId as LinkedRuleId]
    : undefined;
}

/** The rule settings the engine evaluates: the stored ones with the linked general settings folded in. */
export function ruleInput(settings: Pick<Settings, 'rules' | 'keyRotationDays' | 'keyUnusedDays'>): RawRuleSettings {
  const out: Record<string, Record<string, unknown>> = { ...settings.rules };
  for (const [ruleId, link] of Object.entries(LINKED_RULE_SETTINGS)) {
    out[ruleId] = { [link.key]: settings[link.setting], ...settings.rules[ruleId] };
  }
  return out;
}

const FIELD_LABELS: Record<string, string> = {
  maxShare: 'Warn above',
  minShare: 'Warn below',
  btcMaxShare: 'BTC: warn above',
  btcCriticalShare: 'BTC: critical above',
  excludeStablecoins: 'Leave stablecoins out',
  excludeSectors: 'Sectors not checked',
  includeManual: 'Count manual wallets',
  band: 'Tolerated drift (±)',
  criticalFactor: 'Critical beyond band ×',
  gradeBelow: 'Both grades below',
  rotationDays: 'Rotate after',
  unusedDays: 'Flag after',
  maxAgeHours: 'Warn after',
  criticalAgeHours: 'Critical after',
};

function fieldLabel(rule: Rule, key: string): string {
  const hasMin = Object.prototype.hasOwnProperty.call(rule.defaults, 'minShare');
  if (key === 'criticalShare') return hasMin ? 'Critical below' : 'Critical above';
  if (key === 'minShare' && !Object.prototype.hasOwnProperty.call(rule.defaults, 'criticalShare')) return 'Note below';
  return FIELD_LABELS[key] ?? key;
}

/** How the Settings UI edits each setting of a rule (derived from the rule's defaults). */
export function ruleFields(rule: Rule): RuleFieldView[] {
  const fields: RuleFieldView[] = [];
  for (const [key, value] of Object.entries(rule.defaults)) {
    if (key === 'enabled') continue;
    const label = fieldLabel(rule, key);
    if (typeof value === 'boolean') fields.push({ key, label, kind: 'boolean', unit: '' });
    else if (Array.isArray(value)) fields.push({ key, label, kind: 'sectors', unit: '' });
    else if (/Share$/.test(key) || key === 'band') {
      fields.push({ key, label, kind: 'share', unit: '%', min: 0, max: 100, step: 0.5 });
    } else if (/Days$/.test(key)) fields.push({ key, label, kind: 'number', unit: 'days', min: 1, max: 3650, step: 1 });
    else if (/Hours$/.test(key)) {
      fields.push({ key, label, kind: 'number', unit: 'hours', min: 1, max: 24 * 365, step: 1 });
    } else if (key === 'gradeBelow')
      fields.push({ key, label, kind: 'number', unit: 'points', min: 0, max: 100, step: 1 });
    else if (key === 'criticalFactor')
      fields.push({ key, label, kind: 'number', unit: '×', min: 1, max: 100, step: 0.5 });
    else fields.push({ key, label, kind: 'number', unit: '' });
  }
  return fields;
}

function defaultsOf(rule: Rule): Record<string, unknown> {
  return rule.defaults as unknown as Record<string, unknown>;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A readable issue: setting names replaced by the labels the Settings UI shows. */
function describeIssue(rule: Rule, issue: RuleSettingsIssue): string {
  let message = issue.message;
  for (const key of Object.keys(rule.defaults)) {
    message = message.replace(new RegExp(`\\b${key}\\b`, 'g'), `"${fieldLabel(rule, key)}"`);
  }
  const field = issue.path.split('.')[0] ?? '';
  const isShare = /Share$/.test(field) || field === 'band';
  if (isShare) {
    message = message.replace(/expected number to be <=1$/, 'must be at most 100%');
    message = message.replace(/expected number to be >=0$/, 'must be at least 0%');
  }
  return field ? `${fieldLabel(rule, field)}: ${message}` : message;
}

/** Every rule with its defaults, the settings in effect and the problems of its stored settings. */
export function ruleViews(settings: Settings): RuleView[] {
  const validation = validateRuleSettings(ruleInput(settings));
  const effective = validation.settings as unknown as Record<string, Record<string, RuleValue>>;
  return RULES.map((r) => {
    const rule = r as unknown as Rule;
    const defaults = structuredClone(rule.defaults) as unknown as Record<string, RuleValue>;
    const current = effective[rule.id] ?? defaults;
    const link = linkOf(rule.id);
    return {
      id: rule.id,
      title: rule.title,
      description: rule.description,
      category: rule.category,
      defaults,
      settings: current,
      customised: Object.keys(defaults).some((k) => !sameValue(defaults[k], current[k])),
      issues: validation.issues.filter((i) => i.ruleId === rule.id).map((i) => describeIssue(rule, i)),
      fields: ruleFields(rule),
      ...(link ? { linkedSetting: { setting: link.setting, key: link.key } } : {}),
    };
  });
}

function knownRule(ruleId: string): Rule {
  const rule = ruleById(ruleId);
  if (!rule) throw new AppError('unknown-rule', `There is no rule "${ruleId}".`);
  return rule;
}

/**
 * The settings change that applies `patch` to one rule. The patch is merged over the stored
 * settings of the rule, validated as the engine will see it, and values equal to the defaults are
 * dropped. Throws AppError('invalid-rule-settings') with one detail per problem: nothing is saved.
 */
export function ruleUpdatePatch(settings: Settings, ruleId: string, patch: Record<string, unknown>): SettingsPatch {
  const rule = knownRule(ruleId);
  const link = linkOf(ruleId);
  const next: Record<string, unknown> = { ...settings.rules[ruleId], ...patch };
  const out: SettingsPatch = {};
  if (link && Object.prototype.hasOwnProperty.call(patch, link.key)) {
    // Stored as the general setting; a copy under rules would shadow it.
    delete next[link.key];
    out[link.setting] = patch[link.key] as number;
  }
  for (const [k, v] of Object.entries(next)) {
    if (Object.prototype.hasOwnProperty.call(rule.defaults, k) && sameValue(v, defaultsOf(rule)[k])) {
      delete next[k];
    }
  }
  const rules: Settings['rules'] = { ...settings.rules };
  if (Object.keys(next).length > 0) rules[ruleId] = next;
  else delete rules[ruleId];
  out.rules = rules;

  const candidate = { ...settings, ...out } as Settings;
  const issues = validateRuleSettings(ruleInput(candidate)).issues.filter((i) => i.ruleId === ruleId);
  if (issues.length > 0) {
    throw new AppError(
      'invalid-rule-settings',
      `The settings of "${rule.title}" are not valid; nothing was saved.`,
      issues.map((i) => describeIssue(rule, i)),
    );
  }
  return out;
}

/** The settings change that restores the defaults of one rule (or of every rule). */
export function ruleResetPatch(settings: Settings, ruleId?: string): SettingsPatch {
  if (ruleId === undefined) {
    const out: SettingsPatch = { rules: {} };
    for (const [id, link] of Object.entries(LINKED_RULE_SETTINGS)) {
      out[link.setting] = defaultsOf(knownRule(id))[link.key] as number;
    }
    return out;
  }
  const rule = knownRule(ruleId);
  const rules: Settings['rules'] = { ...settings.rules };
  delete rules[ruleId];
  const out: SettingsPatch = { rules };
  const link = linkOf(ruleId);
  if (link) out[link.setting] = defaultsOf(rule)[link.key] as number;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Breakdown, findings and drift

export interface AllocationInputs {
  portfolio: Portfolio;
  /** True when the portfolio is the bundled sample. */
  sample?: boolean;
  catalog: AssetCatalog;
  /** Tier thresholds, overrides, targets and rule settings are read from here. */
  settings: Settings;
  /** Evaluation time (ms since epoch) for the key and sync rules. */
  now: number;
  /** Trader/Investor grades by symbol; without them the low-grade rule is skipped. */
  grades?: Grades | null;
  /** Exchange-account metadata, for the key rules (none: no key findings). */
  accounts?: AccountMeta[];
  /** Sync health per account, for the account-stale rule. */
  syncStates?: AccountSyncState[];
}

/**
 * Breakdown, findings, drift and rules of a portfolio. Pure apart from reading its inputs: the
 * caller gathers the portfolio and settings, and plugs in grades and account metadata when it has
 * them. Linear in the number of positions, so it is recomputed on every request.
 */
export function computeAllocation(inputs: AllocationInputs): AllocationView {
  const { settings, portfolio } = inputs;
  const b = breakdown(portfolio, inputs.catalog, {
    thresholds: settings.tierThresholds,
    overrides: settings.overrides,
  });
  const raw = ruleInput(settings);
  const effective = validateRuleSettings(raw).settings;
  const targets = (settings.targets ?? null) as TargetSet | null;
  const band = targets?.band ?? effective['target-drift'].band;
  const findings = evaluateRules(
    {
      now: inputs.now,
      breakdown: b,
      portfolio,
      targets,
      grades: inputs.grades ?? null,
      ...(inputs.accounts ? { accounts: inputs.accounts } : {}),
      ...(inputs.syncStates ? { syncStates: inputs.syncStates } : {}),
    },
    raw,
  );
  return {
    sample: inputs.sample ?? false,
    breakdown: b,
    findings,
    drift: targets ? drift(b, { ...targets, band }) : null,
    targets,
    band,
    rules: ruleViews(settings),
  };
}

/** Validates a target set from a request; AppError('invalid-targets') lists every problem. */
export function checkTargets(input: unknown): TargetSet {
  const v = validateTargetSet(input);
  if (!v.ok) throw new AppError('invalid-targets', 'These targets are not valid; nothing was saved.', v.errors);
  return v.value;
}

/** Last close of every asset in a price history: prices for buying assets not held yet. */
export function latestPrices(history: PriceHistory): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [symbol, candles] of Object.entries(history)) {
    const last = candles.at(-1);
    if (last && Number.isFinite(last.c) && last.c > 0) out[symbol] = last.c;
  }
  return out;
}

/**
 * Rebalance plan toward `targets` (default: the saved targets) with a fee in basis points.
 * `prices` prices assets the plan may buy but the portfolio does not hold.
 */
export function planAllocation(
  inputs: Pick<AllocationInputs, 'portfolio' | 'catalog' | 'settings'>,
  request: { targets?: unknown; feeBps: number },
  prices?: Record<string, number>,
): RebalancePlan {
  const { settings } = inputs;
  const raw = request.targets ?? settings.targets;
  if (!raw) {
    throw new AppError('no-targets', 'Set target weights first: choose a preset or enter your own.');
  }
  const set = checkTargets(raw);
  const band = set.band ?? validateRuleSettings(ruleInput(settings)).settings['target-drift'].band;
  try {
    return rebalancePlan(
      inputs.portfolio,
      inputs.catalog,
      { ...set, band },
      {
        feeBps: request.feeBps,
        thresholds: settings.tierThresholds,
        overrides: settings.overrides,
        ...(prices ? { prices } : {}),
      },
    );
  } catch (err) {
    throw new AppError('plan-failed', err instanceof Error ? err.message : 'The plan could not be computed.');
  }
}

// ---------------------------------------------------------------------------------------------
// Notifications

/** At most this many desktop notifications per call; the rest are summed up in one more. */
export const MAX_NOTIFICATIONS = 5;

type NotifiedFile = { active: Record<string, Severity> };
export type NotifierContext = Pick<ServiceContext, 'storeFactory' | 'dataDir' | 'settings' | 'notify'>;

const notifiedStores = new WeakMap<NotifierContext, JsonStore<NotifiedFile>>();

function notifiedStore(ctx: NotifierContext): JsonStore<NotifiedFile> {
  let store = notifiedStores.get(ctx);
  if (!store) {
    store = ctx.storeFactory<NotifiedFile>({
      name: 'notified-findings',
      cwd: ctx.dataDir,
      defaults: { active: {} },
    }).store;
    notifiedStores.set(ctx, store);
  }
  return store;
}

function readActive(store: JsonStore<NotifiedFile>): Map<string, Severity> {
  const raw: unknown = store.get('active');
  const out = new Map<string, Severity>();
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [k, v] of Object.entries(raw)) {
      if (v === 'warning' || v === 'critical' || v === 'info') out.set(k, v);
    }
  }
  return out;
}

/**
 * Sends a desktop notification for each new warning or critical finding (when the user allows
 * desktop notifications) and returns those findings.
 *
 * "New" is by findingKey (rule and subject): the keys of the findings notified and still present are
 * kept in the 'notified-findings' store, so the same finding is not repeated on every sync or after a
 * restart. A finding that disappears is forgotten, so it notifies again if it comes back; one that
 * escalates from warning to critical notifies again. Info findings never notify.
 */
export function notifyNewFindings(ctx: NotifierContext, findings: readonly Finding[]): Finding[] {
  const store = notifiedStore(ctx);
  const before = readActive(store);
  const current = new Map<string, Finding>();
  for (const f of findings) {
    if (f.severity === 'info') continue;
    const key = findingKey(f);
    const seen = current.get(key);
    if (!seen || SEVERITY_RANK[f.severity] > SEVERITY_RANK[seen.severity]) current.set(key, f);
  }
  const fresh: Finding[] = [];
  for (const [key, f] of current) {
    const was = before.get(key);
    if (was === undefined || SEVERITY_RANK[f.severity] > SEVERITY_RANK[was]) fresh.push(f);
  }
  store.set('active', Object.fromEntries([...current].map(([k, f]) => [k, f.severity])));

  if (fresh.length > 0 && ctx.settings.get().desktopNotifications) {
    const shown = fresh.slice(0, fresh.length > MAX_NOTIFICATIONS ? MAX_NOTIFICATIONS - 1 : MAX_NOTIFICATIONS);
    for (const f of shown) {
      ctx.notify(`${f.severity === 'critical' ? 'Critical' : 'Warning'}: ${f.title}`, f.message);
    }
    const rest = fresh.length - shown.length;
    if (rest > 0) {
      ctx.notify(`${rest} more new warnings`, 'Open Warnings in Ballast to see them all.');
    }
  }
  return fresh;
}

/**
 * Everything the allocation rules look at, gathered from the running services: the portfolio, the
 * catalog, settings, grades (low-grade exposure), key metadata and sync states (key and staleness rules).
 */
export function allocationInputs(ctx: ServiceContext): AllocationInputs {
  const view = ctx.portfolio();
  return {
    portfolio: view.portfolio,
    sample: view.sample,
    catalog: ctx.catalog(),
    settings: ctx.settings.get(),
    now: ctx.now(),
    grades: currentGrades(ctx),
    accounts: ctx.accounts.list(),
    syncStates: syncServiceOf(ctx)?.engine.states() ?? [],
  };
}
