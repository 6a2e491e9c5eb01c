/**
 * Index Lab: build an index strategy (universe, weighting, cap, cadence, costs, risk-off), simulate it
 * on daily prices, compare up to four runs, ask "what if I had rebalanced my portfolio weekly?", sweep
 * two parameters into a heatmap, and export results and specs (the spec re-runs with the CLI).
 *
 * Simulations run in a Web Worker (renderer/src/workers/indexlab.worker.ts) over the pure engine in
 * shared/indexlab. Builder state, runs and results live in a module-level store, so switching views
 * loses nothing; named specs are saved in main (indexlab:saveSpec).
 */
import type { ChartOptions } from 'chart.js';
import Papa from 'papaparse';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Line } from 'react-chartjs-2';
import { SECTORS, type AssetInfo, type Sector } from '../../../shared/domain/types';
import {
  CADENCES,
  RISK_OFF_RULES,
  WEIGHTING_METHODS,
  defaultIndexSpec,
  parseIndexSpec,
  type Cadence,
  type CurvePoint,
  type IndexSpec,
  type MyPortfolioResult,
  type PerformanceMetrics,
  type RebalanceLog,
  type RiskOffRule,
  type SimulationResult,
  type SweepResult,
  type WeightingMethod,
} from '../../../shared/indexlab';
import type { SavedIndexSpec } from '../../../shared/ipc/channels/indexlab';
import type { PriceHistoryView } from '../../../shared/ipc/channels/portfolio';
import { Heatmap } from '../components/Heatmap';
import { call, errorText } from '../lib/api';
import { color } from '../lib/charts';
import { useApp } from '../lib/context';
import { date, money, pct } from '../lib/format';
import { CancelledError, SimulationError, indexLabClient, type WorkerStatus } from '../workers/indexlab-client';
import { GRADE_SIGNAL_NEUTRAL, type SignalSource } from '../workers/indexlab-protocol';
import './indexlab.css';

// =============================================================================================
// Builder form model: strings for what the user types, converted to a spec and validated by the
// engine's own schema (parseIndexSpec), with errors mapped back to the fields.

type UniverseType = 'top' | 'sector' | 'custom' | 'holdings';

interface BuilderForm {
  name: string;
  universeType: UniverseType;
  topN: string;
  sectors: Sector[];
  /** Custom list, or the holdings for the "my holdings" universe. */
  symbols: string[];
  /** Fixed targets of an imported holdings spec (kept as they were). */
  holdingsTargets: Record<string, number> | null;
  includeStablecoins: boolean;
  minHistoryDays: string;
  maxStaleDays: string;
  method: WeightingMethod;
  signalSource: SignalSource;
  maxWeightPct: string;
  volLookbackDays: string;
  signalLookbackDays: string;
  cadence: Cadence;
  bandPct: string;
  feeBps: string;
  slippageBps: string;
  riskOffEnabled: boolean;
  riskOffRule: RiskOffRule;
  riskOffAsset: string;
  maDays: string;
  checkDaily: boolean;
  startDate: string;
  endDate: string;
  initialCapital: string;
  benchmark: string;
  riskFreePct: string;
}

type FieldKey = keyof BuilderForm;
type FieldErrors = Partial<Record<FieldKey, string>>;

const trimNum = (x: number): string => String(Number(x.toPrecision(10)));

function formFromSpec(spec: IndexSpec, signalSource: SignalSource = 'grade'): BuilderForm {
  const u = spec.universe;
  return {
    name: spec.name ?? '',
    universeType: u.type,
    topN: u.type === 'holdings' ? '' : u.n !== undefined ? String(u.n) : '',
    sectors: u.type === 'sector' ? [...u.sectors] : [],
    symbols: u.type === 'custom' || u.type === 'holdings' ? [...u.symbols] : [],
    holdingsTargets: u.type === 'holdings' && u.targets ? { ...u.targets } : null,
    includeStablecoins: u.includeStablecoins,
    minHistoryDays: String(u.minHistoryDays),
    maxStaleDays: String(u.maxStaleDays),
    method: spec.weighting.method,
    signalSource,
    maxWeightPct: spec.weighting.maxWeight === null ? '' : trimNum(spec.weighting.maxWeight * 100),
    volLookbackDays: String(spec.weighting.volLookbackDays),
    signalLookbackDays: String(spec.weighting.signalLookbackDays),
    cadence: spec.rebalance.cadence,
    bandPct: trimNum(spec.rebalance.band * 100),
    feeBps: trimNum(spec.costs.feeBps),
    slippageBps: trimNum(spec.costs.slippageBps),
    riskOffEnabled: spec.riskOff.enabled,
    riskOffRule: spec.riskOff.rule,
    riskOffAsset: spec.riskOff.asset,
    maDays: String(spec.riskOff.maDays),
    checkDaily: spec.riskOff.checkDaily,
    startDate: spec.startDate ?? '',
    endDate: spec.endDate ?? '',
    initialCapital: trimNum(spec.initialCapital),
    benchmark: spec.benchmark,
    riskFreePct: trimNum(spec.riskFreeRate * 100),
  };
}

/** Engine error paths ("weighting.maxWeight") to the builder field that edits them. */
const PATH_TO_FIELD: Array<[string, FieldKey]> = [
  ['name', 'name'],
  ['universe.n', 'topN'],
  ['universe.sectors', 'sectors'],
  ['universe.symbols', 'symbols'],
  ['universe.targets', 'symbols'],
  ['universe.minHistoryDays', 'minHistoryDays'],
  ['universe.maxStaleDays', 'maxStaleDays'],
  ['weighting.method', 'method'],
  ['weighting.maxWeight', 'maxWeightPct'],
  ['weighting.volLookbackDays', 'volLookbackDays'],
  ['weighting.signalLookbackDays', 'signalLookbackDays'],
  ['rebalance.cadence', 'cadence'],
  ['rebalance.band', 'bandPct'],
  ['costs.feeBps', 'feeBps'],
  ['costs.slippageBps', 'slippageBps'],
  ['riskOff.asset', 'riskOffAsset'],
  ['riskOff.maDays', 'maDays'],
  ['initialCapital', 'initialCapital'],
  ['startDate', 'startDate'],
  ['endDate', 'endDate'],
  ['riskFreeRate', 'riskFreePct'],
  ['benchmark', 'benchmark'],
];

interface BuiltSpec {
  spec: IndexSpec | null;
  fields: FieldErrors;
  /** Problems that belong to no single field. */
  other: string[];
}

/** Converts the form to a validated spec, or field errors. */
function buildSpec(f: BuilderForm): BuiltSpec {
  const fields: FieldErrors = {};
  const num = (key: FieldKey, opts: { optional?: boolean; int?: boolean; min?: number; max?: number } = {}) => {
    const raw = String(f[key]).trim();
    if (raw === '') {
      if (!opts.optional) fields[key] = 'is required';
      return undefined;
    }
    const n = Number(raw);
    if (!Number.isFinite(n)) {
      fields[key] = 'must be a number';
      return undefined;
    }
    if (opts.int && !Number.isInteger(n)) fields[key] = 'must be a whole number';
    else if (opts.min !== undefined && n < opts.min) fields[key] = `must be at least ${opts.min}`;
    else if (opts.max !== undefined && n > opts.max) fields[key] = `must be at most ${opts.max}`;
    return n;
  };
  const common = {
    includeStablecoins: f.includeStablecoins,
    minHistoryDays: num('minHistoryDays', { int: true }),
    maxStaleDays: num('maxStaleDays', { int: true }),
  };
  let universe: Record<string, unknown>;
  switch (f.universeType) {
    case 'top':
      universe = { type: 'top', n: num('topN', { int: true }), ...common };
      break;
    case 'sector':
      universe = { type: 'sector', sectors: f.sectors, n: num('topN', { int: true, optional: true }), ...common };
      if (f.sectors.length === 0) fields.sectors = 'pick at least one sector';
      break;
    case 'custom':
      universe = { type: 'custom', symbols: f.symbols, n: num('topN', { int: true, optional: true }), ...common };
      if (f.symbols.length === 0) fields.symbols = 'pick at least one asset';
      break;
    case 'holdings':
      universe = {
        type: 'holdings',
        symbols: f.symbols,
        ...(f.holdingsTargets ? { targets: f.holdingsTargets } : {}),
        ...common,
      };
      if (f.symbols.length === 0) fields.symbols = 'the portfolio has no assets to use';
      break;
  }
  const maxWeightPct = num('maxWeightPct', { optional: true });
  if (maxWeightPct !== undefined && !(maxWeightPct > 0 && maxWeightPct <= 100)) {
    fields.maxWeightPct = 'must be above 0 and at most 100 (%), or empty for no cap';
  }
  const bandPct = num('bandPct');
  if (bandPct !== undefined && !(bandPct > 0 && bandPct < 100)) fields.bandPct = 'must be above 0 and below 100 (%)';
  const riskFreePct = num('riskFreePct');
  const input = {
    version: 1,
    ...(f.name.trim() ? { name: f.name.trim() } : {}),
    universe,
    weighting: {
      method: f.method,
      maxWeight: maxWeightPct === undefined ? null : maxWeightPct / 100,
      volLookbackDays: num('volLookbackDays', { int: true }),
      signalLookbackDays: num('signalLookbackDays', { int: true }),
    },
    rebalance: { cadence: f.cadence, band: bandPct === undefined ? undefined : bandPct / 100 },
    costs: { feeBps: num('feeBps', { min: 0 }), slippageBps: num('slippageBps', { min: 0 }) },
    riskOff: {
      enabled: f.riskOffEnabled,
      rule: f.riskOffRule,
      asset: f.riskOffAsset,
      maDays: num('maDays', { int: true }),
      checkDaily: f.checkDaily,
    },
    initialCapital: num('initialCapital'),
    startDate: f.startDate || null,
    endDate: f.endDate || null,
    riskFreeRate: riskFreePct === undefined ? undefined : riskFreePct / 100,
    benchmark: f.benchmark,
  };
  const other: string[] = [];
  const parsed = parseIndexSpec(input);
  if (!parsed.ok) {
    for (const line of parsed.errors) {
      const sep = line.indexOf(': ');
      const path = sep > 0 ? line.slice(0, sep) : '';
      const msg = sep > 0 ? line.slice(sep + 2) : line;
      const hit = PATH_TO_FIELD.find(([p]) => path === p || path.startsWith(`${p}.`));
      if (hit) fields[hit[1]] ??= msg;
      else other.push(line);
    }
  }
  if (Object.keys(fields).length > 0 || !parsed.ok) return { spec: null, fields, other };
  return { spec: parsed.spec, fields, other };
}

