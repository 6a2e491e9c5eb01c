/**
 * Main-process cold start under plain Node (the Electron shell cannot run here): bench/main-start-
 * entry.ts is bundled like electron-vite bundles main (our code inlined, packages external) and run
 * as a fresh process, 5 times; the figure is the median time from process start to the first
 * `app:info` answer, with the imports' share. Target < 1 s.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from './run';
import { median, run } from './timing';

const ROOT = join(import.meta.dirname, '..');
const RUNS = 5;
const TARGET_MS = 1000;

export default async function runBench(): Promise<BenchRow[]> {
  // Inside the repository, so that the bundle's package imports resolve from node_modules.
  const dir = join(ROOT, 'out/bench');
  mkdirSync(dir, { recursive: true });
  const bundle = join(dir, 'main-start.mjs');
  const build = run(
    'npx',
    [
      'esbuild',
      'bench/main-start-entry.ts',
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--packages=external',
      '--log-level=warning',
      `--outfile=${bundle}`,
    ],
    { cwd: ROOT },
  );
  if (build.code !== 0) throw new Error(`bundling the start entry failed:\n${build.stderr}`);
  const answered: number[] = [];
  const imported: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const r = run(process.execPath, [bundle, join(ROOT, 'assets')], { cwd: ROOT, timeoutMs: 60_000 });
      if (r.code !== 0) throw new Error(`the start entry failed:\n${r.stderr}`);
      const m = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { importedMs: number; answeredMs: number };
      answered.push(m.answeredMs);
      imported.push(m.importedMs);
    }
  } finally {
    rmSync(bundle, { force: true });
  }
  const ms = median(answered);
  return [
    {
      name: 'main: process start to the first app:info answer (plain Node)',
      ms,
      target: `< ${TARGET_MS} ms`,
      ok: ms < TARGET_MS,
      note: `imports ${median(imported).toFixed(0)} ms; median of ${RUNS} processes`,
    },
  ];
}
