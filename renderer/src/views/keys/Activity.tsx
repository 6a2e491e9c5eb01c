/**
 * The activity panel: the chain check, call volume over the last days, and the log's entries by
 * page, filtered by account, kind, endpoint text and errors. Reloads when `version` changes (after
 * any change to a key) and when main announces new entries ('activity:appended', at most about once a
 * second), so calls made by a sync show without reloading the page. Part of KeysView.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { AccountView } from '../../../../shared/ipc/channels/accounts';
import { call, onEvent } from '../../lib/api';
import { ErrorText } from '../../components/ErrorText';
import { CheckboxField, Field, SelectField } from '../../components/Field';
import { useAsync } from '../../lib/useApi';
import {
  activityQuery,
  dailyQuery,
  emptyText,
  KIND_FILTERS,
  NO_ACTIVITY_FILTERS,
  pageInfo,
  type ActivityFilters,
} from './activity';
import { ActivityChart } from './ActivityChart';
import { ActivityTable } from './ActivityTable';
import { ChainStatus } from './ChainStatus';

export function Activity(props: { accounts: AccountView[]; version: number }) {
  const id = useId();
  const [filters, setFilters] = useState<ActivityFilters>(NO_ACTIVITY_FILTERS);
  const [page, setPage] = useState(0);
  const { accountId, kind, errorsOnly, search } = filters;
  // The log's head as main last announced it: new entries reload the chart and the page (the chain check
  // stays on "Check again" and key changes: it reads the whole log).
  const [head, setHead] = useState(0);
  useEffect(() => onEvent('activity:appended', (e) => setHead(e.seq)), []);
  const version = `${props.version}:${head}`;

  const daily = useAsync(() => call('activity:daily', dailyQuery(accountId)), [accountId, version]);
  const rows = useAsync(
    () => call('activity:query', activityQuery(filters, page)),
    [accountId, kind, errorsOnly, search, page, version],
  );

  const labels = useMemo(() => new Map(props.accounts.map((a) => [a.id, a.label])), [props.accounts]);
  const accountOptions = useMemo(
    () => [
      { value: '', label: 'All accounts' },
      ...props.accounts.map((a) => ({ value: a.id, label: `${a.label} (${a.exchangeName})` })),
    ],
    [props.accounts],
  );
  /** A filter change starts again from the newest page. */
  const filter = <K extends keyof ActivityFilters>(key: K, value: ActivityFilters[K]) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setPage(0);
  };
  const pager = pageInfo(rows.data?.total ?? 0, page);

  return (
    <section className="panel activity" aria-labelledby={`${id}-title`} data-testid="activity">
      <div className="toolbar">
        <h2 id={`${id}-title`}>Activity</h2>
        <ChainStatus version={props.version} />
      </div>
      <p className="muted small">
        Every call Ballast makes to an exchange and every change to your keys, kept on this computer only. Calls made
        while checking a new key show as “Key check”.
      </p>

      {daily.error ? (
        <ErrorText error={daily.error} />
      ) : daily.data ? (
        <ActivityChart days={daily.data} />
      ) : (
        <p className="muted">Loading…</p>
      )}

      <div className="row activity-filters" role="group" aria-label="Filter the activity">
        <SelectField
          id={`${id}-account`}
          label="Account"
          value={accountId}
          options={accountOptions}
          onChange={(v) => filter('accountId', v)}
        />
        <SelectField
          id={`${id}-kind`}
          label="Kind"
          value={kind}
          options={KIND_FILTERS}
          onChange={(v) => filter('kind', v)}
        />
        <Field id={`${id}-search`} label="Endpoint contains">
          <input
            id={`${id}-search`}
            type="search"
            value={search}
            maxLength={200}
            placeholder="e.g. balance"
            onChange={(e) => filter('search', e.target.value)}
          />
        </Field>
        <CheckboxField id={`${id}-errors`} checked={errorsOnly} onChange={(v) => filter('errorsOnly', v)}>
          <span>Errors only</span>
        </CheckboxField>
      </div>

      <ErrorText error={rows.error} />
      <ActivityTable
        entries={rows.data?.entries ?? []}
        loading={rows.loading}
        labels={labels}
        empty={emptyText(rows.loading, filters)}
      />
      <div className="row pager" role="navigation" aria-label="Activity pages">
        <button type="button" disabled={!pager.hasNewer} onClick={() => setPage((p) => Math.max(0, p - 1))}>
          ← Newer
        </button>
        <span className="muted" data-testid="activity-range">
          {pager.text}
        </span>
        <button type="button" disabled={!pager.hasOlder} onClick={() => setPage((p) => p + 1)}>
          Older →
        </button>
      </div>
    </section>
  );
}