const METHOD_LABELS: Record<WeightingMethod, string> = {
  marketcap: 'Market cap',
  'sqrt-marketcap': 'Square-root market cap',
  equal: 'Equal',
  'inverse-volatility': 'Inverse volatility',
  signal: 'Signal',
};
const CADENCE_LABELS: Record<Cadence, string> = {
  weekly: 'Weekly',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  threshold: 'On drift (threshold band)',
};
const RULE_LABELS: Record<RiskOffRule, string> = {
  'btc-below-ma': 'Asset below its moving average',
  'basket-trend': 'Basket trend negative',
};

/** A short label for a spec ("Top 10 · market cap · weekly"). */
function describeSpec(spec: IndexSpec, signalSource: SignalSource): string {
  const u = spec.universe;
  const uni =
    u.type === 'top'
      ? `Top ${u.n}`
      : u.type === 'sector'
        ? `${u.sectors.join('+')}${u.n ? ` top ${u.n}` : ''}`
        : u.type === 'custom'
          ? `${u.symbols.length} assets${u.n ? ` top ${u.n}` : ''}`
          : 'My holdings';
  const w = spec.weighting;
  const method =
    w.method === 'signal'
      ? signalSource === 'grade'
        ? 'grade signal'
        : 'trend signal'
      : METHOD_LABELS[w.method].toLowerCase();
  const parts = [uni, method];
  if (w.maxWeight !== null) parts.push(`cap ${pct(w.maxWeight, 0)}`);
  parts.push(spec.rebalance.cadence === 'threshold' ? `band ${pct(spec.rebalance.band, 0)}` : spec.rebalance.cadence);
  if (spec.riskOff.enabled) parts.push('risk-off');
  return parts.join(' · ');
}

// =============================================================================================
// Module-level store: survives view switches for the whole session.

interface RunEntry {
  id: number;
  label: string;
  spec: IndexSpec;
  signalSource: SignalSource;
  result: SimulationResult;
  ms: number;
}

type AxisKey = keyof typeof SWEEP_PARAMS;
type SweepMetric = 'totalReturn' | 'cagr' | 'sharpe' | 'sortino' | 'maxDrawdown' | 'volatility' | 'annualTurnover';

interface SweepForm {
  xParam: AxisKey;
  xValues: string;
  yParam: AxisKey;
  yValues: string;
  metric: SweepMetric;
}

interface SweepRun {
  label: string;
  xParam: AxisKey;
  yParam: AxisKey;
  xLabels: string[];
  yLabels: string[];
  result: SweepResult;
  ms: number;
}

interface MyForm {
  cadence: Cadence;
  feeBps: string;
  days: string;
  targets: 'current' | 'saved';
}

interface LabState {
  form: BuilderForm;
  runs: RunEntry[];
  currentId: number | null;
  pinned: number[];
  running: boolean;
  runError: { message: string; errors: string[] } | null;
  sweepForm: SweepForm;
  sweep: SweepRun | null;
  sweepJob: { id: number; done: number; total: number } | null;
  sweepError: string | null;
  myForm: MyForm;
  my: MyPortfolioResult | null;
  myRunning: boolean;
  myError: string | null;
}

const MAX_RUNS_KEPT = 12;
const MAX_PINNED = 4;

let lab: LabState = {
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
const labListeners = new Set<() => void>();
let nextRunId = 1;

function setLab(patch: Partial<LabState> | ((s: LabState) => Partial<LabState>)): void {
  lab = { ...lab, ...(typeof patch === 'function' ? patch(lab) : patch) };
  for (const l of labListeners) l();
}
const subscribeLab = (l: () => void) => {
  labListeners.add(l);
  return () => labListeners.delete(l);
};
function useLab(): LabState {
  return useSyncExternalStore(subscribeLab, () => lab);
}
function setForm(patch: Partial<BuilderForm>): void {
  setLab((s) => ({ form: { ...s.form, ...patch } }));
}

function useWorkerStatus(): WorkerStatus {
  const client = indexLabClient();
  return useSyncExternalStore(
    (l) => client.subscribe(l),
    () => client.status,
  );
}

/** Loads the price history into the worker once per session. */
let historyPromise: Promise<PriceHistoryView> | null = null;
function loadHistory(): Promise<PriceHistoryView> {
  historyPromise ??= call('prices:history').then(
    (view) => {
      indexLabClient().load({ history: view.history, catalog: view.catalog });
      return view;
    },
    (err: unknown) => {
      historyPromise = null;
      throw err;
    },
  );
  return historyPromise;
}

function failureOf(err: unknown): { message: string; errors: string[] } {
  if (err instanceof SimulationError) return { message: err.message, errors: err.errors };
  return { message: errorText(err), errors: [] };
}

async function runSimulation(spec: IndexSpec, signalSource: SignalSource): Promise<void> {
  setLab({ running: true, runError: null });
  const started = performance.now();
  try {
    const result = await indexLabClient().run(spec, signalSource);
    const entry: RunEntry = {
      id: nextRunId++,
      label: spec.name?.trim() || describeSpec(spec, signalSource),
      spec,
      signalSource,
      result,
      ms: performance.now() - started,
    };
    setLab((s) => {
      let runs = [...s.runs, entry];
      while (runs.length > MAX_RUNS_KEPT) {
        const drop = runs.find((r) => !s.pinned.includes(r.id) && r.id !== entry.id);
        if (!drop) break;
        runs = runs.filter((r) => r !== drop);
      }
      return { runs, currentId: entry.id, running: false };
    });
  } catch (err) {
    setLab({ running: false, runError: failureOf(err) });
  }
}

// =============================================================================================
// Formatting and exports

const fmtNum = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : (v + 0).toFixed(digits).replace(/^-(0\.?0*)$/, '$1');
const signedPct = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : `${v > 0 ? '+' : ''}${pct(v, digits)}`;

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'index'
  );
}

const EXPORT_LIMIT = 20_000_000;

async function exportFile(
  kind: 'results-csv' | 'results-json' | 'spec-json',
  name: string,
  content: string,
): Promise<string | null> {
  if (content.length > EXPORT_LIMIT) {
    throw new Error(`This export is ${(content.length / 1e6).toFixed(1)} MB; the limit is 20 MB.`);
  }
  const { path } = await call('indexlab:export', { kind, name, content });
  return path;
}

function curvesCsv(result: SimulationResult): string {
  const btc = new Map((result.benchmarks.btc?.equity ?? []).map((p) => [p.t, p.v]));
  const hold = new Map(result.benchmarks.hold.equity.map((p) => [p.t, p.v]));
  const dd = new Map(result.drawdown.map((p) => [p.t, p.v]));
  const round = (v: number | undefined) => (v === undefined ? '' : Number(v.toFixed(6)));
  return Papa.unparse({
    fields: [
      'date',
      'strategy',
      `${(result.spec.benchmark || 'BTC').toLowerCase()}_buy_and_hold`,
      'held_basket',
      'drawdown',
    ],
    data: result.equity.map((p) => [
      date(p.t),
      round(p.v),
      round(btc.get(p.t)),
      round(hold.get(p.t)),
      round(dd.get(p.t)),
    ]),
  });
}

// =============================================================================================
// Charts

/** At most ~`max` points per series (every k-th, always keeping the last) for snappy charts. */
function thin<T>(points: T[], max = 500): T[] {
  if (points.length <= max) return points;
  const step = Math.ceil(points.length / max);
  const out = points.filter((_, i) => i % step === 0);
  if ((points.length - 1) % step !== 0) out.push(points[points.length - 1]!);
  return out;
}

const xy = (pts: CurvePoint[], scale = 1) => thin(pts).map((p) => ({ x: p.t, y: p.v * scale }));

function timeAxis(): NonNullable<ChartOptions<'line'>['scales']>['x'] {
  return {
    type: 'linear',
    bounds: 'data',
    ticks: { callback: (v) => date(Number(v)), maxTicksLimit: 8, maxRotation: 0 },
    grid: { display: false },
  };
}

