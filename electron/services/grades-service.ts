/**
 * Grades service: the Trader and Investor grades of every asset with daily price history
 * (ctx.priceHistory(): the sample, or the user's cached candles), the portfolio's split by grade
 * profile, and one asset's factor breakdown with its price and grade history.
 *
 * The grades come from the pure engine in shared/grades (docs/GRADES.md). Grading every asset is
 * the expensive part, so each service keeps its graded tables per price-history object: a table is
 * recomputed only when priceHistory() hands out a different history object (new candles) or when the
 * market cap that feeds the size factor changes. Price histories are treated as immutable: whoever
 * updates candles publishes a new object.
 *
 * createServices builds one service (ctx.grades) for the Grades handlers and the allocation rules.
 */
import { generatedPrices } from './price-history';
import {
  FACTORS,
  GRADE_STRONG,
  GRADE_WEAK,
  INVESTOR_MIN_DAYS,
  TRADER_MIN_DAYS,
  computeGrades,
  describeMapping,
  gradeBand,
  gradeHistory,
  gradeQuadrant,
  portfolioGradeSplit,
  type GradePair,
  type GradePoint,
  type Grades,
} from '../../shared/grades';
import { firstValidIndex } from '../../shared/grades/engine';
import type { AssetInfo, Candle, PriceHistory } from '../../shared/domain/types';
import { DAY_MS } from '../../shared/domain/types';
import type { FactorInfo, GradeDetail, GradeRow, GradesList } from '../../shared/ipc/channels/grades';
import type { ServiceContext } from './context';
import { AppError } from './errors';

/** What the grades service reads: the price history, the portfolio, the settings and the clock. */
export type GradesDeps = Pick<ServiceContext, 'priceHistory' | 'portfolio' | 'settings' | 'now'>;

/**
 * Today's market cap from the catalog feeds the size factor only while the latest candle is this
 * recent; an older history is graded with the market cap stored on its own last candle, so the
 * grade does not mix today's size with an old price.
 */
export const CATALOG_MARKET_CAP_MAX_AGE_MS = 7 * DAY_MS;

/** Weekly steps of the grade history shown in the detail view. */
export const GRADE_HISTORY_STEP_DAYS = 7;

/** One graded asset. */
export interface AssetGrades {
  symbol: string;
  candles: readonly Candle[];
  /** Both grades at the latest candle, with factor breakdown. */
  grades: Grades;
  /** Market cap the size factor used (USD), or null when unknown. */
  marketCapUsd: number | null;
  /** Candles from the first usable close up to the latest one. */
  haveDays: number;
}

/** Every asset of one price history, graded. Read-only: it is shared by every caller. */
export interface GradeTable {
  /** The price history these grades were computed from. */
  history: PriceHistory;
  sample: boolean;
  /** Latest candle time over all assets, or null without any candle. */
  asOf: number | null;
  assets: Readonly<Record<string, AssetGrades>>;
  /** Trader and Investor grade per symbol (null where history is too short). */
  pairs: Readonly<Record<string, Readonly<GradePair>>>;
}

interface CacheEntry {
  key: string;
  table: GradeTable;
  history: Map<string, GradePoint[]>;
  closes: Map<string, [number, number][]>;
}

/** Market cap for grading the latest candle: the catalog's (today's) while the candles are recent. */
function marketCapFor(info: AssetInfo | undefined, candles: readonly Candle[], now: number): number | undefined {
  const last = candles.at(-1);
  const mc = info?.marketCapUsd;
  if (!last || mc === null || mc === undefined || !(mc > 0)) return undefined;
  return now - last.t <= CATALOG_MARKET_CAP_MAX_AGE_MS ? mc : undefined;
}

function lastCandleMarketCap(candles: readonly Candle[]): number | null {
  const mc = candles.at(-1)?.mc;
  return mc !== undefined && mc > 0 && mc < Infinity ? mc : null;
}

