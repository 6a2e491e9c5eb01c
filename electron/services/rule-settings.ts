/**
 * Rule settings as the Settings UI edits them: the fields of each rule, the settings in effect, and the
 * settings changes that `rules:update` and `rules:reset` save. Thresholds stored as general settings
 * (key age, unused keys) are folded in both ways, so the two places always agree (docs/RULES.md).
 *
 * Used by the rules handlers (electron/services/handlers/rules.ts) and by computeAllocation.
 */
import {
  RULES,
  ruleById,
  validateRuleSettings,
  type RawRuleSettings,
  type Rule,
  type RuleSettingsIssue,
} from '../../shared/allocation';
import type { RuleFieldView, RuleValue, RuleView } from '../../shared/ipc/channels/rules';
import type { RuleSettingValue, Settings, SettingsPatch } from '../../shared/settings';
import { AppError } from './errors';

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
    const { id, title, description, category } = rule;
    return {
      id,
      title,
      description,
      category,
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
export function ruleUpdatePatch(
  settings: Settings,
  ruleId: string,
  patch: Record<string, RuleSettingValue>,
): SettingsPatch {
  const rule = knownRule(ruleId);
  const link = linkOf(ruleId);
  const next: Record<string, RuleSettingValue> = { ...settings.rules[ruleId], ...patch };
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