function lineOptions(yFormat: (v: number) => string, extra: Partial<ChartOptions<'line'>> = {}): ChartOptions<'line'> {
  return {
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    interaction: { mode: 'index', intersect: false },
    elements: { point: { radius: 0, hoverRadius: 3 }, line: { borderWidth: 1.6 } },
    plugins: {
      legend: { position: 'bottom', labels: { boxWidth: 12 } },
      tooltip: {
        callbacks: {
          title: (items) => (items[0] ? date(Number(items[0].parsed.x)) : ''),
          label: (item) => `${item.dataset.label ?? ''}: ${yFormat(Number(item.parsed.y))}`,
        },
      },
    },
    scales: {
      x: timeAxis(),
      y: { ticks: { callback: (v) => yFormat(Number(v)) } },
    },
    ...extra,
  };
}

function ChartBox(props: { label: string; testId: string; tall?: boolean; children: ReactNode }) {
  return (
    <div
      className={props.tall ? 'chart-box tall' : 'chart-box'}
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
    >
      {props.children}
    </div>
  );
}

function EquityChart({ result, base }: { result: SimulationResult; base: string }) {
  const data = useMemo(() => {
    const sets = [
      { label: 'Strategy', data: xy(result.equity), borderColor: color(0), backgroundColor: color(0) },
      ...(result.benchmarks.btc
        ? [
            {
              label: result.benchmarks.btc.label,
              data: xy(result.benchmarks.btc.equity),
              borderColor: color(1),
              backgroundColor: color(1),
            },
          ]
        : []),
      {
        label: result.benchmarks.hold.label,
        data: xy(result.benchmarks.hold.equity),
        borderColor: color(15),
        backgroundColor: color(15),
        borderDash: [5, 4],
      },
    ];
    return { datasets: sets };
  }, [result]);
  const options = useMemo(() => lineOptions((v) => money(v, base, 0)), [base]);
  return (
    <ChartBox
      label="Equity curve of the strategy against buy-and-hold of the benchmark and the same basket without rebalancing"
      testId="chart-equity"
      tall
    >
      <Line data={data} options={options} />
    </ChartBox>
  );
}

function DrawdownChart({ result }: { result: SimulationResult }) {
  const data = useMemo(
    () => ({
      datasets: [
        {
          label: 'Drawdown',
          data: xy(result.drawdown),
          borderColor: '#f85149',
          backgroundColor: 'rgba(248, 81, 73, 0.28)',
          fill: 'origin' as const,
        },
      ],
    }),
    [result],
  );
  const options = useMemo(
    () =>
      lineOptions((v) => pct(v, 0), {
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: (items) => (items[0] ? date(Number(items[0].parsed.x)) : ''),
              label: (item) => `Drawdown: ${pct(Number(item.parsed.y), 1)}`,
            },
          },
        },
      }),
    [],
  );
  return (
    <ChartBox label="Drawdown of the strategy from its running peak" testId="chart-drawdown">
      <Line data={data} options={options} />
    </ChartBox>
  );
}

function WeightsChart({ result }: { result: SimulationResult }) {
  const data = useMemo(() => {
    const w = result.weights;
    const idx = thin(
      w.t.map((_, i) => i),
      400,
    );
    // Largest average weight first, so the big holdings sit at the bottom of the stack.
    const avg = (arr: number[]) => arr.reduce((s, x) => s + x, 0) / Math.max(1, arr.length);
    const series = [...w.series].sort((a, b) => avg(b.w) - avg(a.w));
    const sets = series.map((s, i) => ({
      label: s.symbol,
      data: idx.map((k) => ({ x: w.t[k]!, y: s.w[k] ?? 0 })),
      borderColor: color(i),
      backgroundColor: `${color(i)}bb`,
      fill: i === 0 ? ('origin' as const) : ('-1' as const),
      borderWidth: 0.5,
    }));
    if (w.cash.some((c) => c > 1e-9)) {
      sets.push({
        label: 'Cash',
        data: idx.map((k) => ({ x: w.t[k]!, y: w.cash[k] ?? 0 })),
        borderColor: '#8b949e',
        backgroundColor: '#8b949e66',
        fill: sets.length === 0 ? ('origin' as const) : ('-1' as const),
        borderWidth: 0.5,
      });
    }
    return { datasets: sets };
  }, [result]);
  const options = useMemo(
    () =>
      lineOptions((v) => pct(v, 0), {
        scales: {
          x: timeAxis(),
          y: { stacked: true, min: 0, max: 1, ticks: { callback: (v) => pct(Number(v), 0) } },
        },
        plugins: {
          legend: { position: 'right', labels: { boxWidth: 10, font: { size: 11 } } },
          tooltip: {
            itemSort: (a, b) => Number(b.parsed.y) - Number(a.parsed.y),
            filter: (item) => Number(item.parsed.y) > 0.0005,
            callbacks: {
              title: (items) => (items[0] ? date(Number(items[0].parsed.x)) : ''),
              label: (item) => `${item.dataset.label ?? ''}: ${pct(Number(item.parsed.y), 1)}`,
            },
          },
        },
      }),
    [],
  );
  return (
    <ChartBox label="Weights of each asset and cash over time, stacked to 100%" testId="chart-weights" tall>
      <Line data={data} options={options} />
    </ChartBox>
  );
}

// =============================================================================================
// Small controls

