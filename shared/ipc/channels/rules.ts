/**
 * IPC channels of the allocation rules' settings (see shared/ipc/contract.ts): what each rule checks,
 * its defaults and the settings in effect, as the Settings UI edits them (docs/RULES.md).
 */
import { z } from 'zod';
import { channel } from '../define';
import { boundedRecord } from '../../schema';
import { RuleSettingValueSchema } from '../../settings';
import type { RuleCategory } from '../../allocation/rules/types';

/** Value of one rule setting: a switch, a number (shares as fractions 0..1) or a list of sectors. */
export type RuleValue = boolean | number | string[];

/** How the Settings UI edits one setting of a rule. */
export interface RuleFieldView {
  key: string;
  label: string;
  /** share: a fraction edited as a percentage; number: a plain number; sectors: a list of sectors. */
  kind: 'share' | 'number' | 'boolean' | 'sectors';
  /** Unit shown next to the input ('%', 'days', 'hours', 'points', '×'). */
  unit: string;
  /** Bounds in the unit shown (a share's bounds are 0..100). */
  min?: number;
  max?: number;
  step?: number;
}

/** A rule as the Settings UI shows it: what it checks, its defaults and the settings in effect. */
export interface RuleView {
  id: string;
  title: string;
  description: string;
  category: RuleCategory;
  defaults: Record<string, RuleValue>;
  /** Settings in effect (defaults, general settings that feed the rule, then the user's changes). */
  settings: Record<string, RuleValue>;
  /** True when the settings in effect differ from the defaults (a reset would change something). */
  customised: boolean;
  /** Problems with the stored settings (the rule then runs with its defaults). */
  issues: string[];
  fields: RuleFieldView[];
  /** The general setting this rule's threshold is stored in, if any (e.g. keyRotationDays). */
  linkedSetting?: { setting: 'keyRotationDays' | 'keyUnusedDays'; key: string };
}

const ruleValueInput = RuleSettingValueSchema;

export const rulesChannels = {
  /** Changes some settings of one rule (merged over what is stored); answers with every rule. */
  'rules:update': channel<RuleView[]>()(
    z.strictObject({
      ruleId: z.string().min(1).max(80),
      settings: boundedRecord(z.record(z.string().min(1).max(80), ruleValueInput), 20, 'settings'),
    }),
  ),
  /** Restores the defaults of one rule, or of every rule without ruleId. */
  'rules:reset': channel<RuleView[]>()(z.strictObject({ ruleId: z.string().min(1).max(80).optional() })),
};
