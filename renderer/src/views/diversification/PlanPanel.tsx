/**
 * The rebalance plan toward the targets on screen: the fee per trade, the reminder that Ballast never
 * places orders, the totals, the trades and notes (PlanTrades), and the CSV export through main.
 */
import { useState } from 'react';
import type { TargetSet } from '../../../../shared/allocation/targets';
import { Field } from '../../components/Field';
import { StatCard } from '../../components/StatCard';
import { StatusText, type StatusNote } from '../../components/StatusText';
import { UnitNumberInput } from '../../components/UnitNumberInput';
import { call, errorText } from '../../lib/api';
import { useLive } from '../../lib/useApi';
import { exportMessage, FEE_BPS_MAX, FEE_BPS_MIN, feeIsValid, planCards } from './plan-summary';
import { PlanTrades } from './PlanTrades';

export function PlanPanel(props: { targets: TargetSet; base: string }) {
  const [feeBps, setFeeBps] = useState(10);
  const [exportStatus, setExportStatus] = useState<StatusNote | null>(null);
  const key = JSON.stringify(props.targets);
  const feeOk = feeIsValid(feeBps);
  const plan = useLive(
    () => (feeOk ? call('allocation:plan', { targets: props.targets, feeBps }) : Promise.resolve(null)),
    [key, feeBps, feeOk],
  );
  const p = plan.data;

  const exportCsv = async () => {
    setExportStatus(null);
    try {
      setExportStatus(exportMessage(await call('allocation:exportPlan', { targets: props.targets, feeBps })));
    } catch (err) {
      setExportStatus({ kind: 'error', text: errorText(err) });
    }
  };

  return (
    <section className="panel" aria-labelledby="plan-title" data-testid="rebalance-plan">
      <div className="toolbar">
        <h2 id="plan-title">Rebalance plan</h2>
        <div className="actions">
          <Field id="fee-bps" label="Fee per trade" inline>
            <UnitNumberInput
              id="fee-bps"
              value={feeBps}
              unit="bps"
              min={FEE_BPS_MIN}
              max={FEE_BPS_MAX}
              step={1}
              onChange={setFeeBps}
            />
          </Field>
          <button
            type="button"
            className="primary"
            disabled={!p || p.trades.length === 0 || plan.loading}
            onClick={() => void exportCsv()}
          >
            Export CSV
          </button>
        </div>
      </div>
      <p className="banner never-orders" data-testid="never-orders">
        <strong>Ballast never places orders.</strong> This plan is a list for you to check and carry out yourself at
        your exchanges; prices move, so recheck them there.
      </p>
      {!feeOk && (
        <p role="alert" className="error-text">
          Enter a fee between 0 and 1,000 basis points (10 bps = 0.1% of each trade).
        </p>
      )}
      {plan.error && (
        <p role="alert" className="error-text">
          {plan.error}
        </p>
      )}
      <StatusText status={exportStatus} />
      {!p && !plan.error && feeOk && <p className="muted">Planning…</p>}
      {p && (
        <div className="stack">
          <div className="cards">
            {planCards(p, props.base).map((c) => (
              <StatCard key={c.label} {...c} />
            ))}
          </div>
          <PlanTrades plan={p} base={props.base} />
        </div>
      )}
    </section>
  );
}
