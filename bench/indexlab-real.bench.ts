/**
 * Index Lab targets, each a ratio measured in this run (docs/INDEX-LAB.md, "Performance"):
 *
 * 1. Real history (../shared/data/market-history, 61 assets x 1,825 days), top 10 by market cap,
 *    market-cap weighted, weekly, 10 bps fee, no slippage:
 *    - against bench/pandas_reference.py, the same model vectorised with numpy/pandas and run by
 *      Debian's /usr/bin/python3 (its equity curve must agree to 1e-9 first). Both sides start from
 *      the per-asset series already in memory (CSV reading and date parsing excluded) and include
 *      aligning them on one daily grid, the simulation and the full result (curves, weights, rebalance
 *      log with trades, benchmarks, metrics): ours is `simulate(spec, candles)`, prepareData included;
 *      pandas' is `run(frames)`, timed inside Python. CPU time on both sides (process time; wall
 *      time reported too). Target: at most 0.5x pandas' time.
 *    - against the floor, one multiply-add per asset-day over a Float64Array of the same grid, timed
 *      in alternation with `simulate(spec, prepared)` (the full result from prepared data) in this
 *      process (CPU time, medians). Target: within 20x.
 *    - the CLI as a whole process (`node scripts/cli.mjs simulate`, what `npm run simulate` runs)
 *      against pandas_reference.py --mode summary (read the CSVs, run, print a summary), with
 *      hyperfine when installed, else a median of spawns. Target: at most 1.5x.
 * 2. Scaling on seeded synthetic data: the fitted exponent of the full simulation's CPU time (median
 *    of 15 runs) against the number of assets (top N = assets / 10) and against the number of days.
 *    Target: linear, an exponent <= 1.2 (1 is linear; the data outgrowing the CPU caches adds a
 *    little; the insertion-sort top-N it replaced measured about 1.7 here).
 * 3. Memory, in a child process with --expose-gc (bench/indexlab-memory.ts): bytes still reachable
 *    per asset-day after a run on 400 assets x 5,000 days with the candles dropped. Target: <= 40.
 *
 * Rows are skipped with a reason when python3, pandas or the shared data are absent.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadPriceDir } from '../cli/prices-csv';
import {
  generateSyntheticHistory,
  parseAssetCatalog,
  prepareData,
  simulate,
  validateIndexSpec,
  type SimulationData,
} from '../shared/indexlab';
import type { BenchRow } from './run';
import { fitExponent, median, run, time, timePair } from './timing';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = join(ROOT, '..', 'shared', 'data', 'market-history');
const PYTHON = '/usr/bin/python3';
const SPEC = { universe: { type: 'top', n: 10 }, costs: { feeBps: 10, slippageBps: 0 } } as const;

function skipped(name: string, reason: string): BenchRow {
  return { name, ms: Number.NaN, note: `skipped: ${reason}` };
}

/** Why the pandas reference cannot run here, or null. */
function pandasMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} is absent`;
  const r = run(PYTHON, ['-c', 'import numpy, pandas']);
  return r.code === 0 ? null : 'pandas is not installed for /usr/bin/python3 (apt-get install python3-pandas)';
}

interface PandasRun {
  runMs: number[];
  runCpuMs: number[];
  start: string;
  equity: number[];
  pandas: string;
  numpy: string;
}

function realData(): { data: SimulationData; stable: string[] } {
  const catalog = parseAssetCatalog(JSON.parse(readFileSync(join(DATA, 'catalog.json'), 'utf8')));
  const data = { prices: loadPriceDir(DATA).prices, catalog: catalog.ok ? catalog.catalog : undefined };
  const P = prepareData(data);
  return { data, stable: P.symbols.filter((_, a) => P.stable[a]) };
}

function againstPandas(data: SimulationData, stable: string[]): BenchRow[] {
  const py = run(PYTHON, [
    join(ROOT, 'bench', 'pandas_reference.py'),
    '--prices',
    DATA,
    '--stable',
    stable.join(','),
    '--runs',
    '15',
  ]);
  if (py.code !== 0) throw new Error(`pandas_reference.py failed: ${py.stderr}`);
  const ref = JSON.parse(py.stdout) as PandasRun;
  const result = simulate(SPEC, data);
  const v = result.equity.v;
  let maxRel = ref.equity.length === v.length ? 0 : Infinity;
  for (let i = 0; i < v.length && maxRel < Infinity; i++) {
    maxRel = Math.max(maxRel, Math.abs(v[i]! - ref.equity[i]!) / Math.abs(v[i]!));
  }
  const agree = maxRel <= 1e-9;
  const ours = time(() => simulate(SPEC, data), 30, 3);
  const pandasMs = median(ref.runCpuMs);
  const ratio = ours.cpuMs / pandasMs;
  const wallRatio = ours.ms / median(ref.runMs);
  const P = prepareData(data);
  return [
    {
      name: 'indexlab real: simulate incl. prepareData vs pandas (61 x 1,825, top 10 weekly)',
      ms: ours.cpuMs,
      target: '<= 0.5x pandas',
      ok: agree && ratio <= 0.5,
      note: `${ratio.toFixed(2)}x pandas' ${pandasMs.toFixed(1)} ms in CPU time (medians: ours of 30, pandas ${ref.pandas} / numpy ${ref.numpy} of 15; wall ${wallRatio.toFixed(2)}x); ${
        agree ? 'equity agrees' : 'MODEL DIFFERS: equity'
      } to ${maxRel.toExponential(1)} over ${v.length} days from ${ref.start}; ${P.assets} assets x ${P.days} days`,
    },
  ];
}

function againstFloor(data: SimulationData): BenchRow[] {
  const P = prepareData(data);
  const spec = validateIndexSpec(SPEC);
  const n = P.assets * P.days;
  const x = Float64Array.from(P.closeM, (c) => (c > 0 ? c : 0));
  const w = new Float64Array(n).fill(1 / P.assets);
  let sink = 0;
  const floor = () => {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i]! * w[i]!;
    sink += s;
  };
  const full = timePair(() => simulate(spec, P), floor, 60);
  const cold = timePair(() => simulate(spec, data), floor, 20);
  if (!Number.isFinite(sink)) throw new Error('floor loop went wrong');
  return [
    {
      name: 'indexlab real: simulate (prepared, full result) vs the floor',
      ms: full.aCpu,
      target: '<= 20x floor',
      ok: full.ratio <= 20,
      note: `${full.ratio.toFixed(1)}x the floor in CPU time (medians of 60 runs each in alternation: ${full.aCpu.toFixed(2)} ms vs ${full.bCpu.toFixed(3)} ms for ${n.toLocaleString('en-US')} multiply-adds; wall ${full.wallRatio.toFixed(1)}x); incl. prepareData ${cold.ratio.toFixed(1)}x (${cold.aCpu.toFixed(2)} ms)`,
    },
  ];
}

function cliAgainstPandas(stable: string[]): BenchRow[] {
  const build = run(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT });
  if (build.code !== 0) throw new Error(`CLI build failed: ${build.stderr}`);
  const dir = mkdtempSync(join(tmpdir(), 'ballast-bench-cli-'));
  try {
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify(SPEC));
    const cli = [
      'node',
      join(ROOT, 'scripts', 'cli.mjs'),
      'simulate',
      '--spec',
      spec,
      '--prices',
      DATA,
      '--catalog',
      join(DATA, 'catalog.json'),
    ];
    const py = [
      PYTHON,
      join(ROOT, 'bench', 'pandas_reference.py'),
      '--mode',
      'summary',
      '--prices',
      DATA,
      '--stable',
      stable.join(','),
    ];
    const quote = (argv: string[]) => argv.map((a) => `'${a}'`).join(' ');
    let cliMs: number;
    let pyMs: number;
    let how: string;
    let cpu = '';
    const hf = run('hyperfine', ['--version']);
    if (hf.code === 0) {
      const out = join(dir, 'hyperfine.json');
      const r = run('hyperfine', [
        '--warmup',
        '2',
        '--runs',
        '10',
        '--style',
        'none',
        '--export-json',
        out,
        quote(cli),
        quote(py),
      ]);
      if (r.code !== 0) throw new Error(`hyperfine failed: ${r.stderr}`);
      type Result = { median: number; user: number; system: number };
      const res = (JSON.parse(readFileSync(out, 'utf8')) as { results: Result[] }).results;
      cliMs = res[0]!.median * 1000;
      pyMs = res[1]!.median * 1000;
      const cpuOf = (x: Result) => x.user + x.system;
      cpu = `; CPU (user + system, means) ${(cpuOf(res[0]!) / cpuOf(res[1]!)).toFixed(2)}x`;
      how = `hyperfine medians of 10 (${hf.stdout.trim()})`;
    } else {
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < 9; i++) {
        a.push(run(cli[0]!, cli.slice(1)).ms);
        b.push(run(py[0]!, py.slice(1)).ms);
      }
      cliMs = median(a);
      pyMs = median(b);
      how = 'medians of 9 spawns each (hyperfine not installed)';
    }
    const ratio = cliMs / pyMs;
    return [
      {
        name: 'CLI simulate, whole process, vs a pandas script (real data)',
        ms: cliMs,
        target: '<= 1.5x pandas script',
        ok: ratio <= 1.5,
        note: `${ratio.toFixed(2)}x the pandas script's ${pyMs.toFixed(0)} ms wall${cpu}; ${how}; npm run adds its own start-up`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function scaling(): BenchRow[] {
  const setUp = (assets: number, days: number, n: number) => {
    const P = prepareData(generateSyntheticHistory({ seed: 11, assets, days, stablecoins: 1 }));
    const spec = validateIndexSpec({ universe: { type: 'top', n }, costs: { feeBps: 10, slippageBps: 0 } });
    return () => simulate(spec, P);
  };
  const As = [100, 200, 400, 800];
  const Ds = [1000, 2000, 4000, 8000];
  const byAssets = As.map((a) => setUp(a, 1500, a / 10));
  const byDays = Ds.map((d) => setUp(100, d, 10));
  // Warm every size first, so no size pays for compiling the engine.
  for (const f of [...byAssets, ...byDays]) time(f, 1, 3);
  const aMs = byAssets.map((f) => time(f, 15, 1).cpuMs);
  const dMs = byDays.map((f) => time(f, 15, 1).cpuMs);
  const kA = fitExponent(As, aMs);
  const kD = fitExponent(Ds, dMs);
  const list = (xs: number[], ms: number[]) => xs.map((x, i) => `${x}: ${ms[i]!.toFixed(1)}`).join(', ');
  return [
    {
      name: 'indexlab scaling: time vs assets (top N = assets / 10, 1,500 days)',
      ms: aMs.at(-1)!,
      target: 'exponent <= 1.2',
      ok: kA <= 1.2,
      note: `fitted exponent ${kA.toFixed(2)}; CPU ms by assets ${list(As, aMs)}`,
    },
    {
      name: 'indexlab scaling: time vs days (100 assets, top 10)',
      ms: dMs.at(-1)!,
      target: 'exponent <= 1.2',
      ok: kD <= 1.2,
      note: `fitted exponent ${kD.toFixed(2)}; CPU ms by days ${list(Ds, dMs)}`,
    },
  ];
}

