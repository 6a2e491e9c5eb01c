/**
 * The headline numbers of a run as cards: return, CAGR, volatility, Sharpe, drawdown (with its
 * dates), turnover, costs and the benchmarks' returns. Called by RunCard.tsx.
 */
import type { SimulationResult } from '../../../../shared/indexlab';
import { StatCard } from '../../components/StatCard';
import { date, money, pct } from '../../lib/format';
import { fmtNum, signedPct } from './lab-format';

export function MetricCards({ result, base }: { result: SimulationResult; base: string }) {
  const m = result.metrics;
  const btc = result.benchmarks.btc?.metrics;
  const hold = result.benchmarks.hold.metrics;
  return (
    <div className="cards il-metrics" data-testid="metrics">
      <StatCard
        testId="metric-total-return"
        label="Total return"
        value={signedPct(m.totalReturn)}
        hint={`${money(result.initialValue, base, 0)} → ${money(result.finalValue, base, 0)}`}
      />
      <StatCard testId="metric-cagr" label="CAGR" value={signedPct(m.cagr)} hint={`${m.days} days`} />
      <StatCard testId="metric-volatility" label="Volatility" value={pct(m.volatility)} hint="annualised" />
      <StatCard testId="metric-sharpe" label="Sharpe" value={fmtNum(m.sharpe)} hint={`Sortino ${fmtNum(m.sortino)}`} />
      <StatCard
        testId="metric-max-drawdown"
        label="Max drawdown"
        value={m.maxDrawdown > 0 ? `−${pct(m.maxDrawdown)}` : pct(0)}
        hint={
          m.maxDrawdownPeak !== null && m.maxDrawdownTrough !== null
            ? `${date(m.maxDrawdownPeak)} → ${date(m.maxDrawdownTrough)}${m.maxDrawdownRecovery ? `, recovered ${date(m.maxDrawdownRecovery)}` : ', not recovered'}`
            : 'none'
        }
      />
      <StatCard
        testId="metric-turnover"
        label="Turnover"
        value={pct(m.turnover, 0)}
        hint={`${pct(m.annualTurnover, 0)} a year · ${m.rebalances} rebalances`}
      />
      <StatCard
        testId="metric-fees"
        label="Fees paid"
        value={money(m.costsPaid, base)}
        hint={`fees ${money(m.feesPaid, base)} + slippage ${money(m.slippagePaid, base)}`}
      />
      <StatCard
        testId="metric-benchmarks"
        label="Benchmarks"
        value={
          <span className="il-bench">
            {btc ? `${result.benchmarks.btc?.label}: ${signedPct(btc.totalReturn)}` : 'no benchmark data'}
          </span>
        }
        hint={`Held without rebalancing: ${signedPct(hold.totalReturn)}`}
      />
    </div>
  );
}
