/**
 * Diversification: the breakdown by asset, tier, sector and custody with concentration figures,
 * then targets (presets or custom weights), drift from them and a rebalance plan with CSV export.
 * This file loads the allocation from main and lays the panels out; registered in views/registry.ts.
 */
import { useEffect, useState } from 'react';
import type { AllocationView } from '../../../../shared/ipc/channels/allocation';
import { call } from '../../lib/api';
import { useNavigation } from '../../lib/navigation';
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
      {b.total > 0 ? <BreakdownSection b={b} /> : <EmptyBreakdown unpriced={b.unpricedPositions.length > 0} />}
      <UnpricedList b={b} />
      <TargetsSection view={view} onSaved={setView} />
    </div>
  );
}

/** What to do when nothing is priced: where to add a key or a holding, each a link to the place. */
function EmptyBreakdown(props: { unpriced: boolean }) {
  const { navigate } = useNavigation();
  const key = (
    <button type="button" className="link" onClick={() => navigate('keys', { section: 'add-account' })}>
      add a read-only exchange key in Keys &amp; Activity
    </button>
  );
  return (
    <div className="panel" data-testid="breakdown-empty">
      <p>Nothing priced to break down yet.</p>
      {props.unpriced ? (
        <p className="muted small">Your holdings are priced from your exchanges’ tickers: {key}.</p>
      ) : (
        <p className="muted small">
          To see your portfolio here, {key}, or{' '}
          <button type="button" className="link" onClick={() => navigate('dashboard', { section: 'manual-holdings' })}>
            add a manual holding on the Dashboard
          </button>
          .
        </p>
      )}
    </div>
  );
}
