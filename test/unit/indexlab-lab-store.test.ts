/**
 * The Index Lab's session store (renderer/src/views/indexlab/lab-store.ts): runs are kept up to
 * MAX_RUNS_KEPT without ever dropping a pinned one, at most MAX_PINNED runs are pinned, and every
 * change is a new state object that each listener hears about once.
 */
import { describe, expect, it } from 'vitest';
import { defaultIndexSpec, generateSyntheticHistory, simulate } from '../../shared/indexlab';
import { formFromSpec } from '../../renderer/src/views/indexlab/builder-form';
import {
  MAX_PINNED,
  MAX_RUNS_KEPT,
  createLabStore,
  pinnedRuns,
  type RunEntry,
} from '../../renderer/src/views/indexlab/lab-store';

const { prices, catalog } = generateSyntheticHistory({ seed: 3, assets: 5, days: 60 });
const spec = defaultIndexSpec();
const result = simulate({ universe: { type: 'top', n: 3, minHistoryDays: 5 } }, { prices, catalog });
const run = (label: string): Omit<RunEntry, 'id'> => ({ label, spec, signalSource: 'grade', result, ms: 1 });

/** A store holding `n` runs, labelled "run 1".. "run n" (ids 1..n). */
function storeWithRuns(n: number) {
  const store = createLabStore();
  for (let i = 1; i <= n; i++) store.addRun(run(`run ${i}`));
  return store;
}

describe('lab store: runs', () => {
  it('starts with the default builder form and nothing run', () => {
    const s = createLabStore().get();
    expect(s.form).toEqual(formFromSpec(defaultIndexSpec()));
    expect(s.runs).toEqual([]);
    expect(s.currentId).toBeNull();
    expect(s.pinned).toEqual([]);
  });

  it('makes each new run current, numbers runs from 1 per store, and ends "running"', () => {
    const store = createLabStore();
    store.set({ running: true });
    expect(store.addRun(run('a'))).toBe(1);
    expect(store.addRun(run('b'))).toBe(2);
    expect(store.get().currentId).toBe(2);
    expect(store.get().running).toBe(false);
    expect(createLabStore().addRun(run('c'))).toBe(1);
  });

  it(`keeps the newest ${MAX_RUNS_KEPT} runs, dropping the oldest first`, () => {
    const store = storeWithRuns(MAX_RUNS_KEPT + 3);
    const ids = store.get().runs.map((r) => r.id);
    expect(ids).toHaveLength(MAX_RUNS_KEPT);
    expect(ids[0]).toBe(4);
    expect(ids.at(-1)).toBe(MAX_RUNS_KEPT + 3);
  });

  it('never drops a pinned run, however old', () => {
    const store = storeWithRuns(3);
    store.togglePin(1);
    store.togglePin(3);
    for (let i = 0; i < 30; i++) store.addRun(run(`later ${i}`));
    const ids = store.get().runs.map((r) => r.id);
    expect(ids).toHaveLength(MAX_RUNS_KEPT);
    expect(ids.slice(0, 2)).toEqual([1, 3]);
    // The other 10 places go to the newest runs: ids 24..33 of the 33 made.
    const total = 33;
    const others = MAX_RUNS_KEPT - 2;
    expect(ids.slice(2)).toEqual(Array.from({ length: others }, (_, i) => total - others + 1 + i));
    expect(pinnedRuns(store.get().runs, store.get().pinned).map((r) => r.label)).toEqual(['run 1', 'run 3']);
  });
});

describe('lab store: pins', () => {
  it(`pins at most ${MAX_PINNED} runs; unpinning makes room again`, () => {
    const store = storeWithRuns(MAX_PINNED + 2);
    for (let id = 1; id <= MAX_PINNED + 1; id++) store.togglePin(id);
    expect(store.get().pinned).toEqual([1, 2, 3, 4]);
    store.togglePin(2);
    expect(store.get().pinned).toEqual([1, 3, 4]);
    store.togglePin(MAX_PINNED + 2);
    expect(store.get().pinned).toEqual([1, 3, 4, MAX_PINNED + 2]);
    store.unpin(1);
    expect(store.get().pinned).toEqual([3, 4, MAX_PINNED + 2]);
  });

  it('lists pinned runs in pinning order and skips ids without a run', () => {
    const store = storeWithRuns(3);
    store.togglePin(3);
    store.togglePin(1);
    expect(pinnedRuns(store.get().runs, store.get().pinned).map((r) => r.id)).toEqual([3, 1]);
    expect(pinnedRuns(store.get().runs, [2, 99])).toEqual([store.get().runs[1]]);
  });
});

describe('lab store: changes and listeners', () => {
  it('notifies each listener once per change, until it unsubscribes', () => {
    const store = createLabStore();
    const heard: string[] = [];
    const offA = store.subscribe(() => heard.push('a'));
    store.subscribe(() => heard.push('b'));
    store.set({ running: true });
    store.addRun(run('x'));
    store.togglePin(1);
    expect(heard).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
    offA();
    store.set({ sweepError: 'Sweep cancelled.' });
    expect(heard.slice(6)).toEqual(['b']);
  });

  it('replaces the state object and leaves the old one as it was', () => {
    const store = createLabStore();
    const before = store.get();
    store.set((s) => ({ myForm: { ...s.myForm, days: '90' } }));
    const after = store.get();
    expect(after).not.toBe(before);
    expect(before.myForm.days).toBe('365');
    expect(after.myForm).toEqual({ ...before.myForm, days: '90' });
    // Untouched parts are shared, so a component reading only them sees no change.
    expect(after.form).toBe(before.form);
  });

  it('hands a function patch the current state', () => {
    const store = storeWithRuns(2);
    store.set((s) => ({ currentId: s.runs[0]!.id }));
    expect(store.get().currentId).toBe(1);
  });
});
