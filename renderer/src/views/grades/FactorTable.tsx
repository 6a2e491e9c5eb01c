/**
 * One grade of a token, factor by factor: each factor's measured value, its 0-100 score as a bar
 * and its weight; or, without enough history, how many daily candles are missing. Used by
 * GradeDetail for the Trader and the Investor Grade.
 */
import { gradeBand, type GradeResult } from '../../../../shared/grades';
import { pct } from '../../lib/format';
import { arrows, factorValue, scoreWidth } from './grade-labels';

export function FactorTable(props: { title: string; kind: 'trader' | 'investor'; result: GradeResult }) {
  const r = props.result;
  return (
    <section className="panel" aria-labelledby={`factors-${props.kind}-title`}>
      <div className="toolbar">
        <h2 id={`factors-${props.kind}-title`}>{props.title}</h2>
        {r.grade === null ? (
          <span className="grade-pill none">insufficient history</span>
        ) : (
          <span className={`grade-pill big ${gradeBand(r.grade)}`} data-testid={`detail-${props.kind}-grade`}>
            {Math.round(r.grade)}
          </span>
        )}
      </div>
      {r.grade === null ? (
        <p className="muted" data-testid={`factors-${props.kind}`}>
          Insufficient history: {r.haveDays} of the {r.needDays} daily candles this grade needs.
        </p>
      ) : (
        <table className="table factor-table" data-testid={`factors-${props.kind}`}>
          <thead>
            <tr>
              <th>Factor</th>
              <th className="num">Value</th>
              <th>Score</th>
              <th className="num">Weight</th>
            </tr>
          </thead>
          <tbody>
            {r.factors.map((f) => (
              <tr key={f.id} className="factor-row">
                <td>
                  <strong>{f.label}</strong>
                  <div className="muted small">{arrows(f.explanation)}</div>
                </td>
                <td className="num">{factorValue(f.id, f.raw)}</td>
                <td className="score-cell">
                  {f.score === null ? (
                    <span className="muted">–</span>
                  ) : (
                    <>
                      <span className="score-bar" aria-hidden="true">
                        <span className={gradeBand(f.score)} style={{ width: scoreWidth(f.score) }} />
                      </span>
                      <span className="score-num">{Math.round(f.score)}</span>
                    </>
                  )}
                </td>
                <td className="num">{pct(f.weight, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