function memory(): BenchRow[] {
  const r = run(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=6144',
      '--import',
      'tsx',
      join(ROOT, 'bench', 'indexlab-memory.ts'),
      '400',
      '5000',
    ],
    { cwd: ROOT },
  );
  if (r.code !== 0) throw new Error(`memory child failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
    assets: number;
    days: number;
    bytesPerCandle: number;
    bytesPerAssetDay: number;
    preparedBytesPerAssetDay: number;
    firstRunMs: number;
    gcMs: number;
    gcMajorMs: number;
  };
  return [
    {
      name: `indexlab memory after a run, ${m.assets} assets x ${m.days.toLocaleString('en-US')} days`,
      ms: m.firstRunMs,
      heapMb: (m.bytesPerAssetDay * m.assets * m.days) / 2 ** 20,
      target: '<= 40 bytes per asset-day',
      ok: m.bytesPerAssetDay <= 40,
      note: `${m.bytesPerAssetDay.toFixed(1)} bytes per asset-day reachable (prepared data ${m.preparedBytesPerAssetDay.toFixed(1)}, the rest the result), candles dropped (they took ${m.bytesPerCandle.toFixed(0)} bytes each); first run (prepare + simulate) ${m.firstRunMs.toFixed(0)} ms with ${m.gcMs.toFixed(0)} ms of GC (${m.gcMajorMs.toFixed(0)} ms major)`,
    },
  ];
}

export default async function (): Promise<BenchRow[]> {
  const rows: BenchRow[] = [...scaling(), ...memory()];
  if (!existsSync(join(DATA, 'BTC.csv'))) {
    rows.push(skipped('indexlab real data (pandas, floor, CLI)', `${DATA} is absent`));
    return rows;
  }
  const { data, stable } = realData();
  rows.push(...againstFloor(data));
  const missing = pandasMissing();
  if (missing) {
    rows.push(skipped('indexlab real: simulate vs pandas', missing));
    rows.push(skipped('CLI simulate vs a pandas script', missing));
  } else {
    rows.push(...againstPandas(data, stable));
    rows.push(...cliAgainstPandas(stable));
  }
  return rows;
}
