/**
 * The activity panel's logic: the filters and the page they ask `activity:query` and
 * `activity:daily` for, the names of the entry kinds, and the texts of the table and the pager.
 *
 * Pure (no React, no DOM). Used by Activity, ActivityFilters and ActivityTable; tested by
 * test/unit/keys-view-activity.test.ts.
 */
import { ACTIVITY_KINDS } from '../../../../shared/domain/activity';
import type { ActivityKindFilter, ActivityRow } from '../../../../shared/ipc/channels/activity';

export const PAGE_SIZE = 25;
/** Days of call volume in the chart. */
export const CHART_DAYS = 30;

type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const KIND_LABELS: Readonly<Record<ActivityKind, string>> = {
  'api-call': 'API call',
  'key-added': 'Key added',
  'key-verified': 'Key verified',
  'key-rotated': 'Key rotated',
  'key-revoked': 'Key revoked',
  'key-renamed': 'Renamed',
  'key-refused': 'Key refused',
  'account-disabled': 'Disabled',
  'account-enabled': 'Enabled',
  'account-removed': 'Account removed',
  'permission-flagged': 'Permission flagged',
};

/** The "Kind" choices: everything, the two groups, then each lifecycle kind. */
export const KIND_FILTERS: readonly { value: ActivityKindFilter | ''; label: string }[] = [
  { value: '', label: 'Everything' },
  { value: 'api-call', label: 'API calls' },
  { value: 'lifecycle', label: 'Key & account events' },
  ...ACTIVITY_KINDS.filter((k) => k !== 'api-call').map((k) => ({ value: k, label: `— ${KIND_LABELS[k]}` })),
];

export interface ActivityFilters {
  /** '' is every account. */
  accountId: string;
  /** '' is every kind. */
  kind: ActivityKindFilter | '';
  errorsOnly: boolean;
  /** Text searched in the endpoint; blank is no search. */
  search: string;
}

export const NO_ACTIVITY_FILTERS: ActivityFilters = { accountId: '', kind: '', errorsOnly: false, search: '' };

/** The `activity:query` request of one page: only the filters that are set. */
export function activityQuery(f: ActivityFilters, page: number) {
  const search = f.search.trim();
  return {
    ...(f.accountId ? { accountId: f.accountId } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.errorsOnly ? { errorsOnly: f.errorsOnly } : {}),
    ...(search ? { search } : {}),
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
  };
}

/** The `activity:daily` request of the chart: one account's calls, or every account's. */
export function dailyQuery(accountId: string) {
  return { days: CHART_DAYS, ...(accountId ? { accountId } : {}) };
}

export function hasFilters(f: ActivityFilters): boolean {
  return Boolean(f.accountId || f.kind || f.errorsOnly || f.search);
}

/** The one row of an empty table. */
export function emptyText(loading: boolean, f: ActivityFilters): string {
  if (loading) return 'Loading…';
  return hasFilters(f)
    ? 'No activity matches these filters.'
    : 'No activity yet. Add an exchange account to see its calls here.';
}

/** The pager: "26–50 of 60", and whether there are newer or older pages. */
export function pageInfo(total: number, page: number): { text: string; hasNewer: boolean; hasOlder: boolean } {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const from = page * PAGE_SIZE + 1;
  const to = Math.min(total, (page + 1) * PAGE_SIZE);
  return {
    text: total === 0 ? 'No entries' : `${from}–${to} of ${total}`,
    hasNewer: page > 0,
    hasOlder: page + 1 < pages,
  };
}

export function kindLabel(kind: string): string {
  return (KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

/** Whose entry it is: the account's label, "Key check" for a key checked before it was stored. */
export function accountText(r: ActivityRow, labels: ReadonlyMap<string, string>): string {
  if (r.accountId) return labels.get(r.accountId) ?? 'Removed account';
  return r.kind === 'api-call' ? 'Key check' : '—';
}

function words(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A lifecycle entry's details: "new label: Main · old label: Binance". */
export function detailText(r: ActivityRow): string {
  return Object.entries(r.detail)
    .map(([k, v]) => `${words(k)}: ${String(v)}`)
    .join(' · ');
}

export function durationText(ms: number | null): string {
  return ms !== null ? `${Math.round(ms)} ms` : '';
}
