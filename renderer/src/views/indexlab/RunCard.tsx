/**
 * One run's results: its label and period, pin-to-compare, exports (curves CSV, full JSON, spec),
 * its data sources and coverage, the metric cards, equity, drawdown and weights charts, warnings and
 * the rebalance log (rebalances decided by today's catalog market caps are marked). Called by
 * IndexLabView.tsx for the current run; it stays mounted when the run changes, so the charts are
 * updated in place rather than rebuilt.
 */
import { useState } from 'react';
import type { IndexLabExportKind } from '../../../../shared/ipc/channels/indexlab';
import { errorText } from '../../lib/api';
import { date } from '../../lib/format';
import { GRADE_SIGNAL_NEUTRAL } from '../../workers/indexlab-protocol';
import { describeSpec } from './builder-form';
import { DrawdownChart, EquityChart, WeightsChart } from './charts';
import { runExport } from './exports';
import { exportFile } from './lab-actions';
import { MAX_PINNED, lab, type RunEntry } from './lab-store';
import { MetricCards } from './MetricCards';
import { Notes } from './Notes';
import { RebalanceLogTable } from './RebalanceLogTable';
import { useLab } from './use-lab';

export function RunCard({ run, base }: { run: RunEntry; base: string }) {
  const { pinned } = useLab();
  // The card stays mounted from run to run (its charts update in place): an export message belongs to
  // the run it was made for.
  const [exported, setExported] = useState<{ runId: number; ok: boolean; text: string } | null>(null);
  const msg = exported?.runId === run.id ? exported : null;
  const setMsg = (m: { ok: boolean; text: string } | null) => setExported(m && { runId: run.id, ...m });
  const isPinned = pinned.includes(run.id);
  const pinFull = !isPinned && pinned.length >= MAX_PINNED;
  const r = run.result;
  const description = describeSpec(run.spec, run.signalSource);
  const doExport = async (kind: IndexLabExportKind) => {
    setMsg(null);
    try {
      const { name, content } = runExport(kind, run);
      const path = await exportFile(kind, name, content);
      if (path) setMsg({ ok: true, text: `Saved to ${path}` });
    } catch (err) {
      setMsg({ ok: false, text: `Export failed: ${errorText(err)}` });
    }
  };
  return (
    <section className="panel stack" aria-labelledby="il-result-title" data-testid="run-result">
      <div className="toolbar">
        <div>
          <h2 id="il-result-title">{run.label}</h2>
          <div className="muted small">
            {run.label !== description && `${description} · `}
            {date(r.start)} to {date(r.end)} · computed in {Math.max(1, Math.round(run.ms))} ms
          </div>
        </div>
        <div className="actions">
          <button
            type="button"
            data-testid="pin-run"
            onClick={() => lab.togglePin(run.id)}
            disabled={pinFull}
            aria-pressed={isPinned}
            title={pinFull ? `Up to ${MAX_PINNED} runs can be compared; remove one first.` : undefined}
          >
            {isPinned ? 'Pinned ✓' : 'Pin to compare'}
          </button>
          <button type="button" onClick={() => void doExport('results-csv')} data-testid="export-csv">
            Export CSV
          </button>
          <button type="button" onClick={() => void doExport('results-json')} data-testid="export-json">
            Export JSON
          </button>
          <button type="button" onClick={() => void doExport('spec-json')}>
            Export spec
          </button>
        </div>
      </div>
      {msg && (
        <div className={`banner ${msg.ok ? '' : 'error'}`} role={msg.ok ? 'status' : 'alert'}>
          {msg.text}
        </div>
      )}
      {run.spec.weighting.method === 'signal' && run.signalSource === 'grade' && (
        <p className="muted small">
          Weighted by the Trader Grade above {GRADE_SIGNAL_NEUTRAL}. The CLI has no grades and uses the trend signal for
          this spec, so its numbers will differ.
        </p>
      )}
      {r.data && (
        <div className="il-data-sources" data-testid="run-data-sources">
          <h3 className="small">Data sources and coverage</h3>
          <ul className="small">
            {r.data.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      <MetricCards result={r} base={base} />
      <EquityChart result={r} base={base} />
      <div className="grid-2">
        <div>
          <h3>Drawdown</h3>
          <DrawdownChart result={r} />
        </div>
        <div>
          <h3>Weights over time</h3>
          <WeightsChart result={r} />
        </div>
      </div>
      <Notes title="Warnings" items={r.warnings} testId="run-warnings" />
      <RebalanceLogTable log={r.rebalances} base={base} />
    </section>
  );
}
