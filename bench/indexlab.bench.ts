/**
 * Index Lab benchmark: 100 synthetic assets x 2,000 days (seeded), top-20 weekly index with
 * signal weighting (built-in trend signal).
 * Targets: one simulation < 50 ms, a 50-run sensitivity sweep < 1 s (Node).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  generateSyntheticHistory,
  prepareData,
  simulate,
  sweep,
  validateIndexSpec,
  type SweepGrid,
} from '../shared/indexlab';
import type { BenchRow } from './run';
import { time } from './timing';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (() => void) | undefined;

/** JS heap plus ArrayBuffer memory (typed arrays live outside the JS heap), after a GC. */
function heapMb(): number {
  gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / (1024 * 1024);
}

export default async function (): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const data = generateSyntheticHistory({ assets: 100, days: 2000, seed: 20240101, stablecoins: 2 });
  const spec = validateIndexSpec({
    universe: { type: 'top', n: 20 },
    weighting: { method: 'signal', maxWeight: 0.2 },
    rebalance: { cadence: 'weekly' },
  });

  // Preparation: align 102 assets on one grid and precompute arrays.
  const h0 = heapMb();
  const prep = time(() => prepareData(data), 7);
  const P = prepareData(data);
  P.trend(spec.weighting.signalLookbackDays);
  const prepHeap = heapMb() - h0;
  rows.push({
    name: 'indexlab prepare (100 assets x 2,000 days)',
    ms: prep.ms,
    heapMb: prepHeap,
    note: `cpu ${prep.cpuMs.toFixed(1)} ms; heap = prepared arrays incl. trend signal`,
  });

  // One run on prepared data, full output (curves, logs, weights over time).
  const run = time(() => simulate(spec, P), 9);
  const h1 = heapMb();
  const result = simulate(spec, P);
  const runHeap = heapMb() - h1; // retained size of one full result
  rows.push({
    name: 'indexlab one run, signal weekly (full result)',
    ms: run.ms,
    heapMb: runHeap,
    target: '< 50 ms',
    ok: run.ms < 50,
    note: `median of 9, cpu ${run.cpuMs.toFixed(1)} ms; ${result.rebalances.length} rebalances`,
  });

  // One run from raw data (prepare + simulate), as the CLI and a cold UI call do it.
  const cold = time(() => simulate(spec, data), 5, 1);
  rows.push({
    name: 'indexlab one run incl. prepare',
    ms: cold.ms,
    note: `median of 5, cpu ${cold.cpuMs.toFixed(1)} ms`,
  });

  // 50-run sweep: maxWeight (5) x fee (10), from raw data (prepared once inside).
  const grid: SweepGrid = {
    axisX: { param: 'maxWeight', values: [null, 0.1, 0.15, 0.2, 0.3] },
    axisY: { param: 'feeBps', values: [0, 5, 10, 15, 20, 30, 50, 75, 100, 150] },
  };
  let cells = 0;
  const sw = time(
    () => {
      const r = sweep(spec, grid, data);
      cells = r.cells.flat().filter((c) => c.metrics).length;
    },
    5,
    1,
  );
  const h2 = heapMb();
  const kept = sweep(spec, grid, P);
  // Retained size of one sweep result on already prepared data (metrics only: close to 0; GC noise ~2 MiB).
  const swHeap = Math.max(0, heapMb() - h2);
  void kept;
  rows.push({
    name: 'indexlab sweep 50 runs (5 caps x 10 fees)',
    ms: sw.ms,
    heapMb: swHeap,
    target: '< 1000 ms',
    ok: sw.ms < 1000,
    note: `median of 5, cpu ${sw.cpuMs.toFixed(1)} ms; ${cells} cells ok; includes one prepare`,
  });
  return rows;
}
