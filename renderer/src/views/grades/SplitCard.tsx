/**
 * "Portfolio split by grade": the portfolio's value in high-Trader-Grade, high-Investor-Grade,
 * neither and ungraded tokens, as a bar against the user's target and as a table, with its
 * reading and the target editor. The numbers come from `grades:list` (shared/grades
 * `portfolioGradeSplit`); the rows and bars from split.ts.
 */
import { useState } from 'react';
import type { GradeSplit } from '../../../../shared/grades';
import { money, pct } from '../../lib/format';
import {
  actualLabel,
  actualParts,
  rowNote,
  splitRows,
  targetLabel,
  targetParts,
  visibleParts,
  type BarPart,
} from './split';
import { SplitEditor } from './SplitEditor';

function SplitBar(props: { parts: BarPart[]; label: string; testId: string }) {
  return (
    <div className="split-bar" role="img" aria-label={props.label} data-testid={props.testId}>
      {visibleParts(props.parts).map((p) => (
        <span key={p.key} className={p.className} style={{ width: `${p.share * 100}%` }} title={p.title} />
      ))}
    </div>
  );
}

export function SplitCard(props: { split: GradeSplit; base: string }) {
  const { split } = props;
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const rows = splitRows(split);

  return (
    <section className="panel split-card" aria-labelledby="grades-split-title" data-testid="grade-split">
      <h2 id="grades-split-title">Portfolio split by grade</h2>
      <div className="split-bars">
        <span className="muted small">Now</span>
        <SplitBar testId="split-actual" label={actualLabel(rows)} parts={actualParts(rows)} />
        <span className="muted small">Target</span>
        <SplitBar testId="split-target" label={targetLabel(split.target)} parts={targetParts(split.target)} />
      </div>
      <table className="split-table">
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-testid={`split-${r.key}`}>
              <th scope="row">
                <span className={`swatch ${r.className}`} aria-hidden="true" /> {r.label}
              </th>
              <td className="num">{pct(r.bucket.share)}</td>
              <td className="num muted">{money(r.bucket.value, props.base, 0)}</td>
              <td className="muted small">
                {r.target !== null ? <span data-testid={`split-target-${r.key}`}>{rowNote(r)}</span> : rowNote(r)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Tokens strong on both grades count as long holds (Investor). Change the target to match how much you mean to
        keep in short-term trades.
      </p>
      <p className="split-reading" data-testid="split-reading">
        {split.reading}
      </p>
      {editing ? (
        <SplitEditor
          target={split.target}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="actions">
          <button
            type="button"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
            data-testid="split-edit"
          >
            Change target
          </button>
          {saved && (
            <span className="ok-text small" role="status">
              Target saved.
            </span>
          )}
        </div>
      )}
    </section>
  );
}
