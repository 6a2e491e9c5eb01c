/**
 * The words a user sees for a field named in a validation error: "Large cap from" instead of
 * "tierThresholds.largeMinUsd", "Start date" instead of "startDate". One helper for every message built
 * from a schema's issues (settings, targets, IPC requests). Pure; unknown paths fall back to their last
 * name written as words.
 */

/** Labels of the fields users edit, by path (dots between segments; list indexes left out). */
const LABELS: Readonly<Record<string, string>> = {
  baseCurrency: 'Base currency',
  dustThreshold: 'Hide balances worth less than',
  tierThresholds: 'Market-cap tiers',
  'tierThresholds.largeMinUsd': 'Large cap from',
  'tierThresholds.midMinUsd': 'Mid cap from',
  syncIntervalMinutes: 'Sync every',
  keyRotationDays: 'Rotate keys after',
  keyUnusedDays: 'Flag keys unused for',
  activityRetentionDays: 'Keep activity for',
  rules: 'Rules',
  overrides: 'Asset overrides',
  targets: 'Targets',
  dimension: 'Target dimension',
  feeBps: 'Fee',
  startDate: 'Start date',
  endDate: 'End date',
  label: 'Name',
  apiKey: 'API key',
  secret: 'Secret',
  password: 'Passphrase',
};

/** "startDate" -> "Start date", "min_share" -> "Min share". */
function words(name: string): string {
  const spaced = name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** The label of the field at `path`: the longest known path it starts with, else its last name as words. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const names = path.filter((p): p is string => typeof p === 'string');
  for (let n = names.length; n > 0; n--) {
    const label = LABELS[names.slice(0, n).join('.')];
    if (label) return label;
  }
  const last = names.at(-1);
  return last ? words(last) : '';
}

/** One line for a validation issue: "Large cap from: must be at least 0", or the message alone without a path. */
export function issueLine(issue: { path: readonly PropertyKey[]; message: string }): string {
  const label = fieldLabel(issue.path);
  return label ? `${label}: ${issue.message}` : issue.message;
}
