/**
 * The headline numbers of a run as cards: return, CAGR, volatility, Sharpe, drawdown (with its
 * dates), turnover, costs and the benchmarks' returns. `Metric` is one card, also used by
 * MyPortfolio. Called by RunCard.tsx.
 */
import type { ReactNode } from 'react';
import type { SimulationResult } from '../../../../shared/indexlab';
import { date, money, pct } from '../../lib/format';
import { fmtNum, signedPct } from './lab-format';

export function Metric(props: { label: string; value: ReactNode; sub?: ReactNode; testId: string }) {
  return (
    <div className="card" data-testid={props.testId}>
      <div className="card-label">{props.label}</div>
      <div className="card-value">{props.value}</div>
      {props.sub && <div className="muted small">{props.sub}</div>}
    </div>
  );
}

export function MetricCards({ result, base }: { result: SimulationResult; base: string }) {
  const m = result.metrics;
  const btc = result.benchmarks.btc?.metrics;
  const hold = result.benchmarks.hold.metrics;
  return (
    <div className="cards il-metrics" data-testid="metrics">
      <Metric
        testId="metric-total-return"
        label="Total return"
        value={signedPct(m.totalReturn)}
        sub={`${money(result.initialValue, base, 0)} → ${money(result.finalValue, base, 0)}`}
      />
      <Metric testId="metric-cagr" label="CAGR" value={signedPct(m.cagr)} sub={`${m.days} days`} />
      <Metric testId="metric-volatility" label="Volatility" value={pct(m.volatility)} sub="annualised" />
      <Metric testId="metric-sharpe" label="Sharpe" value={fmtNum(m.sharpe)} sub={`Sortino ${fmtNum(m.sortino)}`} />
      <Metric
        testId="metric-max-drawdown"
        label="Max drawdown"
        value={m.maxDrawdown > 0 ? `−${pct(m.maxDrawdown)}` : pct(0)}
        sub={
          m.maxDrawdownPeak !== null && m.maxDrawdownTrough !== null
            ? `${date(m.maxDrawdownPeak)} → ${date(m.maxDrawdownTrough)}${m.maxDrawdownRecovery ? `, recovered ${date(m.maxDrawdownRecovery)}` : ', not recovered'}`
            : 'none'
        }
      />
      <Metric
        testId="metric-turnover"
        label="Turnover"
        value={pct(m.turnover, 0)}
        sub={`${pct(m.annualTurnover, 0)} a year · ${m.rebalances} rebalances`}
      />
      <Metric
        testId="metric-fees"
        label="Fees paid"
        value={money(m.costsPaid, base)}
        sub={`fees ${money(m.feesPaid, base)} + slippage ${money(m.slippagePaid, base)}`}
      />
      <Metric
        testId="metric-benchmarks"
        label="Benchmarks"
        value={
          <span className="il-bench">
            {btc ? `${result.benchmarks.btc?.label}: ${signedPct(btc.totalReturn)}` : 'no benchmark data'}
          </span>
        }
        sub={`Held without rebalancing: ${signedPct(hold.totalReturn)}`}
      />
    </div>
  );
}
