/**
 * Network: every outgoing request recorded in the activity log (exchanges, market data, catalog,
 * wallets) with time, host, purpose, method, path, status, bytes and duration — what leaves this
 * computer, when, and to whom. Filters by host and purpose (the `activity:query` host/purpose filters),
 * totals per host per day, and what each purpose tells the other side. Reads the last 500 requests.
 */
import { useMemo, useState } from 'react';
import '../market-data/market-data.css';
import { API_PURPOSES, type ApiPurpose } from '../../../../shared/domain/activity';
import { SelectField } from '../../components/Field';
import { call } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { useAsync } from '../../lib/useApi';
import { bytesText } from '../market-data/coverage-rows';
import { hostDayTotals, hostsOf, PURPOSE_TEXT, purposeLabel } from './network';

const LIMIT = 500;

export function NetworkView() {
  const [host, setHost] = useState('');
  const [purpose, setPurpose] = useState<ApiPurpose | ''>('');
  const all = useAsync(() => call('activity:query', { kind: 'api-call', limit: LIMIT, offset: 0 }), []);
  const shown = useAsync(
    () =>
      call('activity:query', {
        kind: 'api-call',
        limit: LIMIT,
        offset: 0,
        ...(host ? { host } : {}),
        ...(purpose ? { purpose } : {}),
      }),
    [host, purpose],
  );
  const rows = useMemo(() => all.data?.entries ?? [], [all.data]);
  const hosts = useMemo(() => hostsOf(rows), [rows]);
  const totals = useMemo(() => hostDayTotals(shown.data?.entries ?? []), [shown.data]);
  const entries = shown.data?.entries ?? [];
  return (
    <div className="stack network-view">
      <section className="panel stack" aria-labelledby="net-title">
        <h2 id="net-title">What leaves this computer</h2>
        <p className="small">
          Every request Ballast sends, from the activity log: to whom, why and how much. Nothing else goes out.
        </p>
        <div className="toolbar">
          <SelectField
            id="net-host"
            label="Host"
            value={host}
            onChange={setHost}
            options={[{ value: '', label: 'All hosts' }, ...hosts.map((h) => ({ value: h, label: h }))]}
          />
          <SelectField
            id="net-purpose"
            label="Purpose"
            value={purpose}
            onChange={(v) => setPurpose(v as ApiPurpose | '')}
            options={[
              { value: '', label: 'All purposes' },
              ...API_PURPOSES.map((p) => ({ value: p, label: PURPOSE_TEXT[p].label })),
            ]}
          />
        </div>
        {shown.error && (
          <p className="error-text" role="alert">
            {shown.error}
          </p>
        )}
        <table className="table small" data-testid="net-totals">
          <caption className="muted">Per host per day (UTC)</caption>
          <thead>
            <tr>
              <th>Day</th>
              <th>Host</th>
              <th>Purposes</th>
              <th className="num">Requests</th>
              <th className="num">Failed</th>
              <th className="num">Sent</th>
              <th className="num">Received</th>
            </tr>
          </thead>
          <tbody>
            {totals.length === 0 ? (
              <tr>
                <td colSpan={7} className="muted">
                  No request recorded.
                </td>
              </tr>
            ) : (
              totals.map((t) => (
                <tr key={`${t.day} ${t.host}`} data-testid="net-total-row">
                  <td className="nowrap">{t.day}</td>
                  <td>{t.host}</td>
                  <td>{t.purposes.join(', ')}</td>
                  <td className="num">{t.requests}</td>
                  <td className="num">{t.failed}</td>
                  <td className="num">{bytesText(t.bytesOut)}</td>
                  <td className="num">{bytesText(t.bytesIn)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </section>
      <section className="panel stack" aria-labelledby="net-requests-title">
        <h2 id="net-requests-title">
          Requests ({entries.length}
          {shown.data && shown.data.total > entries.length ? ` of ${shown.data.total}` : ''})
        </h2>
        <div className="md-scroll" tabIndex={0} role="region" aria-label="Requests, scrollable">
          <table className="table small" data-testid="net-requests">
            <thead>
              <tr>
                <th>Time</th>
                <th>Host</th>
                <th>Purpose</th>
                <th>Request</th>
                <th className="num">Status</th>
                <th className="num">Sent / received</th>
                <th className="num">Duration</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((r) => (
                <tr key={r.seq} data-testid="net-row">
                  <td className="nowrap">{dateTime(r.at)}</td>
                  <td>{r.host ?? r.exchange ?? ''}</td>
                  <td>{purposeLabel(r.purpose)}</td>
                  <td className="mono">
                    {r.method} {r.endpoint}
                  </td>
                  <td className="num">{r.status ?? (r.ok === false ? 'no answer' : '')}</td>
                  <td className="num nowrap">
                    {bytesText(r.bytesOut ?? 0)} / {r.bytesIn === undefined ? '—' : bytesText(r.bytesIn)}
                  </td>
                  <td className="num">{r.durationMs === null ? '' : `${r.durationMs} ms`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="panel stack" aria-labelledby="net-purposes-title">
        <h2 id="net-purposes-title">What each purpose reveals</h2>
        <dl className="small" data-testid="net-purposes">
          {API_PURPOSES.map((p) => (
            <div key={p}>
              <dt>
                <strong>{PURPOSE_TEXT[p].label}</strong>
              </dt>
              <dd>{PURPOSE_TEXT[p].reveals}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
