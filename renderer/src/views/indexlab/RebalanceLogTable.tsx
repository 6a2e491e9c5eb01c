/**
 * A run's rebalance log, collapsed, LOG_PAGE rows a page: date, reason (risk-off and the initial
 * purchase tagged), value before, turnover, costs, cash, largest targets and number of trades.
 * Called by RunCard.tsx.
 */
import { useState } from 'react';
import type { RebalanceLog } from '../../../../shared/indexlab';
import { money, pct } from '../../lib/format';
import { topWeights } from './lab-format';

const LOG_PAGE = 12;

export function RebalanceLogTable({ log, base }: { log: RebalanceLog[]; base: string }) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(log.length / LOG_PAGE));
  const p = Math.min(page, pages - 1);
  const rows = log.slice(p * LOG_PAGE, (p + 1) * LOG_PAGE);
  return (
    <details className="il-log" data-testid="rebalance-log">
      <summary>Rebalance log ({log.length})</summary>
      <table className="table">
        <thead>
          <tr>
            <th>Date</th>
            <th>Reason</th>
            <th className="num">Value before</th>
            <th className="num">Turnover</th>
            <th className="num">Costs</th>
            <th className="num">Cash</th>
            <th>Largest targets</th>
            <th className="num">Trades</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.t}>
              <td>{r.date}</td>
              <td>
                <span className={`tag ${r.riskOff ? 'warn' : r.reason === 'initial' ? 'info' : ''}`}>{r.reason}</span>
                {r.catalogCaps && (
                  <span
                    className="tag warn"
                    title={`Ranked or weighted by today's market cap: ${r.catalogCaps.join(', ')}`}
                  >
                    hindsight
                  </span>
                )}
                {r.notes.length > 0 && <div className="muted small">{r.notes.join('; ')}</div>}
              </td>
              <td className="num">{money(r.valueBefore, base, 0)}</td>
              <td className="num">{pct(r.turnover, 1)}</td>
              <td className="num">{money(r.fees + r.slippage, base)}</td>
              <td className="num">{pct(r.cash, 0)}</td>
              <td className="small">{topWeights(r.weights)}</td>
              <td className="num">{r.trades.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row il-pager">
        <button type="button" onClick={() => setPage(p - 1)} disabled={p === 0} aria-label="Previous page of the log">
          ‹ Previous
        </button>
        <span className="small muted" aria-live="polite">
          Page {p + 1} of {pages}
        </span>
        <button
          type="button"
          onClick={() => setPage(p + 1)}
          disabled={p >= pages - 1}
          aria-label="Next page of the log"
        >
          Next ›
        </button>
      </div>
    </details>
  );
}
