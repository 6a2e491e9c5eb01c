/**
 * Diversification: the breakdown by asset, tier, sector and custody with concentration figures,
 * then targets (presets or custom weights), drift from them and a rebalance plan with CSV export.
 * This file loads the allocation from main and lays the panels out; registered in views/registry.ts.
 */
import { useEffect, useState } from 'react';
import type { AllocationView } from '../../../../shared/ipc/channels/allocation';
import { call } from '../../lib/api';
import { useLive } from '../../lib/useApi';
import { BreakdownSection } from './BreakdownSection';
import { ConcentrationCards } from './ConcentrationCards';
import { UnpricedList } from './SliceHoldings';
import { TargetsSection } from './TargetsSection';
import './diversification.css';

export function DiversificationView() {
  const loaded = useLive(() => call('allocation:get'), []);
  const [view, setView] = useState<AllocationView | null>(null);
  useEffect(() => {
    if (loaded.data) setView(loaded.data);
  }, [loaded.data]);

  if (loaded.error && !view) {
    return (
      <div className="stack">
        <p role="alert" className="error-text">
          The breakdown could not be computed: {loaded.error}
        </p>
        <div>
          <button type="button" onClick={loaded.reload}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  if (!view) return <p className="muted">Computing the breakdown…</p>;
  const b = view.breakdown;

  return (
    <div className="stack diversification">
      <ConcentrationCards b={b} />
      {b.total > 0 ? (
        <BreakdownSection b={b} />
      ) : (
        <div className="panel">
          <p>Nothing priced to break down yet.</p>
          <p className="muted small">Add an exchange account or a manual holding in Keys &amp; Activity.</p>
        </div>
      )}
      <UnpricedList b={b} />
      <TargetsSection view={view} onSaved={setView} />
    </div>
  );
}
