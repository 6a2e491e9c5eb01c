/**
 * One page of the activity log as a table: time, account, event, endpoint or details, HTTP status,
 * duration and result. Redacted values are counted, never shown.
 */
import type { ActivityRow } from '../../../../shared/ipc/channels/activity';
import { dateTime } from '../../lib/format';
import { accountText, detailText, durationText, kindLabel } from './activity';

export function ActivityTable(props: {
  entries: ActivityRow[];
  loading: boolean;
  /** Account labels by id. */
  labels: ReadonlyMap<string, string>;
  /** The one row shown when there are no entries. */
  empty: string;
}) {
  return (
    <table className="table activity-table" data-testid="activity-table" aria-busy={props.loading}>
      <thead>
        <tr>
          <th>Time</th>
          <th>Account</th>
          <th>Event</th>
          <th>Endpoint / details</th>
          <th className="num">Status</th>
          <th className="num">Duration</th>
          <th>Result</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.length === 0 ? (
          <tr>
            <td colSpan={7} className="muted">
              {props.empty}
            </td>
          </tr>
        ) : (
          props.entries.map((r) => (
            <tr key={r.seq} data-kind={r.kind}>
              <td className="nowrap">{dateTime(r.at)}</td>
              <td>
                {accountText(r, props.labels)}
                {r.exchange && <div className="muted small">{r.exchange}</div>}
              </td>
              <td>{kindLabel(r.kind)}</td>
              <td className="activity-detail">
                {r.endpoint ? (
                  <span className="mono">
                    {r.method} {r.endpoint}
                  </span>
                ) : (
                  <span className="small">{detailText(r)}</span>
                )}
                {r.redacted > 0 && <span className="tag info small"> {r.redacted} value(s) redacted</span>}
              </td>
              <td className="num">{r.status ?? ''}</td>
              <td className="num">{durationText(r.durationMs)}</td>
              <td>
                {r.ok === true && <span className="tag ok">OK</span>}
                {r.ok === false && <span className="tag crit">{r.errorClass ?? 'Failed'}</span>}
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
