/**
 * The sensitivity sweep: runs the builder's index for every combination of two parameters (at most
 * 2,500 cells) in the worker, with progress and cancel, and maps one metric as a heatmap; switching
 * the metric redraws without re-running. Form, progress and result live in the lab store.
 * Called by IndexLabView.tsx.
 */
import { useMemo, useState } from 'react';
import { optionsOf, SelectField, SubmitForm } from '../../components/Field';
import { Heatmap } from '../../components/Heatmap';
import { buildSpec } from './builder-form';
import { cancelSweep, startSweep } from './lab-actions';
import { setLab } from './lab-store';
import { SweepAxisFieldset } from './SweepAxisFieldset';
import { SWEEP_METRIC_KEYS, SWEEP_PARAMS, cellsError, parseGrid, sweepMetric, type SweepForm } from './sweep-axes';
import { useLab, useWorkerStatus } from './use-lab';

interface AxisErrors {
  x?: string | undefined;
  y?: string | undefined;
  /** Problems of the builder's spec, which the sweep runs. */
  base?: string[];
}

const METRIC_OPTIONS = optionsOf(SWEEP_METRIC_KEYS, (k) => sweepMetric(k).label);

export function Sweep() {
  const { sweepForm: sf, sweep, sweepJob, sweepError, form } = useLab();
  const ready = useWorkerStatus().state === 'ready';
  const [axisErrors, setAxisErrors] = useState<AxisErrors>({});
  const setSf = (patch: Partial<SweepForm>) => setLab((s) => ({ sweepForm: { ...s.sweepForm, ...patch } }));
  const metric = sweepMetric(sf.metric);

  const onRun = () => {
    const axes = parseGrid(sf);
    const built = buildSpec(form);
    const errs: AxisErrors = axes.ok ? {} : { x: axes.x, y: axes.y };
    if (!built.spec) errs.base = ['The index in the builder has errors; fix them first.', ...built.other];
    const tooMany = axes.ok && built.spec ? cellsError(axes.cells) : null;
    setAxisErrors(tooMany ? { y: tooMany } : errs);
    if (!axes.ok || !built.spec || tooMany) return;
    startSweep(built.spec, form.signalSource, axes);
  };

  const matrix = useMemo(() => {
    if (!sweep) return null;
    return {
      values: sweep.result.cells.map((row) =>
        row.map((c) => {
          const v = c.metrics ? c.metrics[sf.metric] : null;
          return typeof v === 'number' && Number.isFinite(v) ? v : null;
        }),
      ),
      errors: sweep.result.cells.map((row) => row.map((c) => c.error)),
    };
  }, [sweep, sf.metric]);

  return (
    <section className="panel stack" aria-labelledby="il-sweep-title" data-testid="sweep">
      <div>
        <h2 id="il-sweep-title">Sensitivity sweep</h2>
        <p className="muted small">
          Runs the index in the builder for every combination of two parameters and maps one metric.
        </p>
      </div>
      <SubmitForm className="il-sweep-form" onSubmit={onRun}>
        <SweepAxisFieldset axis="x" error={axisErrors.x} />
        <SweepAxisFieldset axis="y" error={axisErrors.y} />
        <div className="actions">
          <button type="submit" className="primary" disabled={!ready || !!sweepJob} data-testid="sweep-run">
            Run sweep
          </button>
          {sweepJob && (
            <>
              <button type="button" onClick={() => cancelSweep(sweepJob.id)} data-testid="sweep-cancel">
                Cancel
              </button>
              <progress
                value={sweepJob.done}
                max={sweepJob.total}
                aria-label="Sweep progress"
                data-testid="sweep-progress"
              />
              <span className="small muted il-count">
                {sweepJob.done} of {sweepJob.total}
              </span>
            </>
          )}
        </div>
      </SubmitForm>
      {axisErrors.base && (
        <div className="banner error" role="alert">
          {axisErrors.base.join(' ')}
        </div>
      )}
      {sweepError && (
        <div className="banner error" role="alert">
          {sweepError}
        </div>
      )}
      {sweep && matrix && (
        <div className="stack" data-testid="sweep-result">
          <div className="toolbar">
            <div className="small muted">
              {sweep.label} · {sweep.xLabels.length * sweep.yLabels.length} runs in {Math.max(1, Math.round(sweep.ms))}{' '}
              ms
            </div>
            <SelectField
              id="il-smetric"
              label="Metric"
              className="il-sweep-metric"
              value={sf.metric}
              options={METRIC_OPTIONS}
              onChange={(m) => setSf({ metric: m })}
            />
          </div>
          <Heatmap
            title={`${metric.label} by ${SWEEP_PARAMS[sweep.yParam].label} and ${SWEEP_PARAMS[sweep.xParam].label}`}
            xTitle={SWEEP_PARAMS[sweep.xParam].label}
            yTitle={SWEEP_PARAMS[sweep.yParam].label}
            xLabels={sweep.xLabels}
            yLabels={sweep.yLabels}
            values={matrix.values}
            errors={matrix.errors}
            metricLabel={metric.label}
            format={metric.fmt}
            higherIsBetter={metric.higher}
            testId="heatmap"
          />
        </div>
      )}
    </section>
  );
}