function haveDaysOf(candles: readonly Candle[]): number {
  const n = candles.length;
  if (n === 0) return 0;
  const first = firstValidIndex(candles, n - 1);
  return first < 0 ? 0 : n - first;
}

function gradeOf(r: Grades['trader']): number | null {
  return r.grade;
}

function entryFor(ctx: GradesDeps, cache: WeakMap<PriceHistory, CacheEntry>): CacheEntry {
  const view = ctx.priceHistory();
  const history = view.history;
  const now = ctx.now();
  const symbols = Object.keys(history);
  const caps = symbols.map((s) => marketCapFor(view.catalog[s], history[s] ?? [], now));
  const key = `${view.sample ? 's' : 'u'}|${symbols.map((s, i) => `${s}=${caps[i] ?? ''}`).join(',')}`;
  const hit = cache.get(history);
  if (hit && hit.key === key) return hit;

  const assets: Record<string, AssetGrades> = {};
  const pairs: Record<string, Readonly<GradePair>> = {};
  let asOf: number | null = null;
  symbols.forEach((symbol, i) => {
    const candles = history[symbol] ?? [];
    const mc = caps[i];
    const grades = computeGrades(candles, mc === undefined ? {} : { marketCapUsd: mc });
    const last = candles.at(-1);
    if (last && (asOf === null || last.t > asOf)) asOf = last.t;
    assets[symbol] = {
      symbol,
      candles,
      grades,
      marketCapUsd: mc ?? lastCandleMarketCap(candles),
      haveDays: haveDaysOf(candles),
    };
    pairs[symbol] = Object.freeze({ trader: gradeOf(grades.trader), investor: gradeOf(grades.investor) });
  });
  const entry: CacheEntry = {
    key,
    table: { history, sample: generatedPrices(view), asOf, assets, pairs: Object.freeze(pairs) },
    history: new Map(),
    closes: new Map(),
  };
  cache.set(history, entry);
  return entry;
}

function lookup<T>(record: Readonly<Record<string, T>>, symbol: string): [string, T] | null {
  for (const key of [symbol, symbol.toUpperCase()]) {
    if (Object.prototype.hasOwnProperty.call(record, key)) return [key, record[key] as T];
  }
  return null;
}

const FACTOR_INFO: { trader: FactorInfo[]; investor: FactorInfo[] } = {
  trader: FACTORS.trader.map((f) => ({ ...f, scale: describeMapping(f) })),
  investor: FACTORS.investor.map((f) => ({ ...f, scale: describeMapping(f) })),
};

/** Value held per asset (positive values only) and their total. */
function holdings(ctx: GradesDeps): { base: string; byAsset: Map<string, number>; total: number } {
  const view = ctx.portfolio();
  const byAsset = new Map<string, number>();
  let total = 0;
  for (const p of view.portfolio.positions) {
    const v = p.value;
    if (v === null || !(v > 0) || v === Infinity) continue;
    byAsset.set(p.asset, (byAsset.get(p.asset) ?? 0) + v);
    total += v;
  }
  return { base: view.portfolio.base, byAsset, total };
}

export interface GradesService {
  /** The graded table of the current price history (cached until the history or market caps change). */
  table(): GradeTable;
  /**
   * Trader and Investor grade of every asset with price history, by symbol (null where history is
   * too short). The same read-only object is returned until the price history changes. Used by the
   * allocation rules (low-grade exposure) and the portfolio split.
   */
  currentGrades(): Readonly<Record<string, { trader: number | null; investor: number | null }>>;
  /** Everything the Grades view lists: rows, the portfolio split and the factor definitions. */
  list(): GradesList;
  /** One asset's grades, factor breakdown, weekly grade history and closes; 'not-found' without history. */
  detail(symbol: string): GradeDetail;
}

