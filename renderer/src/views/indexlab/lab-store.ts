/**
 * The Index Lab's state for the whole app session: the builder form, the runs (at most MAX_RUNS_KEPT,
 * pinned ones never dropped), which runs are pinned for comparison (at most MAX_PINNED), the sweep
 * and "my portfolio" forms and results. It lives at module level, so switching views loses nothing.
 *
 * Pure: no React, no DOM (`useLab` in use-lab.ts is the React side), so test/unit runs it under Node.
 * Every change replaces the state object and notifies each listener once. Called by the Index Lab
 * components and lab-actions.ts.
 */
import {
  defaultIndexSpec,
  type Cadence,
  type IndexSpec,
  type MyPortfolioResult,
  type SimulationResult,
  type SweepResult,
} from '../../../../shared/indexlab';
import type { SignalSource } from '../../workers/indexlab-protocol';
import { formFromSpec, type BuilderForm } from './builder-form';
import type { AxisKey, SweepForm } from './sweep-axes';

/** One finished simulation. */
export interface RunEntry {
  id: number;
  label: string;
  spec: IndexSpec;
  signalSource: SignalSource;
  result: SimulationResult;
  /** How long the run took, in ms. */
  ms: number;
}

/** One finished sweep, with the axes it ran on. */
export interface SweepRun {
  label: string;
  xParam: AxisKey;
  yParam: AxisKey;
  xLabels: string[];
  yLabels: string[];
  result: SweepResult;
  ms: number;
}

/** The "my portfolio" form, as typed. */
export interface MyForm {
  cadence: Cadence;
  feeBps: string;
  days: string;
  targets: 'current' | 'saved';
}

export interface LabState {
  form: BuilderForm;
  /** Oldest first. */
  runs: RunEntry[];
  currentId: number | null;
  /** Ids of the runs in the comparison, in pinning order. */
  pinned: number[];
  running: boolean;
  runError: { message: string; errors: string[] } | null;
  sweepForm: SweepForm;
  sweep: SweepRun | null;
  /** The sweep in progress: the worker job id and its progress in cells. */
  sweepJob: { id: number; done: number; total: number } | null;
  sweepError: string | null;
  myForm: MyForm;
  my: MyPortfolioResult | null;
  myRunning: boolean;
  myError: string | null;
}

/** Runs kept; the oldest unpinned one goes first. */
export const MAX_RUNS_KEPT = 12;
/** Runs that can be compared side by side. */
export const MAX_PINNED = 4;

export function initialLabState(): LabState {
  return {
    form: formFromSpec(defaultIndexSpec()),
    runs: [],
    currentId: null,
    pinned: [],
    running: false,
    runError: null,
    sweepForm: {
      xParam: 'cadence',
      xValues: 'weekly, monthly, quarterly',
      yParam: 'feeBps',
      yValues: '0, 10, 50',
      metric: 'sharpe',
    },
    sweep: null,
    sweepJob: null,
    sweepError: null,
    myForm: { cadence: 'weekly', feeBps: '10', days: '365', targets: 'current' },
    my: null,
    myRunning: false,
    myError: null,
  };
}

export type LabPatch = Partial<LabState> | ((s: LabState) => Partial<LabState>);

export interface LabStore {
  get(): LabState;
  set(patch: LabPatch): void;
  subscribe(listener: () => void): () => void;
  /** Adds a finished run (ids count up from 1), makes it current, ends `running`; returns its id. */
  addRun(run: Omit<RunEntry, 'id'>): number;
  /** Pins or unpins a run; pinning does nothing once MAX_PINNED runs are pinned. */
  togglePin(id: number): void;
  unpin(id: number): void;
}

export function createLabStore(initial: LabState = initialLabState()): LabStore {
  let state = initial;
  const listeners = new Set<() => void>();
  let nextRunId = 1;
  const set = (patch: LabPatch): void => {
    state = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
    for (const l of listeners) l();
  };
  return {
    get: () => state,
    set,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    addRun(run) {
      const entry: RunEntry = { ...run, id: nextRunId++ };
      set((s) => {
        let runs = [...s.runs, entry];
        while (runs.length > MAX_RUNS_KEPT) {
          const drop = runs.find((r) => !s.pinned.includes(r.id) && r.id !== entry.id);
          if (!drop) break;
          runs = runs.filter((r) => r !== drop);
        }
        return { runs, currentId: entry.id, running: false };
      });
      return entry.id;
    },
    togglePin(id) {
      set((s) => {
        if (s.pinned.includes(id)) return { pinned: s.pinned.filter((x) => x !== id) };
        return s.pinned.length < MAX_PINNED ? { pinned: [...s.pinned, id] } : {};
      });
    },
    unpin(id) {
      set((s) => ({ pinned: s.pinned.filter((x) => x !== id) }));
    },
  };
}

/** The pinned runs, in pinning order (ids without a run are skipped). */
export function pinnedRuns(runs: RunEntry[], pinned: number[]): RunEntry[] {
  return pinned.map((id) => runs.find((r) => r.id === id)).filter((r): r is RunEntry => !!r);
}

/** The app's one lab. */
export const lab = createLabStore();
export const getLab = lab.get;
export const setLab = lab.set;
export const subscribeLab = lab.subscribe;

export function setForm(patch: Partial<BuilderForm>): void {
  setLab((s) => ({ form: { ...s.form, ...patch } }));
}
