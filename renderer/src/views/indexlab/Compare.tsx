/**
 * The pinned runs side by side: a table of COMPARE_ROWS with the best value of each row highlighted
 * (and spoken as "(best)"), a remove button per run, and their equity curves rebased to 100.
 * Called by IndexLabView.tsx.
 */
import { useMemo } from 'react';
import { Line } from 'react-chartjs-2';
import { ChartFrame } from '../../components/ChartFrame';
import { color } from '../../lib/charts';
import { lineOptions, xy } from './charts';
import { COMPARE_ROWS, bestValue } from './compare-rows';
import { fmtNum } from './lab-format';
import { MAX_PINNED, lab, pinnedRuns } from './lab-store';
import { useLab } from './use-lab';

export function Compare() {
  const { runs, pinned } = useLab();
  const list = useMemo(() => pinnedRuns(runs, pinned), [runs, pinned]);
  const data = useMemo(
    () => ({
      datasets: list.map((run, i) => ({
        label: run.label,
        data: xy(run.result.equity, 100 / run.result.initialValue),
        borderColor: color(i),
        backgroundColor: color(i),
      })),
    }),
    [list],
  );
  const options = useMemo(() => lineOptions((v) => fmtNum(v, 0)), []);
  return (
    <section className="panel stack" aria-labelledby="il-compare-title" data-testid="compare">
      <div className="toolbar">
        <h2 id="il-compare-title">Compare runs</h2>
        <span className="muted small">
          {list.length} of {MAX_PINNED} pinned
        </span>
      </div>
      {list.length === 0 ? (
        <p className="muted">Pin a run (up to {MAX_PINNED}) to compare it side by side with others.</p>
      ) : (
        <>
          <div className="il-table-scroll">
            <table className="table il-compare" data-testid="compare-table">
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  {list.map((run, i) => (
                    <th scope="col" key={run.id} className="num">
                      <span className="il-swatch" style={{ background: color(i) }} aria-hidden="true" />
                      {run.label}
                      <button
                        type="button"
                        className="link il-remove"
                        aria-label={`Remove ${run.label} from the comparison`}
                        onClick={() => lab.unpin(run.id)}
                      >
                        ✕
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {COMPARE_ROWS.map((row) => {
                  const vals = list.map((run) => row.get(run.result));
                  const best = bestValue(row.better, vals);
                  return (
                    <tr key={row.key}>
                      <th scope="row">{row.label}</th>
                      {vals.map((v, i) => {
                        const isBest = best !== null && v === best;
                        return (
                          <td key={list[i]!.id} className={`num${isBest ? ' il-best' : ''}`}>
                            {row.fmt(v)}
                            {isBest && <span className="sr-only"> (best)</span>}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <ChartFrame label="Equity of the pinned runs, each rebased to 100 at its start" testId="chart-compare" tall>
            <Line data={data} options={options} />
          </ChartFrame>
        </>
      )}
    </section>
  );
}
