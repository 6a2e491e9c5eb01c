/**
 * The Index Lab's work outside React: loading the prices into the worker, running a simulation, a
 * sweep or "my portfolio" on it and recording the outcome in the lab store, and writing exports
 * through main. Results and errors land in the store, so they survive a view switch mid-run.
 * Called by the Index Lab components.
 */
import type { IndexSpec, MyPortfolioOptions } from '../../../../shared/indexlab';
import type { IndexLabExportKind } from '../../../../shared/ipc/channels/indexlab';
import type { PriceHistoryView } from '../../../../shared/ipc/channels/prices';
import { call, errorText } from '../../lib/api';
import { CancelledError, SimulationError, indexLabClient } from '../../workers/indexlab-client';
import type { SignalSource } from '../../workers/indexlab-protocol';
import { describeSpec } from './builder-form';
import { exportSizeError } from './exports';
import { lab, setLab } from './lab-store';
import type { SweepAxes } from './sweep-axes';

let historyPromise: Promise<PriceHistoryView> | null = null;

/** Loads the price history into the worker once per session (again after a failure). */
export function loadHistory(): Promise<PriceHistoryView> {
  historyPromise ??= call('prices:history').then(
    (view) => {
      indexLabClient().load({ history: view.history, catalog: view.catalog, sources: view.sources });
      return view;
    },
    (err: unknown) => {
      historyPromise = null;
      throw err;
    },
  );
  return historyPromise;
}

/** A failed request as a message and the spec problems ("path: reason") behind it. */
export function failureOf(err: unknown): { message: string; errors: string[] } {
  if (err instanceof SimulationError) return { message: err.message, errors: err.errors };
  return { message: errorText(err), errors: [] };
}

const failureText = (err: unknown): string => {
  const f = failureOf(err);
  return [f.message, ...f.errors].join(' ');
};

/** Runs a spec; the result becomes the current run, named after the spec or its description. */
export async function runSimulation(spec: IndexSpec, signalSource: SignalSource): Promise<void> {
  setLab({ running: true, runError: null });
  const started = performance.now();
  try {
    const result = await indexLabClient().run(spec, signalSource);
    lab.addRun({
      label: spec.name?.trim() || describeSpec(spec, signalSource),
      spec,
      signalSource,
      result,
      ms: performance.now() - started,
    });
  } catch (err) {
    setLab({ running: false, runError: failureOf(err) });
  }
}

export async function runMyPortfolio(options: MyPortfolioOptions): Promise<void> {
  setLab({ myRunning: true, myError: null });
  try {
    const result = await indexLabClient().myPortfolio(options);
    setLab({ my: result, myRunning: false });
  } catch (err) {
    setLab({ myRunning: false, myError: failureText(err) });
  }
}

/** Starts a sweep of `spec` over a parsed grid; progress, result and errors go to the store. */
export function startSweep(spec: IndexSpec, signalSource: SignalSource, axes: SweepAxes): void {
  const label = spec.name?.trim() || describeSpec(spec, signalSource);
  const job = indexLabClient().sweep(spec, axes.grid, signalSource, (done, total) =>
    setLab((s) => (s.sweepJob && s.sweepJob.id === job.id ? { sweepJob: { id: job.id, done, total } } : {})),
  );
  setLab({ sweepJob: { id: job.id, done: 0, total: axes.cells }, sweepError: null });
  const started = performance.now();
  job.promise.then(
    (result) =>
      setLab({
        sweep: {
          label,
          xParam: axes.xParam,
          yParam: axes.yParam,
          xLabels: axes.xLabels,
          yLabels: axes.yLabels,
          result,
          ms: performance.now() - started,
        },
        sweepJob: null,
      }),
    (err: unknown) => {
      if (err instanceof CancelledError) setLab({ sweepJob: null, sweepError: 'Sweep cancelled.' });
      else setLab({ sweepJob: null, sweepError: failureText(err) });
    },
  );
}

export function cancelSweep(jobId: number): void {
  indexLabClient().cancel(jobId);
}

/** Writes an export through main's save dialog; the path, or null when the user cancelled. */
export async function exportFile(kind: IndexLabExportKind, name: string, content: string): Promise<string | null> {
  const tooLarge = exportSizeError(content);
  if (tooLarge) throw new Error(tooLarge);
  const { path } = await call('indexlab:export', { kind, name, content });
  return path;
}
