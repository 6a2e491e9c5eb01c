/**
 * Benchmark runner: imports every bench/*.bench.ts module and runs its default export.
 * Each module returns rows of { name, ms, heapMb, target } that are printed as a table.
 * Speed and memory targets live here, never in timed tests.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchRow {
  name: string;
  /** Wall time in milliseconds (median of the runs the module chose to make). */
  ms: number;
  /** Extra heap used by the measured work, in MiB (approximate). */
  heapMb?: number;
  /** Human-readable target, e.g. "< 200 ms". */
  target?: string;
  /** Whether the target was met, when there is one. */
  ok?: boolean;
  note?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();

const rows: BenchRow[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, f)).href)) as {
    default: () => Promise<BenchRow[]>;
  };
  process.stdout.write(`running ${f} ...\n`);
  rows.push(...(await mod.default()));
}
console.table(
  rows.map((r) => ({
    benchmark: r.name,
    'time (ms)': Number(r.ms.toFixed(2)),
    'heap (MiB)': r.heapMb === undefined ? '' : Number(r.heapMb.toFixed(1)),
    target: r.target ?? '',
    met: r.ok === undefined ? '' : r.ok ? 'met' : 'NO',
    note: r.note ?? '',
  })),
);
