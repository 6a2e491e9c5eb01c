/**
 * The outcome of "my portfolio, rebalanced": the rebalanced and held end values, their difference
 * and the period as cards; both curves and the benchmark as a chart; their metrics as a table; the
 * targets used and any warnings. Called by MyPortfolio.tsx.
 */
import { useMemo } from 'react';
import { Line } from 'react-chartjs-2';
import { DAY_MS } from '../../../../shared/domain/types';
import type { MyPortfolioResult, PerformanceMetrics } from '../../../../shared/indexlab';
import { ChartFrame } from '../../components/ChartFrame';
import { StatCard } from '../../components/StatCard';
import { color } from '../../lib/charts';
import { date, money, pct } from '../../lib/format';
import { lineOptions, xy } from './charts';
import { fmtNum, signedPct, topWeights } from './lab-format';
import { Notes } from './Notes';

export function MyPortfolioOutcome({ my, base }: { my: MyPortfolioResult; base: string }) {
  const chart = useMemo(
    () => ({
      datasets: [
        {
          label: `Rebalanced ${my.result.spec.rebalance.cadence}`,
          data: xy(my.rebalanced.equity),
          borderColor: color(0),
          backgroundColor: color(0),
        },
        { label: 'Held unchanged', data: xy(my.held.equity), borderColor: color(2), backgroundColor: color(2) },
        ...(my.btc
          ? [
              {
                label: my.btc.label,
                data: xy(my.btc.equity),
                borderColor: color(1),
                backgroundColor: color(1),
                borderDash: [5, 4],
              },
            ]
          : []),
      ],
    }),
    [my],
  );
  const options = useMemo(() => lineOptions((v) => money(v, base, 0)), [base]);
  const rows: Array<{ label: string; m: PerformanceMetrics }> = [
    { label: 'Rebalanced', m: my.rebalanced.metrics },
    { label: 'Held unchanged', m: my.held.metrics },
    ...(my.btc ? [{ label: my.btc.label, m: my.btc.metrics }] : []),
  ];

  return (
    <div className="stack" data-testid="my-result">
      <div className="cards">
        <StatCard
          testId="my-rebalanced"
          label={`Rebalanced ${my.result.spec.rebalance.cadence}`}
          value={money(my.rebalanced.metrics.endValue, base, 0)}
          hint={`${signedPct(my.rebalanced.metrics.totalReturn)} · ${my.rebalanced.metrics.rebalances} rebalances · costs ${money(my.rebalanced.metrics.costsPaid, base, 0)}`}
        />
        <StatCard
          testId="my-held"
          label="Held unchanged"
          value={money(my.held.metrics.endValue, base, 0)}
          hint={signedPct(my.held.metrics.totalReturn)}
        />
        <StatCard
          testId="my-difference"
          label="Difference"
          value={
            <span
              className={my.difference >= 0 ? 'ok-text' : 'error-text'}
            >{`${my.difference >= 0 ? '+' : '−'}${money(Math.abs(my.difference), base, 0)}`}</span>
          }
          hint={my.difference >= 0 ? 'Rebalancing did better' : 'Holding did better'}
        />
        <StatCard
          testId="my-period"
          label="Period"
          value={`${Math.round((my.end - my.start) / DAY_MS)} days`}
          hint={`${date(my.start)} to ${date(my.end)}, from ${money(my.startValue, base, 0)}`}
        />
      </div>
      <ChartFrame label="Your portfolio rebalanced versus held unchanged, and the benchmark" testId="chart-my" tall>
        <Line data={chart} options={options} />
      </ChartFrame>
      <div className="il-table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Portfolio</th>
              <th scope="col" className="num">
                Total return
              </th>
              <th scope="col" className="num">
                CAGR
              </th>
              <th scope="col" className="num">
                Volatility
              </th>
              <th scope="col" className="num">
                Sharpe
              </th>
              <th scope="col" className="num">
                Max drawdown
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td className="num">{signedPct(r.m.totalReturn)}</td>
                <td className="num">{signedPct(r.m.cagr)}</td>
                <td className="num">{pct(r.m.volatility)}</td>
                <td className="num">{fmtNum(r.m.sharpe)}</td>
                <td className="num">−{pct(r.m.maxDrawdown)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">Targets: {topWeights(my.targets, 8)}</p>
      <Notes title="Warnings" items={my.warnings} />
    </div>
  );
}
