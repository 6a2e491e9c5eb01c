/**
 * The Index Lab builder's form model: strings for what the user types, converted to an IndexSpec and
 * validated by the engine's own schema (parseIndexSpec), with the engine's errors mapped back to the
 * field that edits them. `formFromSpec` then `buildSpec` gives back the same spec.
 *
 * Pure: no React, no DOM, so test/unit runs it under Node. Called by the builder (Builder.tsx and its
 * fieldsets), the sweep (which runs the builder's spec) and exports.ts (file names).
 */
import type { AssetInfo, Sector } from '../../../../shared/domain/types';
import {
  CADENCES,
  RISK_OFF_RULES,
  WEIGHTING_METHODS,
  parseIndexSpec,
  type Cadence,
  type IndexSpec,
  type RiskOffRule,
  type WeightingMethod,
} from '../../../../shared/indexlab';
import { pct } from '../../lib/format';
import type { SignalSource } from '../../workers/indexlab-protocol';

export const UNIVERSE_TYPES = ['top', 'sector', 'custom', 'holdings'] as const;
export type UniverseType = (typeof UNIVERSE_TYPES)[number];

export interface BuilderForm {
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

export type FieldKey = keyof BuilderForm;
export type FieldErrors = Partial<Record<FieldKey, string>>;
/** The fields typed as free text (numbers, dates, names). */
export type TextFieldKey = { [K in FieldKey]: string extends BuilderForm[K] ? K : never }[FieldKey];
/** The fields picked from a fixed list (FIELD_CHOICES). */
export type ChoiceFieldKey = 'universeType' | 'method' | 'signalSource' | 'cadence' | 'riskOffRule';
/** The fields edited by a checkbox. */
export type FlagFieldKey = { [K in FieldKey]: BuilderForm[K] extends boolean ? K : never }[FieldKey];

/** A number as the user would type it: no float noise (0.1 * 100 shows as "10", not "10.000000000000002"). */
const trimNum = (x: number): string => String(Number(x.toPrecision(10)));

export function formFromSpec(spec: IndexSpec, signalSource: SignalSource = 'grade'): BuilderForm {
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
export const PATH_TO_FIELD: Array<[string, FieldKey]> = [
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

export interface BuiltSpec {
  /** Null when any field (or the spec as a whole) is invalid. */
  spec: IndexSpec | null;
  fields: FieldErrors;
  /** Problems that belong to no single field. */
  other: string[];
}

/** Converts the form to a validated spec, or field errors. */
export function buildSpec(f: BuilderForm): BuiltSpec {
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

/**
 * The form change when the user picks another universe type: "top" needs an N (10 unless one is
 * typed), leaving "top" clears it, a new custom list starts empty, and "holdings" takes the
 * portfolio's assets. Imported fixed targets never survive a change.
 */
export function universeChange(form: BuilderForm, type: UniverseType, holdings: string[]): Partial<BuilderForm> {
  if (type === 'holdings') return { universeType: 'holdings', symbols: [...holdings], holdingsTargets: null, topN: '' };
  return {
    universeType: type,
    topN: type === 'top' ? form.topN || '10' : form.universeType === 'top' ? '' : form.topN,
    symbols: type === 'custom' && form.universeType !== 'custom' ? [] : form.symbols,
    holdingsTargets: null,
  };
}

/** How many of `symbols` fall in each sector (an asset may count in several). */
export function sectorCounts(symbols: string[], catalog: Record<string, AssetInfo>): Map<Sector, number> {
  const m = new Map<Sector, number>();
  for (const s of symbols) for (const sec of catalog[s]?.sectors ?? []) m.set(sec, (m.get(sec) ?? 0) + 1);
  return m;
}

export const METHOD_LABELS: Record<WeightingMethod, string> = {
  marketcap: 'Market cap',
  'sqrt-marketcap': 'Square-root market cap',
  equal: 'Equal',
  'inverse-volatility': 'Inverse volatility',
  signal: 'Signal',
};
export const CADENCE_LABELS: Record<Cadence, string> = {
  weekly: 'Weekly',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  threshold: 'On drift (threshold band)',
};
export const RULE_LABELS: Record<RiskOffRule, string> = {
  'btc-below-ma': 'Asset below its moving average',
  'basket-trend': 'Basket trend negative',
};

/** A short label for a spec ("Top 10 · market cap · weekly"). */
export function describeSpec(spec: IndexSpec, signalSource: SignalSource): string {
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

/** The values of each field picked from a list, in the order shown, and their labels. */
export const FIELD_CHOICES: {
  [K in ChoiceFieldKey]: { options: readonly BuilderForm[K][]; labels: Record<BuilderForm[K], string> };
} = {
  universeType: {
    options: UNIVERSE_TYPES,
    labels: { top: 'Top N by market cap', sector: 'Sector', custom: 'Custom list', holdings: 'My holdings' },
  },
  method: { options: WEIGHTING_METHODS, labels: METHOD_LABELS },
  signalSource: { options: ['grade', 'trend'], labels: { grade: 'Trader Grade', trend: 'Price trend (EMA)' } },
  cadence: { options: CADENCES, labels: CADENCE_LABELS },
  riskOffRule: { options: RISK_OFF_RULES, labels: RULE_LABELS },
};
