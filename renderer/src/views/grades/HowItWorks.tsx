/**
 * "How grades work": what the two grades read, the thresholds and history they need, and every
 * factor with its weight, raw value and scale, as the engine defines them (`grades:list`).
 */
import type { FactorInfo, GradesList } from '../../../../shared/ipc/channels/grades';
import { pct } from '../../lib/format';
import { arrows } from './grade-labels';

function FactorList(props: { title: string; factors: FactorInfo[] }) {
  return (
    <div>
      <h3>{props.title}</h3>
      <table className="table factor-defs">
        <thead>
          <tr>
            <th>Factor</th>
            <th className="num">Weight</th>
            <th>Raw value</th>
            <th>Scale (raw → score)</th>
          </tr>
        </thead>
        <tbody>
          {props.factors.map((f) => (
            <tr key={f.id}>
              <td>
                <strong>{f.label}</strong>
                <div className="muted small">{f.rationale}</div>
              </td>
              <td className="num">{pct(f.weight, 0)}</td>
              <td className="small">{f.rawMeaning}</td>
              <td className="small">{arrows(f.scale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function HowItWorks({ list }: { list: GradesList }) {
  return (
    <details className="panel how-it-works" data-testid="grades-how">
      <summary>
        <h2>How grades work</h2>
      </summary>
      <div className="stack">
        <p>
          Each token gets two scores from 0 to 100, computed on this computer from daily prices, volume and market cap.
          The <strong>Trader Grade</strong> reads short-term relative strength (recent gains, nearness to the recent
          high, calm rather than wild moves); the <strong>Investor Grade</strong> reads resilience (low volatility,
          shallow falls, size, liquidity, age). On real history, strong Investor Grades were followed by calmer prices
          and far fewer collapses, not by higher returns; the Trader Grade&apos;s edge was small. See “How have the
          grades done?” above. A grade of {list.thresholds.strong} or more is{' '}
          <span className="grade-pill strong">strong</span>, below {list.thresholds.weak} is{' '}
          <span className="grade-pill weak">weak</span>, in between <span className="grade-pill neutral">neutral</span>.
        </p>
        <p>
          Every factor turns one measured value into a 0-100 score along the scale shown, and a grade is the weighted
          average of its factors. The scales and weights were fitted on 2016-2019 history only. A Trader Grade needs{' '}
          {list.minDays.trader} days of history, an Investor Grade {list.minDays.investor}; with less, the grade is
          shown as insufficient history, never guessed. A factor without data (for example an unknown market cap) is
          left out and its weight shared among the others.
        </p>
        <div className="stack">
          <FactorList title="Trader Grade" factors={list.factors.trader} />
          <FactorList title="Investor Grade" factors={list.factors.investor} />
        </div>
        <p className="muted small">
          Not investment advice. Grades summarise past price behaviour only: no fundamentals, on-chain data, news or
          token unlocks. Stablecoins are graded like any token and their grades mean little.
        </p>
      </div>
    </details>
  );
}