function Field(props: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={`field${props.error ? ' has-error' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.error ? (
        <span className="error-text small" id={`${props.id}-error`} role="alert">
          {props.error}
        </span>
      ) : props.hint ? (
        <span className="muted small">{props.hint}</span>
      ) : null}
    </div>
  );
}

function TextInput(props: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  inputMode?: 'decimal' | 'numeric' | 'text';
  placeholder?: string;
  type?: string;
}) {
  return (
    <input
      id={props.id}
      type={props.type ?? 'text'}
      inputMode={props.inputMode ?? 'decimal'}
      value={props.value}
      placeholder={props.placeholder}
      aria-invalid={props.error ? true : undefined}
      aria-describedby={props.error ? `${props.id}-error` : undefined}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}

function Notes({ title, items, testId }: { title: string; items: string[]; testId?: string }) {
  if (items.length === 0) return null;
  return (
    <details className="il-notes" data-testid={testId}>
      <summary>
        {title} ({items.length})
      </summary>
      <ul>
        {items.map((w, i) => (
          <li key={i} className="small">
            {w}
          </li>
        ))}
      </ul>
    </details>
  );
}

// =============================================================================================
// Builder

function AssetPicker(props: {
  symbols: string[];
  catalog: Record<string, AssetInfo>;
  selected: string[];
  onChange: (s: string[]) => void;
  error?: string | undefined;
}) {
  const [filter, setFilter] = useState('');
  const q = filter.trim().toLowerCase();
  const shown = props.symbols.filter(
    (s) => !q || s.toLowerCase().includes(q) || (props.catalog[s]?.name ?? '').toLowerCase().includes(q),
  );
  const sel = new Set(props.selected);
  const toggle = (s: string) =>
    props.onChange(sel.has(s) ? props.selected.filter((x) => x !== s) : [...props.selected, s]);
  return (
    <fieldset className="il-picker" aria-describedby={props.error ? 'il-symbols-error' : undefined}>
      <legend>
        Assets <span className="muted small">({props.selected.length} selected)</span>
      </legend>
      <div className="row">
        <input
          type="search"
          aria-label="Filter assets"
          placeholder="Filter…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <button type="button" onClick={() => props.onChange([...new Set([...props.selected, ...shown])])}>
          Select shown
        </button>
        <button type="button" onClick={() => props.onChange([])} disabled={props.selected.length === 0}>
          Clear
        </button>
      </div>
      <div className="il-chips">
        {shown.map((s) => (
          <label key={s} className={sel.has(s) ? 'il-chip on' : 'il-chip'} title={props.catalog[s]?.name ?? s}>
            <input type="checkbox" checked={sel.has(s)} onChange={() => toggle(s)} />
            {s}
          </label>
        ))}
        {shown.length === 0 && <span className="muted small">No asset matches.</span>}
      </div>
      {props.error && (
        <span className="error-text small" id="il-symbols-error" role="alert">
          {props.error}
        </span>
      )}
    </fieldset>
  );
}

function Builder(props: {
  history: PriceHistoryView | undefined;
  holdings: string[];
  status: WorkerStatus;
  saved: SavedIndexSpec[];
  onSaved: (list: SavedIndexSpec[]) => void;
}) {
  const { form, running, runError } = useLab();
  const [errors, setErrors] = useState<BuiltSpec | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string; details?: string[] } | null>(null);
  const [saveName, setSaveName] = useState('');
  const [chosen, setChosen] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const symbols = useMemo(() => Object.keys(props.history?.history ?? {}).sort(), [props.history]);
  const catalog = useMemo(() => props.history?.catalog ?? {}, [props.history]);
  const sectorCounts = useMemo(() => {
    const m = new Map<Sector, number>();
    for (const s of symbols) for (const sec of catalog[s]?.sectors ?? []) m.set(sec, (m.get(sec) ?? 0) + 1);
    return m;
  }, [symbols, catalog]);
  const fe = errors?.fields ?? {};
  const ready = props.status.state === 'ready';

  const validate = (): IndexSpec | null => {
    const built = buildSpec(form);
    setErrors(built);
    return built.spec;
  };

  const onRun = () => {
    setMessage(null);
    const spec = validate();
    if (spec) void runSimulation(spec, form.signalSource);
  };

  const update = (patch: Partial<BuilderForm>) => {
    setForm(patch);
    if (errors) setErrors(null);
  };

  const pickHoldings = () =>
    update({ universeType: 'holdings', symbols: [...props.holdings], holdingsTargets: null, topN: '' });

  const onExportSpec = async () => {
    setMessage(null);
    const spec = validate();
    if (!spec) return;
    try {
      const path = await exportFile(
        'spec-json',
        `ballast-index-spec-${slug(spec.name ?? describeSpec(spec, form.signalSource))}.json`,
        `${JSON.stringify(spec, null, 2)}\n`,
      );
      setMessage(path ? { kind: 'ok', text: `Spec saved to ${path}` } : null);
    } catch (err) {
      setMessage({ kind: 'error', text: `Could not export the spec: ${errorText(err)}` });
    }
  };

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    setMessage(null);
    try {
      if (file.size > 5_000_000) throw new Error('the file is larger than 5 MB; a spec is a small JSON file');
      const text = await file.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw new Error(`the file is not JSON (${err instanceof Error ? err.message : 'unreadable'})`);
      }
      const parsed = parseIndexSpec(json);
      if (!parsed.ok) {
        setMessage({ kind: 'error', text: `${file.name} is not a valid index spec:`, details: parsed.errors });
        return;
      }
      setForm(formFromSpec(parsed.spec, form.signalSource));
      setErrors(null);
      setMessage({ kind: 'ok', text: `Loaded ${file.name}. Press Run to simulate it.` });
    } catch (err) {
      setMessage({ kind: 'error', text: `Could not import ${file.name}: ${errorText(err)}` });
    } finally {
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  const onSave = async () => {
    setMessage(null);
    const spec = validate();
    if (!spec) return;
    const name = (saveName.trim() || spec.name?.trim() || describeSpec(spec, form.signalSource)).slice(0, 100);
    try {
      const list = await call('indexlab:saveSpec', { name, spec });
      props.onSaved(list);
      setChosen(name);
      setMessage({ kind: 'ok', text: `Saved as "${name}".` });
    } catch (err) {
      setMessage({ kind: 'error', text: `Could not save the spec: ${errorText(err)}` });
    }
  };

  const onLoad = () => {
    const entry = props.saved.find((s) => s.name === chosen);
    if (!entry) return;
    if (!entry.spec) {
      setMessage({ kind: 'error', text: `"${entry.name}" can no longer be read:`, details: entry.errors ?? [] });
      return;
    }
    setForm(formFromSpec(entry.spec, form.signalSource));
    setErrors(null);
    setSaveName(entry.name);
    setMessage({ kind: 'ok', text: `Loaded "${entry.name}".` });
  };

  const onDelete = async () => {
    if (!chosen) return;
    try {
      props.onSaved(await call('indexlab:deleteSpec', { name: chosen }));
      setMessage({ kind: 'ok', text: `Deleted "${chosen}".` });
      setChosen('');
    } catch (err) {
      setMessage({ kind: 'error', text: `Could not delete: ${errorText(err)}` });
    }
  };

  const dataRange =
    props.status.state === 'ready'
      ? `${date(props.status.summary.firstDay)} to ${date(props.status.summary.lastDay)}`
      : undefined;

  return (
    <section className="panel" aria-labelledby="il-builder-title" data-testid="indexlab-builder">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onRun();
        }}
      >
        <div className="toolbar">
          <h2 id="il-builder-title">Build an index</h2>
          <div className="actions">
            <button
              type="button"
              onClick={() => {
                update(formFromSpec(defaultIndexSpec(), form.signalSource));
                setMessage(null);
              }}
            >
              Reset to defaults
            </button>
          </div>
        </div>

        <div className="il-builder">
          <fieldset className="il-group">
            <legend>Universe</legend>
            <Field id="il-name" label="Name" error={fe.name} hint="Optional label for results and exports.">
              <TextInput
                id="il-name"
                inputMode="text"
                value={form.name}
                onChange={(v) => update({ name: v })}
                error={fe.name}
              />
            </Field>
            <Field id="il-universe" label="Assets">
              <select
                id="il-universe"
                value={form.universeType}
                onChange={(e) => {
                  const t = e.target.value as UniverseType;
                  if (t === 'holdings') pickHoldings();
                  else
                    update({
                      universeType: t,
                      topN: t === 'top' ? form.topN || '10' : form.universeType === 'top' ? '' : form.topN,
                      symbols: t === 'custom' && form.universeType !== 'custom' ? [] : form.symbols,
                      holdingsTargets: null,
                    });
                }}
              >
                <option value="top">Top N by market cap</option>
                <option value="sector">Sector</option>
                <option value="custom">Custom list</option>
                <option value="holdings">My holdings</option>
              </select>
            </Field>
            {form.universeType !== 'holdings' && (
              <Field
                id="il-topn"
                label={form.universeType === 'top' ? 'Top N' : 'Keep the largest N (optional)'}
                error={fe.topN}
                hint={
                  form.universeType === 'top'
                    ? 'The N largest by market cap, re-ranked at each rebalance.'
                    : 'Empty: all of them.'
                }
              >
                <TextInput
                  id="il-topn"
                  inputMode="numeric"
                  value={form.topN}
                  onChange={(v) => update({ topN: v })}
                  error={fe.topN}
                />
              </Field>
            )}
            {form.universeType === 'sector' && (
              <fieldset className="il-picker">
                <legend>Sectors</legend>
                <div className="il-chips">
                  {SECTORS.map((s) => {
                    const n = sectorCounts.get(s) ?? 0;
                    const on = form.sectors.includes(s);
                    return (
                      <label key={s} className={on ? 'il-chip on' : 'il-chip'}>
                        <input
                          type="checkbox"
                          checked={on}
                          disabled={n === 0 && !on}
                          onChange={() =>
                            update({ sectors: on ? form.sectors.filter((x) => x !== s) : [...form.sectors, s] })
                          }
                        />
                        {s} <span className="muted small">{n}</span>
                      </label>
                    );
                  })}
                </div>
                {fe.sectors && (
                  <span className="error-text small" role="alert">
                    {fe.sectors}
                  </span>
                )}
              </fieldset>
            )}
            {form.universeType === 'custom' && (
              <AssetPicker
                symbols={symbols}
                catalog={catalog}
                selected={form.symbols}
                onChange={(s) => update({ symbols: s })}
                error={fe.symbols}
              />
            )}
            {form.universeType === 'holdings' && (
              <div className="field">
                <span>Holdings used</span>
                <span className="small" data-testid="il-holdings">
                  {form.symbols.length ? form.symbols.join(', ') : 'none'}
                </span>
                {form.holdingsTargets && <span className="muted small">Fixed targets from the imported spec.</span>}
                <button type="button" onClick={pickHoldings}>
                  Refresh from my portfolio
                </button>
                {fe.symbols && (
                  <span className="error-text small" role="alert">
                    {fe.symbols}
                  </span>
                )}
              </div>
            )}
            <label className="field checkbox">
              <input
                type="checkbox"
                checked={form.includeStablecoins}
                onChange={(e) => update({ includeStablecoins: e.target.checked })}
              />
              Include stablecoins in the basket
            </label>
          </fieldset>

          <fieldset className="il-group">
            <legend>Weighting</legend>
            <Field id="il-method" label="Method">
              <select
                id="il-method"
                value={form.method}
                onChange={(e) => update({ method: e.target.value as WeightingMethod })}
              >
                {WEIGHTING_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {METHOD_LABELS[m]}
                  </option>
                ))}
              </select>
            </Field>
            {form.method === 'signal' && (
              <Field
                id="il-signal"
                label="Signal"
                hint={
                  form.signalSource === 'grade'
                    ? `Weight grows with the Trader Grade above ${GRADE_SIGNAL_NEUTRAL}; assets at or below get none. The CLI uses the trend signal instead.`
                    : 'close / EMA − 1, positive trends only. Same as the CLI.'
                }
              >
                <select
                  id="il-signal"
                  value={form.signalSource}
                  onChange={(e) => update({ signalSource: e.target.value as SignalSource })}
                >
                  <option value="grade">Trader Grade</option>
                  <option value="trend">Price trend (EMA)</option>
                </select>
              </Field>
            )}
            {form.method === 'signal' && form.signalSource === 'trend' && (
              <Field id="il-siglen" label="Trend EMA length (days)" error={fe.signalLookbackDays}>
                <TextInput
                  id="il-siglen"
                  inputMode="numeric"
                  value={form.signalLookbackDays}
                  onChange={(v) => update({ signalLookbackDays: v })}
                  error={fe.signalLookbackDays}
                />
              </Field>
            )}
            {form.method === 'inverse-volatility' && (
              <Field id="il-vollen" label="Volatility window (days)" error={fe.volLookbackDays}>
                <TextInput
                  id="il-vollen"
                  inputMode="numeric"
                  value={form.volLookbackDays}
                  onChange={(v) => update({ volLookbackDays: v })}
                  error={fe.volLookbackDays}
                />
              </Field>
            )}
            <Field
              id="il-cap"
              label="Max weight per asset (%)"
              error={fe.maxWeightPct}
              hint="Empty: no cap. Excess goes to the other assets."
            >
              <TextInput
                id="il-cap"
                value={form.maxWeightPct}
                placeholder="no cap"
                onChange={(v) => update({ maxWeightPct: v })}
                error={fe.maxWeightPct}
              />
            </Field>
          </fieldset>

          <fieldset className="il-group">
            <legend>Rebalancing and costs</legend>
            <Field id="il-cadence" label="Rebalance">
              <select
                id="il-cadence"
                value={form.cadence}
                onChange={(e) => update({ cadence: e.target.value as Cadence })}
              >
                {CADENCES.map((c) => (
                  <option key={c} value={c}>
                    {CADENCE_LABELS[c]}
                  </option>
                ))}
              </select>
            </Field>
            {form.cadence === 'threshold' && (
              <Field
                id="il-band"
                label="Band (percentage points)"
                error={fe.bandPct}
                hint="Rebalance when any weight drifts this far."
              >
                <TextInput
                  id="il-band"
                  value={form.bandPct}
                  onChange={(v) => update({ bandPct: v })}
                  error={fe.bandPct}
                />
              </Field>
            )}
            <div className="il-pair">
              <Field id="il-fee" label="Fee (bps)" error={fe.feeBps}>
                <TextInput id="il-fee" value={form.feeBps} onChange={(v) => update({ feeBps: v })} error={fe.feeBps} />
              </Field>
              <Field id="il-slip" label="Slippage (bps)" error={fe.slippageBps}>
                <TextInput
                  id="il-slip"
                  value={form.slippageBps}
                  onChange={(v) => update({ slippageBps: v })}
                  error={fe.slippageBps}
                />
              </Field>
            </div>
            <label className="field checkbox">
              <input
                type="checkbox"
                checked={form.riskOffEnabled}
                onChange={(e) => update({ riskOffEnabled: e.target.checked })}
              />
              Risk-off: move to cash in a downtrend
            </label>
            {form.riskOffEnabled && (
              <>
                <Field id="il-rule" label="Risk-off rule">
                  <select
                    id="il-rule"
                    value={form.riskOffRule}
                    onChange={(e) => update({ riskOffRule: e.target.value as RiskOffRule })}
                  >
                    {RISK_OFF_RULES.map((r) => (
                      <option key={r} value={r}>
                        {RULE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                </Field>
                <div className="il-pair">
                  {form.riskOffRule === 'btc-below-ma' && (
                    <Field id="il-roasset" label="Watched asset" error={fe.riskOffAsset}>
                      <TextInput
                        id="il-roasset"
                        inputMode="text"
                        value={form.riskOffAsset}
                        onChange={(v) => update({ riskOffAsset: v })}
                        error={fe.riskOffAsset}
                      />
                    </Field>
                  )}
                  <Field
                    id="il-ma"
                    label={form.riskOffRule === 'btc-below-ma' ? 'SMA days' : 'EMA days'}
                    error={fe.maDays}
                  >
                    <TextInput
                      id="il-ma"
                      inputMode="numeric"
                      value={form.maDays}
                      onChange={(v) => update({ maDays: v })}
                      error={fe.maDays}
                    />
                  </Field>
                </div>
                <label className="field checkbox">
                  <input
                    type="checkbox"
                    checked={form.checkDaily}
                    onChange={(e) => update({ checkDaily: e.target.checked })}
                  />
                  Check every day (not only on rebalance days)
                </label>
              </>
            )}
          </fieldset>

          <fieldset className="il-group">
            <legend>Period and capital</legend>
            <div className="il-pair">
              <Field
                id="il-start"
                label="Start"
                error={fe.startDate}
                hint={dataRange ? 'Empty: as early as the data allows.' : undefined}
              >
                <TextInput
                  id="il-start"
                  type="date"
                  value={form.startDate}
                  onChange={(v) => update({ startDate: v })}
                  error={fe.startDate}
                />
              </Field>
              <Field id="il-end" label="End" error={fe.endDate} hint={dataRange ? 'Empty: the last day.' : undefined}>
                <TextInput
                  id="il-end"
                  type="date"
                  value={form.endDate}
                  onChange={(v) => update({ endDate: v })}
                  error={fe.endDate}
                />
              </Field>
            </div>
            <Field id="il-capital" label="Initial capital" error={fe.initialCapital}>
              <TextInput
                id="il-capital"
                value={form.initialCapital}
                onChange={(v) => update({ initialCapital: v })}
                error={fe.initialCapital}
              />
            </Field>
            <details className="il-advanced">
              <summary>Advanced</summary>
              <div className="il-pair">
                <Field id="il-minhist" label="Min. history (days)" error={fe.minHistoryDays}>
                  <TextInput
                    id="il-minhist"
                    inputMode="numeric"
                    value={form.minHistoryDays}
                    onChange={(v) => update({ minHistoryDays: v })}
                    error={fe.minHistoryDays}
                  />
                </Field>
                <Field id="il-stale" label="Max. stale (days)" error={fe.maxStaleDays}>
                  <TextInput
                    id="il-stale"
                    inputMode="numeric"
                    value={form.maxStaleDays}
                    onChange={(v) => update({ maxStaleDays: v })}
                    error={fe.maxStaleDays}
                  />
                </Field>
              </div>
              <div className="il-pair">
                <Field id="il-bench" label="Benchmark" error={fe.benchmark}>
                  <TextInput
                    id="il-bench"
                    inputMode="text"
                    value={form.benchmark}
                    onChange={(v) => update({ benchmark: v })}
                    error={fe.benchmark}
                  />
                </Field>
                <Field id="il-rf" label="Risk-free rate (%/yr)" error={fe.riskFreePct}>
                  <TextInput
                    id="il-rf"
                    value={form.riskFreePct}
                    onChange={(v) => update({ riskFreePct: v })}
                    error={fe.riskFreePct}
                  />
                </Field>
              </div>
            </details>
            {dataRange && <p className="muted small">Prices available {dataRange}.</p>}
          </fieldset>
        </div>

        {errors && errors.other.length > 0 && (
          <div className="banner error" role="alert">
            <ul className="il-errors">
              {errors.other.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        )}
        {errors && !errors.spec && errors.other.length === 0 && (
          <p className="error-text small" role="alert">
            Fix the highlighted fields to run.
          </p>
        )}

        <div className="actions il-actions">
          <button
            type="submit"
            className="primary"
            disabled={!ready || running}
            data-testid="run-button"
            aria-busy={running}
          >
            {running ? 'Running…' : 'Run simulation'}
          </button>
          {!ready && props.status.state !== 'error' && <span className="muted small">Loading prices…</span>}
          <span className="il-spacer" />
          <button type="button" onClick={() => void onExportSpec()} data-testid="export-spec">
            Export spec
          </button>
          <label className="il-file">
            <input
              ref={fileRef}
              type="file"
              accept=".json,application/json"
              aria-label="Import a spec JSON file"
              data-testid="import-spec"
              onChange={(e) => void onImport(e.target.files?.[0])}
            />
            <span aria-hidden="true">Import spec…</span>
          </label>
        </div>
      </form>

      <div className="il-saved row" data-testid="saved-specs">
        <label htmlFor="il-save-name" className="small muted">
          Save as
        </label>
        <input
          id="il-save-name"
          value={saveName}
          placeholder={form.name || 'spec name'}
          maxLength={100}
          onChange={(e) => setSaveName(e.target.value)}
        />
        <button type="button" onClick={() => void onSave()}>
          Save spec
        </button>
        <label htmlFor="il-saved" className="small muted">
          Saved
        </label>
        <select
          id="il-saved"
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          disabled={props.saved.length === 0}
        >
          <option value="">{props.saved.length ? 'Choose a saved spec…' : 'No saved specs yet'}</option>
          {props.saved.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
              {s.spec ? '' : ' (unreadable)'}
            </option>
          ))}
        </select>
        <button type="button" onClick={onLoad} disabled={!chosen}>
          Load
        </button>
        <button type="button" className="danger" onClick={() => void onDelete()} disabled={!chosen}>
          Delete
        </button>
      </div>

      {message && (
        <div
          className={`banner ${message.kind === 'error' ? 'error' : ''}`}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="builder-message"
        >
          {message.text}
          {message.details && message.details.length > 0 && (
            <ul className="il-errors">
              {message.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {runError && (
        <div className="banner error" role="alert" data-testid="run-error">
          {runError.message}
          {runError.errors.length > 0 && (
            <ul className="il-errors">
              {runError.errors.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

// =============================================================================================
// Result card

function Metric(props: { label: string; value: ReactNode; sub?: ReactNode; testId: string }) {
  return (
    <div className="card" data-testid={props.testId}>
      <div className="card-label">{props.label}</div>
      <div className="card-value">{props.value}</div>
      {props.sub && <div className="muted small">{props.sub}</div>}
    </div>
  );
}

function MetricCards({ result, base }: { result: SimulationResult; base: string }) {
  const m = result.metrics;
  const btc = result.benchmarks.btc?.metrics;
  const hold = result.benchmarks.hold.metrics;
  return (
    <div className="cards il-metrics" data-testid="metrics">
      <Metric
        testId="metric-total-return"
        label="Total return"
        value={signedPct(m.totalReturn)}
        sub={`${money(result.initialValue, base, 0)} → ${money(result.finalValue, base, 0)}`}
      />
      <Metric testId="metric-cagr" label="CAGR" value={signedPct(m.cagr)} sub={`${m.days} days`} />
      <Metric testId="metric-volatility" label="Volatility" value={pct(m.volatility)} sub="annualised" />
      <Metric testId="metric-sharpe" label="Sharpe" value={fmtNum(m.sharpe)} sub={`Sortino ${fmtNum(m.sortino)}`} />
      <Metric
        testId="metric-max-drawdown"
        label="Max drawdown"
        value={m.maxDrawdown > 0 ? `−${pct(m.maxDrawdown)}` : pct(0)}
        sub={
          m.maxDrawdownPeak !== null && m.maxDrawdownTrough !== null
            ? `${date(m.maxDrawdownPeak)} → ${date(m.maxDrawdownTrough)}${m.maxDrawdownRecovery ? `, recovered ${date(m.maxDrawdownRecovery)}` : ', not recovered'}`
            : 'none'
        }
      />
      <Metric
        testId="metric-turnover"
        label="Turnover"
        value={pct(m.turnover, 0)}
        sub={`${pct(m.annualTurnover, 0)} a year · ${m.rebalances} rebalances`}
      />
      <Metric
        testId="metric-fees"
        label="Fees paid"
        value={money(m.costsPaid, base)}
        sub={`fees ${money(m.feesPaid, base)} + slippage ${money(m.slippagePaid, base)}`}
      />
      <Metric
        testId="metric-benchmarks"
        label="Benchmarks"
        value={
          <span className="il-bench">
            {btc ? `${result.benchmarks.btc?.label}: ${signedPct(btc.totalReturn)}` : 'no benchmark data'}
          </span>
        }
        sub={`Held without rebalancing: ${signedPct(hold.totalReturn)}`}
      />
    </div>
  );
}

const LOG_PAGE = 12;

function topWeights(w: Record<string, number>, n = 4): string {
  const entries = Object.entries(w).sort((a, b) => b[1] - a[1]);
  const head = entries.slice(0, n).map(([s, x]) => `${s} ${pct(x, 0)}`);
  return entries.length > n ? `${head.join(', ')} +${entries.length - n}` : head.join(', ') || '–';
}

function RebalanceLogTable({ log, base }: { log: RebalanceLog[]; base: string }) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(log.length / LOG_PAGE));
  const p = Math.min(page, pages - 1);
  const rows = log.slice(p * LOG_PAGE, (p + 1) * LOG_PAGE);
  return (
    <details className="il-log" data-testid="rebalance-log">
      <summary>Rebalance log ({log.length})</summary>
      <table className="table">
        <thead>
          <tr>
            <th>Date</th>
            <th>Reason</th>
            <th className="num">Value before</th>
            <th className="num">Turnover</th>
            <th className="num">Costs</th>
            <th className="num">Cash</th>
            <th>Largest targets</th>
            <th className="num">Trades</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.t}>
              <td>{r.date}</td>
              <td>
                <span className={`tag ${r.riskOff ? 'warn' : r.reason === 'initial' ? 'info' : ''}`}>{r.reason}</span>
                {r.notes.length > 0 && <div className="muted small">{r.notes.join('; ')}</div>}
              </td>
              <td className="num">{money(r.valueBefore, base, 0)}</td>
              <td className="num">{pct(r.turnover, 1)}</td>
              <td className="num">{money(r.fees + r.slippage, base)}</td>
              <td className="num">{pct(r.cash, 0)}</td>
              <td className="small">{topWeights(r.weights)}</td>
              <td className="num">{r.trades.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row il-pager">
        <button type="button" onClick={() => setPage(p - 1)} disabled={p === 0} aria-label="Previous page of the log">
          ‹ Previous
        </button>
        <span className="small muted" aria-live="polite">
          Page {p + 1} of {pages}
        </span>
        <button
          type="button"
          onClick={() => setPage(p + 1)}
          disabled={p >= pages - 1}
          aria-label="Next page of the log"
        >
          Next ›
        </button>
      </div>
    </details>
  );
}

function RunCard({ run, base }: { run: RunEntry; base: string }) {
  const { pinned } = useLab();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const isPinned = pinned.includes(run.id);
  const r = run.result;
  const fileBase = `ballast-index-${slug(run.label)}`;
  const doExport = async (kind: 'results-csv' | 'results-json' | 'spec-json') => {
    setMsg(null);
    try {
      const content =
        kind === 'results-csv'
          ? curvesCsv(r)
          : kind === 'results-json'
            ? JSON.stringify(r)
            : `${JSON.stringify(run.spec, null, 2)}\n`;
      const ext = kind === 'results-csv' ? 'csv' : 'json';
      const path = await exportFile(kind, `${fileBase}${kind === 'spec-json' ? '-spec' : ''}.${ext}`, content);
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
            {run.label !== describeSpec(run.spec, run.signalSource) && `${describeSpec(run.spec, run.signalSource)} · `}
            {date(r.start)} to {date(r.end)} · computed in {Math.max(1, Math.round(run.ms))} ms
          </div>
        </div>
        <div className="actions">
          <button
            type="button"
            data-testid="pin-run"
            onClick={() =>
              setLab((s) => ({ pinned: isPinned ? s.pinned.filter((x) => x !== run.id) : [...s.pinned, run.id] }))
            }
            disabled={!isPinned && pinned.length >= MAX_PINNED}
            aria-pressed={isPinned}
            title={
              !isPinned && pinned.length >= MAX_PINNED ? 'Up to 4 runs can be compared; remove one first.' : undefined
            }
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

function RunHistory() {
  const { runs, currentId, pinned } = useLab();
  if (runs.length < 2) return null;
  return (
    <div className="il-history row" role="group" aria-label="Recent runs">
      <span className="small muted">Recent runs:</span>
      {[...runs].reverse().map((r) => (
        <button
          type="button"
          key={r.id}
          className={r.id === currentId ? 'il-run-chip active' : 'il-run-chip'}
          aria-pressed={r.id === currentId}
          onClick={() => setLab({ currentId: r.id })}
        >
          {r.label}
          {pinned.includes(r.id) ? ' 📌' : ''}
        </button>
      ))}
    </div>
  );
}

// =============================================================================================
// Compare

type Better = 'high' | 'low' | null;
const COMPARE_ROWS: Array<{
  key: string;
  label: string;
  get: (r: SimulationResult) => number | null;
  fmt: (v: number | null) => string;
  better: Better;
}> = [
  {
    key: 'final',
    label: 'Final value (per 100 invested)',
    get: (r) => (r.finalValue / r.initialValue) * 100,
    fmt: (v) => fmtNum(v, 1),
    better: 'high',
  },
  {
    key: 'totalReturn',
    label: 'Total return',
    get: (r) => r.metrics.totalReturn,
    fmt: (v) => signedPct(v),
    better: 'high',
  },
  { key: 'cagr', label: 'CAGR', get: (r) => r.metrics.cagr, fmt: (v) => signedPct(v), better: 'high' },
  { key: 'volatility', label: 'Volatility', get: (r) => r.metrics.volatility, fmt: (v) => pct(v), better: 'low' },
  { key: 'sharpe', label: 'Sharpe', get: (r) => r.metrics.sharpe, fmt: (v) => fmtNum(v), better: 'high' },
  { key: 'sortino', label: 'Sortino', get: (r) => r.metrics.sortino, fmt: (v) => fmtNum(v), better: 'high' },
  {
    key: 'maxDrawdown',
    label: 'Max drawdown',
    get: (r) => r.metrics.maxDrawdown,
    fmt: (v) => (v === null ? '–' : `−${pct(v)}`),
    better: 'low',
  },
  {
    key: 'turnover',
    label: 'Turnover (a year)',
    get: (r) => r.metrics.annualTurnover,
    fmt: (v) => pct(v, 0),
    better: 'low',
  },
  {
    key: 'costs',
    label: 'Costs (% of initial)',
    get: (r) => r.metrics.costsPaid / r.initialValue,
    fmt: (v) => pct(v, 2),
    better: 'low',
  },
  {
    key: 'rebalances',
    label: 'Rebalances',
    get: (r) => r.metrics.rebalances,
    fmt: (v) => (v === null ? '–' : String(v)),
    better: null,
  },
];

function Compare() {
  const { runs, pinned } = useLab();
  const list = useMemo(
    () => pinned.map((id) => runs.find((r) => r.id === id)).filter((r): r is RunEntry => !!r),
    [runs, pinned],
  );
  const data = useMemo(
    () => ({
      datasets: list.map((run, i) => ({
        label: run.label,
        data: xy(run.result.equity, 100 / run.result.initialValue),
        borderColor: color(i),
        backgroundColor: color(i),
      })),
    }),
    [list],
  );
  const options = useMemo(() => lineOptions((v) => fmtNum(v, 0)), []);
  return (
    <section className="panel stack" aria-labelledby="il-compare-title" data-testid="compare">
      <div className="toolbar">
        <h2 id="il-compare-title">Compare runs</h2>
        <span className="muted small">
          {list.length} of {MAX_PINNED} pinned
        </span>
      </div>
      {list.length === 0 ? (
        <p className="muted">Pin a run (up to {MAX_PINNED}) to compare it side by side with others.</p>
      ) : (
        <>
          <div className="il-table-scroll">
            <table className="table il-compare" data-testid="compare-table">
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  {list.map((run, i) => (
                    <th scope="col" key={run.id} className="num">
                      <span className="il-swatch" style={{ background: color(i) }} aria-hidden="true" />
                      {run.label}
                      <button
                        type="button"
                        className="link il-remove"
                        aria-label={`Remove ${run.label} from the comparison`}
                        onClick={() => setLab((s) => ({ pinned: s.pinned.filter((x) => x !== run.id) }))}
                      >
                        ✕
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {COMPARE_ROWS.map((row) => {
                  const vals = list.map((run) => row.get(run.result));
                  const finite = vals.filter((v): v is number => v !== null && Number.isFinite(v));
                  const best =
                    row.better && list.length > 1 && finite.length > 0
                      ? row.better === 'high'
                        ? Math.max(...finite)
                        : Math.min(...finite)
                      : null;
                  return (
                    <tr key={row.key}>
                      <th scope="row">{row.label}</th>
                      {vals.map((v, i) => {
                        const isBest = best !== null && v === best;
                        return (
                          <td key={list[i]!.id} className={`num${isBest ? ' il-best' : ''}`}>
                            {row.fmt(v)}
                            {isBest && <span className="sr-only"> (best)</span>}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <ChartBox label="Equity of the pinned runs, each rebased to 100 at its start" testId="chart-compare" tall>
            <Line data={data} options={options} />
          </ChartBox>
        </>
      )}
    </section>
  );
}

// =============================================================================================
// My portfolio, weekly

function MyPortfolio({ base }: { base: string }) {
  const { portfolio, settings } = useApp();
  const { myForm, my, myRunning, myError } = useLab();
  const ready = useWorkerStatus().state === 'ready';
  const holdings = useMemo(() => {
    const h: Record<string, number> = {};
    for (const p of portfolio?.portfolio.positions ?? []) h[p.asset] = (h[p.asset] ?? 0) + p.amount;
    return h;
  }, [portfolio]);
  const savedTargets = useMemo(() => {
    const t = settings?.targets;
    if (!t || t.dimension !== 'asset') return null;
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(t.targets)) if (v.target > 0) out[k] = v.target;
    return Object.keys(out).length ? out : null;
  }, [settings]);
  const setMy = (patch: Partial<MyForm>) => setLab((s) => ({ myForm: { ...s.myForm, ...patch } }));
  const feeBps = Number(myForm.feeBps);
  const days = Number(myForm.days);
  const feeError =
    myForm.feeBps.trim() === '' || !(feeBps >= 0 && feeBps <= 2000) ? 'a number from 0 to 2000' : undefined;
  const daysError = !(Number.isInteger(days) && days >= 30 && days <= 3650) ? 'whole days from 30 to 3650' : undefined;
  const count = Object.keys(holdings).length;

  const onRun = async () => {
    if (feeError || daysError || count === 0) return;
    setLab({ myRunning: true, myError: null });
    try {
      const result = await indexLabClient().myPortfolio({
        holdings,
        ...(myForm.targets === 'saved' && savedTargets ? { targets: savedTargets } : {}),
        days,
        cadence: myForm.cadence,
        feeBps,
      });
      setLab({ my: result, myRunning: false });
    } catch (err) {
      const f = failureOf(err);
      setLab({ myRunning: false, myError: [f.message, ...f.errors].join(' ') });
    }
  };

  const chart = useMemo(() => {
    if (!my) return null;
    return {
      datasets: [
        {
          label: `Rebalanced ${my.result.spec.rebalance.cadence}`,
          data: xy(my.rebalanced.equity),
          borderColor: color(0),
          backgroundColor: color(0),
        },
        { label: 'Held unchanged', data: xy(my.held.equity), borderColor: color(2), backgroundColor: color(2) },
        ...(my.btc
          ? [
              {
                label: my.btc.label,
                data: xy(my.btc.equity),
                borderColor: color(1),
                backgroundColor: color(1),
                borderDash: [5, 4],
              },
            ]
          : []),
      ],
    };
  }, [my]);
  const options = useMemo(() => lineOptions((v) => money(v, base, 0)), [base]);

  const rows: Array<{ label: string; m: PerformanceMetrics }> = my
    ? [
        { label: 'Rebalanced', m: my.rebalanced.metrics },
        { label: 'Held unchanged', m: my.held.metrics },
        ...(my.btc ? [{ label: my.btc.label, m: my.btc.metrics }] : []),
      ]
    : [];

  return (
    <section className="panel stack" aria-labelledby="il-my-title" data-testid="my-portfolio">
      <div>
        <h2 id="il-my-title">My portfolio, rebalanced</h2>
        <p className="muted small">
          What if you had held today&apos;s amounts from the start of the period and rebalanced them to fixed targets,
          versus leaving them untouched? Targets are fixed inputs, not a forecast.
        </p>
      </div>
      <form
        className="row il-my-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onRun();
        }}
      >
        <div className="field">
          <label htmlFor="il-my-cadence">Rebalance</label>
          <select
            id="il-my-cadence"
            value={myForm.cadence}
            onChange={(e) => setMy({ cadence: e.target.value as Cadence })}
          >
            {CADENCES.map((c) => (
              <option key={c} value={c}>
                {CADENCE_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="il-my-days">Days back</label>
          <input
            id="il-my-days"
            inputMode="numeric"
            value={myForm.days}
            aria-invalid={daysError ? true : undefined}
            onChange={(e) => setMy({ days: e.target.value })}
          />
          {daysError && <span className="error-text small">{daysError}</span>}
        </div>
        <div className="field">
          <label htmlFor="il-my-fee">Fee (bps)</label>
          <input
            id="il-my-fee"
            inputMode="decimal"
            value={myForm.feeBps}
            aria-invalid={feeError ? true : undefined}
            onChange={(e) => setMy({ feeBps: e.target.value })}
          />
          {feeError && <span className="error-text small">{feeError}</span>}
        </div>
        <div className="field">
          <label htmlFor="il-my-targets">Targets</label>
          <select
            id="il-my-targets"
            value={savedTargets ? myForm.targets : 'current'}
            onChange={(e) => setMy({ targets: e.target.value as MyForm['targets'] })}
          >
            <option value="current">Today&apos;s weights</option>
            <option value="saved" disabled={!savedTargets}>
              My asset targets{savedTargets ? '' : ' (none saved)'}
            </option>
          </select>
        </div>
        <button
          type="submit"
          className="primary"
          disabled={!ready || myRunning || count === 0}
          data-testid="my-run"
          aria-busy={myRunning}
        >
          {myRunning ? 'Running…' : 'Simulate my portfolio'}
        </button>
        {count === 0 && <span className="muted small">No holdings to simulate.</span>}
      </form>
      {myError && (
        <div className="banner error" role="alert">
          {myError}
        </div>
      )}
      {my && chart && (
        <div className="stack" data-testid="my-result">
          <div className="cards">
            <Metric
              testId="my-rebalanced"
              label={`Rebalanced ${my.result.spec.rebalance.cadence}`}
              value={money(my.rebalanced.metrics.endValue, base, 0)}
              sub={`${signedPct(my.rebalanced.metrics.totalReturn)} · ${my.rebalanced.metrics.rebalances} rebalances · costs ${money(my.rebalanced.metrics.costsPaid, base, 0)}`}
            />
            <Metric
              testId="my-held"
              label="Held unchanged"
              value={money(my.held.metrics.endValue, base, 0)}
              sub={signedPct(my.held.metrics.totalReturn)}
            />
            <Metric
              testId="my-difference"
              label="Difference"
              value={
                <span
                  className={my.difference >= 0 ? 'ok-text' : 'error-text'}
                >{`${my.difference >= 0 ? '+' : '−'}${money(Math.abs(my.difference), base, 0)}`}</span>
              }
              sub={my.difference >= 0 ? 'Rebalancing did better' : 'Holding did better'}
            />
            <Metric
              testId="my-period"
              label="Period"
              value={`${Math.round((my.end - my.start) / 86_400_000)} days`}
              sub={`${date(my.start)} to ${date(my.end)}, from ${money(my.startValue, base, 0)}`}
            />
          </div>
          <ChartBox label="Your portfolio rebalanced versus held unchanged, and the benchmark" testId="chart-my" tall>
            <Line data={chart} options={options} />
          </ChartBox>
          <div className="il-table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Portfolio</th>
                  <th scope="col" className="num">
                    Total return
                  </th>
                  <th scope="col" className="num">
                    CAGR
                  </th>
                  <th scope="col" className="num">
                    Volatility
                  </th>
                  <th scope="col" className="num">
                    Sharpe
                  </th>
                  <th scope="col" className="num">
                    Max drawdown
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    <td className="num">{signedPct(r.m.totalReturn)}</td>
                    <td className="num">{signedPct(r.m.cagr)}</td>
                    <td className="num">{pct(r.m.volatility)}</td>
                    <td className="num">{fmtNum(r.m.sharpe)}</td>
                    <td className="num">−{pct(r.m.maxDrawdown)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">Targets: {topWeights(my.targets, 8)}</p>
          <Notes title="Warnings" items={my.warnings} />
        </div>
      )}
    </section>
  );
}

// =============================================================================================
// Sensitivity sweep

type ParamKind = 'enum' | 'number' | 'int' | 'pct' | 'pct-or-none' | 'bool';
const SWEEP_PARAMS = {
  cadence: {
    label: 'Cadence',
    kind: 'enum',
    options: CADENCES as readonly string[],
    example: 'weekly, monthly, quarterly',
  },
  feeBps: { label: 'Fee (bps)', kind: 'number', options: null, example: '0, 10, 50' },
  slippageBps: { label: 'Slippage (bps)', kind: 'number', options: null, example: '0, 5, 20' },
  maxWeight: { label: 'Max weight (%)', kind: 'pct-or-none', options: null, example: '15, 25, 40, none' },
  n: { label: 'Top N', kind: 'int', options: null, example: '5, 10, 15, 20' },
  method: {
    label: 'Weighting',
    kind: 'enum',
    options: WEIGHTING_METHODS as readonly string[],
    example: 'marketcap, sqrt-marketcap, equal',
  },
  band: { label: 'Drift band (%)', kind: 'pct', options: null, example: '2, 5, 10' },
  riskOff: { label: 'Risk-off', kind: 'bool', options: null, example: 'off, on' },
  maDays: { label: 'Risk-off MA (days)', kind: 'int', options: null, example: '50, 100, 200' },
} as const satisfies Record<
  string,
  { label: string; kind: ParamKind; options: readonly string[] | null; example: string }
>;

const SWEEP_METRICS: Array<{ key: SweepMetric; label: string; higher: boolean; fmt: (v: number) => string }> = [
  { key: 'totalReturn', label: 'Total return', higher: true, fmt: (v) => signedPct(v, 0) },
  { key: 'sharpe', label: 'Sharpe', higher: true, fmt: (v) => v.toFixed(2) },
  { key: 'maxDrawdown', label: 'Max drawdown', higher: false, fmt: (v) => `−${pct(v, 0)}` },
  { key: 'cagr', label: 'CAGR', higher: true, fmt: (v) => signedPct(v, 0) },
  { key: 'sortino', label: 'Sortino', higher: true, fmt: (v) => v.toFixed(2) },
  { key: 'volatility', label: 'Volatility', higher: false, fmt: (v) => pct(v, 0) },
  { key: 'annualTurnover', label: 'Turnover (a year)', higher: false, fmt: (v) => pct(v, 0) },
];

/** Parses "a, b, c" for a sweep parameter into engine values and display labels. */
function parseAxis(key: AxisKey, text: string): { values: unknown[]; labels: string[] } | { error: string } {
  const def = SWEEP_PARAMS[key];
  const parts = text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return { error: `list one or more values, e.g. ${def.example}` };
  if (parts.length > 50) return { error: 'at most 50 values per axis' };
  const values: unknown[] = [];
  const labels: string[] = [];
  for (const p of parts) {
    const low = p.toLowerCase();
    switch (def.kind) {
      case 'enum': {
        const opt = def.options?.find((o) => o.toLowerCase() === low);
        if (!opt) return { error: `"${p}" is not one of ${def.options?.join(', ')}` };
        values.push(opt);
        labels.push(opt);
        break;
      }
      case 'bool':
        if (['on', 'true', 'yes', '1'].includes(low)) {
          values.push(true);
          labels.push('on');
        } else if (['off', 'false', 'no', '0'].includes(low)) {
          values.push(false);
          labels.push('off');
        } else return { error: `"${p}" should be on or off` };
        break;
      default: {
        if (def.kind === 'pct-or-none' && (low === 'none' || low === 'no')) {
          values.push(null);
          labels.push('no cap');
          break;
        }
        const n = Number(p.replace(/%$/, ''));
        if (!Number.isFinite(n)) return { error: `"${p}" is not a number` };
        if (def.kind === 'int' && !Number.isInteger(n)) return { error: `"${p}" is not a whole number` };
        const pctKind = def.kind === 'pct' || def.kind === 'pct-or-none';
        values.push(pctKind ? n / 100 : n);
        labels.push(pctKind ? `${n}%` : String(n));
      }
    }
  }
  if (new Set(labels).size !== labels.length) return { error: 'a value is listed twice' };
  return { values, labels };
}

function Sweep() {
  const { sweepForm: sf, sweep, sweepJob, sweepError, form } = useLab();
  const ready = useWorkerStatus().state === 'ready';
  const [axisErrors, setAxisErrors] = useState<{ x?: string; y?: string; base?: string[] }>({});
  const setSf = (patch: Partial<SweepForm>) => setLab((s) => ({ sweepForm: { ...s.sweepForm, ...patch } }));
  const metric = SWEEP_METRICS.find((m) => m.key === sf.metric) ?? SWEEP_METRICS[0]!;

  const onRun = () => {
    const x = parseAxis(sf.xParam, sf.xValues);
    const y = parseAxis(sf.yParam, sf.yValues);
    const built = buildSpec(form);
    const errs: typeof axisErrors = {};
    if ('error' in x) errs.x = x.error;
    if ('error' in y) errs.y = y.error;
    if (sf.xParam === sf.yParam) errs.y = 'choose a different parameter for each axis';
    if (!built.spec) errs.base = ['The index in the builder has errors; fix them first.', ...built.other];
    setAxisErrors(errs);
    if ('error' in x || 'error' in y || errs.y || !built.spec) return;
    if (x.values.length * y.values.length > 2500) {
      setAxisErrors({ y: `${x.values.length * y.values.length} cells; the limit is 2,500` });
      return;
    }
    const spec = built.spec;
    const label = spec.name?.trim() || describeSpec(spec, form.signalSource);
    const job = indexLabClient().sweep(
      spec,
      { axisX: { param: sf.xParam, values: x.values }, axisY: { param: sf.yParam, values: y.values } },
      form.signalSource,
      (done, total) =>
        setLab((s) => (s.sweepJob && s.sweepJob.id === job.id ? { sweepJob: { id: job.id, done, total } } : {})),
    );
    setLab({ sweepJob: { id: job.id, done: 0, total: x.values.length * y.values.length }, sweepError: null });
    const started = performance.now();
    job.promise.then(
      (result) =>
        setLab({
          sweep: {
            label,
            xParam: sf.xParam,
            yParam: sf.yParam,
            xLabels: x.labels,
            yLabels: y.labels,
            result,
            ms: performance.now() - started,
          },
          sweepJob: null,
        }),
      (err: unknown) => {
        if (err instanceof CancelledError) setLab({ sweepJob: null, sweepError: 'Sweep cancelled.' });
        else {
          const f = failureOf(err);
          setLab({ sweepJob: null, sweepError: [f.message, ...f.errors].join(' ') });
        }
      },
    );
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

  const paramSelect = (id: string, value: AxisKey, onChange: (k: AxisKey) => void) => (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as AxisKey)}>
      {(Object.keys(SWEEP_PARAMS) as AxisKey[]).map((k) => (
        <option key={k} value={k}>
          {SWEEP_PARAMS[k].label}
        </option>
      ))}
    </select>
  );

  return (
    <section className="panel stack" aria-labelledby="il-sweep-title" data-testid="sweep">
      <div>
        <h2 id="il-sweep-title">Sensitivity sweep</h2>
        <p className="muted small">
          Runs the index in the builder for every combination of two parameters and maps one metric.
        </p>
      </div>
      <form
        className="il-sweep-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onRun();
        }}
      >
        <fieldset className="il-group">
          <legend>Columns (x)</legend>
          <div className="il-pair">
            <div className="field">
              <label htmlFor="il-sx">Parameter</label>
              {paramSelect('il-sx', sf.xParam, (k) => setSf({ xParam: k, xValues: SWEEP_PARAMS[k].example }))}
            </div>
            <div className="field">
              <label htmlFor="il-sxv">Values</label>
              <input
                id="il-sxv"
                value={sf.xValues}
                aria-invalid={axisErrors.x ? true : undefined}
                onChange={(e) => setSf({ xValues: e.target.value })}
              />
              {axisErrors.x && (
                <span className="error-text small" role="alert">
                  {axisErrors.x}
                </span>
              )}
            </div>
          </div>
        </fieldset>
        <fieldset className="il-group">
          <legend>Rows (y)</legend>
          <div className="il-pair">
            <div className="field">
              <label htmlFor="il-sy">Parameter</label>
              {paramSelect('il-sy', sf.yParam, (k) => setSf({ yParam: k, yValues: SWEEP_PARAMS[k].example }))}
            </div>
            <div className="field">
              <label htmlFor="il-syv">Values</label>
              <input
                id="il-syv"
                value={sf.yValues}
                aria-invalid={axisErrors.y ? true : undefined}
                onChange={(e) => setSf({ yValues: e.target.value })}
              />
              {axisErrors.y && (
                <span className="error-text small" role="alert">
                  {axisErrors.y}
                </span>
              )}
            </div>
          </div>
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary" disabled={!ready || !!sweepJob} data-testid="sweep-run">
            Run sweep
          </button>
          {sweepJob && (
            <>
              <button type="button" onClick={() => indexLabClient().cancel(sweepJob.id)} data-testid="sweep-cancel">
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
      </form>
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
            <div className="field il-inline">
              <label htmlFor="il-smetric">Metric</label>
              <select
                id="il-smetric"
                value={sf.metric}
                onChange={(e) => setSf({ metric: e.target.value as SweepMetric })}
              >
                {SWEEP_METRICS.map((m) => (
                  <option key={m.key} value={m.key}>
                    {m.label}
                  </option>
                ))}
              </select>
            </div>
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

// =============================================================================================
// The view

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
        <RunCard key={current.id} run={current} base={base} />
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
