/**
 * Index Lab: build an index strategy (universe, weighting, cap, cadence, costs, risk-off), simulate it
 * on daily prices, compare up to four runs, ask "what if I had rebalanced my portfolio weekly?", sweep
 * two parameters into a heatmap, and export results and specs (the spec re-runs with the CLI).
 *
 * This component only wires the parts: it loads the prices into the worker and the saved specs from
 * main, and lays out the builder, the current run, the comparison, "my portfolio" and the sweep.
 * Simulations run in a Web Worker (renderer/src/workers/indexlab.worker.ts) over the pure engine in
 * shared/indexlab. Builder state, runs and results live in a module-level store (lab-store.ts), so
 * switching views loses nothing; named specs are saved in main (indexlab:saveSpec).
 * Registered in renderer/src/views/registry.ts.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SavedIndexSpec } from '../../../../shared/ipc/channels/indexlab';
import type { PriceHistoryView } from '../../../../shared/ipc/channels/prices';
import { call, errorText } from '../../lib/api';
import { useApp } from '../../lib/context';
import { Builder } from './Builder';
import { Compare } from './Compare';
import { loadHistory } from './lab-actions';
import { MyPortfolio } from './MyPortfolio';
import { Notes } from './Notes';
import { RunCard } from './RunCard';
import { RunHistory } from './RunHistory';
import { Sweep } from './Sweep';
import { useLab, useWorkerStatus } from './use-lab';
import './indexlab.css';

export function IndexLabView() {
  const { portfolio } = useApp();
  // Prices (and so every simulated value) are in the portfolio's base currency.
  const base = portfolio?.portfolio.base ?? 'USD';
  const status = useWorkerStatus();
  const { runs, currentId } = useLab();
  const [history, setHistory] = useState<PriceHistoryView | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saved, setSaved] = useState<SavedIndexSpec[]>([]);

  const load = useCallback(() => {
    setLoadError(null);
    loadHistory().then(setHistory, (err: unknown) => setLoadError(errorText(err)));
  }, []);
  useEffect(() => {
    load();
    call('indexlab:savedSpecs').then(setSaved, (err: unknown) =>
      setLoadError(`Saved specs could not be read: ${errorText(err)}`),
    );
  }, [load]);

  const holdings = useMemo(() => {
    const syms = new Set<string>();
    for (const p of portfolio?.portfolio.positions ?? []) if (p.amount > 0) syms.add(p.asset.toUpperCase());
    return [...syms].sort();
  }, [portfolio]);

  const current = runs.find((r) => r.id === currentId) ?? null;

  return (
    <div className="stack indexlab">
      <p className="muted il-intro">
        Simulate crypto index strategies on daily prices: pick a universe and a weighting, rebalance on a schedule while
        paying fees, and compare with buying and holding. Past results do not predict future ones.
      </p>
      {loadError && (
        <div className="banner error" role="alert">
          Prices could not be loaded: {loadError}{' '}
          <button type="button" className="link" onClick={load}>
            Retry
          </button>
        </div>
      )}
      {status.state === 'error' && (
        <div className="banner error" role="alert">
          {status.message}
        </div>
      )}
      {status.state === 'ready' && status.summary.warnings.length > 0 && (
        <Notes title="Price data notes" items={status.summary.warnings} />
      )}
      <Builder history={history} holdings={holdings} status={status} saved={saved} onSaved={setSaved} />
      <RunHistory />
      {current ? (
        <RunCard run={current} base={base} />
      ) : (
        <section className="panel il-empty" data-testid="no-run">
          <p className="muted">
            No run yet. The defaults are a top-10 market-cap index rebalanced weekly; press{' '}
            <strong>Run simulation</strong> to see its metrics and charts.
          </p>
        </section>
      )}
      <Compare />
      <MyPortfolio base={base} />
      <Sweep />
    </div>
  );
}