export function createGradesService(ctx: GradesDeps): GradesService {
  /** Graded tables keyed by the identity of the price-history object they were computed from. */
  const cache = new WeakMap<PriceHistory, CacheEntry>();
  const gradeTable = (): GradeTable => entryFor(ctx, cache).table;
  const names = (): Record<string, AssetInfo> => ({ ...ctx.portfolio().catalog, ...ctx.priceHistory().catalog });

  const list = (): GradesList => {
    const table = gradeTable();
    const info = names();
    const held = holdings(ctx);
    const rows: GradeRow[] = [];
    const row = (symbol: string, a: AssetGrades | null): GradeRow => {
      const trader = a ? gradeOf(a.grades.trader) : null;
      const investor = a ? gradeOf(a.grades.investor) : null;
      const q = gradeQuadrant(trader, investor);
      const value = held.byAsset.get(symbol);
      const r: GradeRow = {
        symbol,
        name: info[symbol]?.name ?? symbol,
        held: value !== undefined,
        stablecoin: info[symbol]?.stablecoin ?? false,
        trader,
        investor,
        traderBand: gradeBand(trader),
        investorBand: gradeBand(investor),
        quadrant: q.quadrant,
        reading: a ? q.reading : 'No price history for this asset, so it cannot be graded.',
        haveDays: a?.haveDays ?? 0,
      };
      if (value !== undefined) {
        r.value = value;
        r.valueShare = held.total > 0 ? value / held.total : 0;
      }
      if (!a || a.haveDays === 0) r.reason = 'no-history';
      else if (trader === null || investor === null) r.reason = 'insufficient-history';
      return r;
    };
    for (const [symbol, a] of Object.entries(table.assets)) rows.push(row(symbol, a));
    for (const symbol of held.byAsset.keys()) {
      if (!lookup(table.assets, symbol)) rows.push(row(symbol, null));
    }
    const settings = ctx.settings.get();
    const positions = [...held.byAsset].map(([asset, value]) => ({ asset, value }));
    return {
      sample: table.sample,
      asOf: table.asOf,
      base: held.base,
      rows,
      split: portfolioGradeSplit(positions, table.pairs, settings.gradeSplit),
      factors: FACTOR_INFO,
      thresholds: { strong: GRADE_STRONG, weak: GRADE_WEAK },
      minDays: { trader: TRADER_MIN_DAYS, investor: INVESTOR_MIN_DAYS },
    };
  };

  const detail = (requested: string): GradeDetail => {
    const entry = entryFor(ctx, cache);
    const found = lookup(entry.table.assets, requested.trim());
    if (!found || found[1].haveDays === 0) {
      throw new AppError('not-found', `There is no price history for "${requested}", so it has no grades.`);
    }
    const [symbol, a] = found;
    let history = entry.history.get(symbol);
    if (!history) {
      history = gradeHistory(a.candles, { stepDays: GRADE_HISTORY_STEP_DAYS });
      // The last point is the graded day: show exactly the grades listed (they may use today's
      // market cap from the catalog where the history uses each candle's own).
      const last = history.at(-1);
      if (last) {
        last.trader = gradeOf(a.grades.trader);
        last.investor = gradeOf(a.grades.investor);
      }
      entry.history.set(symbol, history);
    }
    let closes = entry.closes.get(symbol);
    if (!closes) {
      closes = a.candles.map((c): [number, number] => [c.t, c.c]);
      entry.closes.set(symbol, closes);
    }
    const info = names()[symbol];
    const held = holdings(ctx);
    const value = held.byAsset.get(symbol);
    const trader = gradeOf(a.grades.trader);
    const investor = gradeOf(a.grades.investor);
    return {
      symbol,
      name: info?.name ?? symbol,
      held: value !== undefined,
      ...(value !== undefined ? { valueShare: held.total > 0 ? value / held.total : 0 } : {}),
      stablecoin: info?.stablecoin ?? false,
      marketCapUsd: a.marketCapUsd,
      asOf: a.candles.at(-1)?.t ?? 0,
      haveDays: a.haveDays,
      trader: a.grades.trader,
      investor: a.grades.investor,
      quadrant: gradeQuadrant(trader, investor),
      history,
      closes,
    };
  };

  return { table: gradeTable, currentGrades: () => gradeTable().pairs, list, detail };
}
