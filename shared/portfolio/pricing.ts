/**
 * Prices of held assets in the base currency, from exchange tickers.
 *
 * Each ticker `A/Q` at price p gives two conversions: A -> Q at p and Q -> A at 1/p. An asset is
 * priced through the cheapest chain of conversions that reaches the base currency:
 *   1. a direct pair (ASSET/BASE, or BASE/ASSET inverted);
 *   2. through one or two "hub" currencies (stablecoins, fiat, BTC, ETH), e.g.
 *      SOL/USDT x USDT/EUR, or SOL/USDT x 1/(EUR/USDT);
 *   3. a USD peg between USD and the large USD stablecoins (USDT, USDC...) is used only where no
 *      market links them; a peg step costs more than a market step, so a real pair always wins,
 *      and a stablecoin held is priced through its own markets (even two steps) before its peg.
 * An asset with no chain stays unpriced (listed in `unpriced`): it is never dropped or valued at 0.
 */
import type { PriceMap } from './valuation';

/** Last price per unified market symbol "BASE/QUOTE" (quote units per base unit). */
export type TickerMap = Record<string, number>;

/** Stablecoins (and USD itself) treated as worth one US dollar when no market says otherwise. */
export const USD_PEGGED: readonly string[] = ['USD', 'USDT', 'USDC', 'FDUSD', 'TUSD', 'DAI', 'USDP', 'PYUSD', 'BUSD'];

/** Currencies a price may pass through, in order of preference on ties. */
export const PRICE_HUBS: readonly string[] = [
  'USDT',
  'USDC',
  'USD',
  'EUR',
  'GBP',
  'BTC',
  'ETH',
  'CHF',
  'JPY',
  'CAD',
  'AUD',
  'FDUSD',
  'DAI',
];

/** One conversion of a price route. */
export interface RouteStep {
  from: string;
  to: string;
  /** Market used ("A/Q"), or null for a USD peg. */
  symbol: string | null;
  /** True when the market's price was inverted (the pair is quoted the other way round). */
  inverse: boolean;
  /** Units of `to` per unit of `from`. */
  rate: number;
}

export interface PriceRoute {
  /** 'base': the asset is the base currency; 'direct': one market; 'cross': several steps. */
  kind: 'base' | 'direct' | 'cross';
  steps: RouteStep[];
  /** True when a step assumes a USD peg instead of a market price. */
  pegged: boolean;
}

export interface PricingResult {
  prices: PriceMap;
  /** Held assets without any price, sorted. */
  unpriced: string[];
  routes: Record<string, PriceRoute>;
}

const MARKET_COST = 1;
const PEG_COST = 1.5;
const STABLE_OWN_PEG_COST = 2.5;
const MAX_STEPS = 3;

type Edge = { to: string; symbol: string | null; inverse: boolean; rate: number; cost: number };

function buildGraph(tickers: TickerMap): Map<string, Edge[]> {
  const graph = new Map<string, Edge[]>();
  const add = (from: string, e: Edge): void => {
    let list = graph.get(from);
    if (!list) graph.set(from, (list = []));
    const same = list.findIndex((x) => x.to === e.to);
    // one edge per currency pair: a market beats a peg, a direct quote beats an inverted one
    if (same >= 0) {
      const old = list[same]!;
      if (old.cost < e.cost || (old.cost === e.cost && !old.inverse)) return;
      list[same] = e;
      return;
    }
    list.push(e);
  };
  for (const [symbol, price] of Object.entries(tickers)) {
    if (!Number.isFinite(price) || price <= 0) continue;
    const parts = symbol.split('/');
    if (parts.length !== 2) continue;
    const [a, q] = parts as [string, string];
    if (!a || !q || a === q) continue;
    add(a, { to: q, symbol, inverse: false, rate: price, cost: MARKET_COST });
    add(q, { to: a, symbol, inverse: true, rate: 1 / price, cost: MARKET_COST });
  }
  for (const a of USD_PEGGED) {
    for (const b of USD_PEGGED) {
      if (a !== b) add(a, { to: b, symbol: null, inverse: false, rate: 1, cost: PEG_COST });
    }
  }
  return graph;
}

function hubRank(c: string): number {
  const i = PRICE_HUBS.indexOf(c);
  return i < 0 ? PRICE_HUBS.length + (USD_PEGGED.includes(c) ? 0 : 1) : i;
}

function isHub(c: string, base: string): boolean {
  return c === base || PRICE_HUBS.includes(c) || USD_PEGGED.includes(c);
}

/** Cheapest route from `asset` to `base` through hub currencies, or null. */
function findRoute(graph: Map<string, Edge[]>, asset: string, base: string): RouteStep[] | null {
  let best: { cost: number; tie: number[]; steps: RouteStep[] } | null = null;
  const better = (cost: number, tie: number[]): boolean => {
    if (!best) return true;
    if (cost !== best.cost) return cost < best.cost;
    for (let i = 0; i < Math.max(tie.length, best.tie.length); i++) {
      const a = tie[i] ?? -1;
      const b = best.tie[i] ?? -1;
      if (a !== b) return a < b;
    }
    return false;
  };
  const walk = (node: string, cost: number, steps: RouteStep[], seen: Set<string>): void => {
    if (best && cost > best.cost) return;
    for (const e of graph.get(node) ?? []) {
      if (seen.has(e.to)) continue;
      // a stablecoin held is priced through its own markets before its peg is assumed
      const nextCost = cost + (e.symbol === null && node === asset ? STABLE_OWN_PEG_COST : e.cost);
      const step: RouteStep = { from: node, to: e.to, symbol: e.symbol, inverse: e.inverse, rate: e.rate };
      if (e.to === base) {
        const all = [...steps, step];
        const tie = all.slice(0, -1).map((s) => hubRank(s.to));
        if (better(nextCost, tie)) best = { cost: nextCost, tie, steps: all };
        continue;
      }
      if (steps.length + 1 >= MAX_STEPS || !isHub(e.to, base)) continue;
      seen.add(e.to);
      walk(e.to, nextCost, [...steps, step], seen);
      seen.delete(e.to);
    }
  };
  walk(asset, 0, [], new Set([asset]));
  return best ? (best as { steps: RouteStep[] }).steps : null;
}

/**
 * Price every held asset in `base` from `tickers`.
 * `holdings` may be asset codes or anything with an `asset` field (e.g. positions); duplicates are fine.
 */
export function priceAssets(
  holdings: readonly (string | { asset: string })[],
  tickers: TickerMap,
  base: string,
): PricingResult {
  const assets = [...new Set(holdings.map((h) => (typeof h === 'string' ? h : h.asset)))].sort();
  const graph = buildGraph(tickers);
  const prices: PriceMap = {};
  const routes: Record<string, PriceRoute> = {};
  const unpriced: string[] = [];
  for (const asset of assets) {
    if (asset === base) {
      prices[asset] = 1;
      routes[asset] = { kind: 'base', steps: [], pegged: false };
      continue;
    }
    const steps = findRoute(graph, asset, base);
    if (!steps) {
      unpriced.push(asset);
      continue;
    }
    const price = steps.reduce((p, s) => p * s.rate, 1);
    if (!Number.isFinite(price) || price < 0) {
      unpriced.push(asset);
      continue;
    }
    prices[asset] = price;
    routes[asset] = {
      kind: steps.length === 1 ? 'direct' : 'cross',
      steps,
      pegged: steps.some((s) => s.symbol === null),
    };
  }
  return { prices, unpriced, routes };
}

/** A human-readable route, e.g. "SOL/USDT × 1/(EUR/USDT)". */
export function describeRoute(route: PriceRoute): string {
  if (route.kind === 'base') return 'base currency';
  return route.steps
    .map((s) => (s.symbol === null ? `${s.from}≈${s.to}` : s.inverse ? `1/(${s.symbol})` : s.symbol))
    .join(' × ');
}

/** Unified symbols worth fetching tickers for: both sides held, a hub or the base currency. */
export function relevantSymbols(
  symbols: Iterable<string>,
  held: Iterable<string>,
  bases: readonly string[] = [],
): string[] {
  const wanted = new Set<string>([...held, ...PRICE_HUBS, ...USD_PEGGED, ...bases]);
  const out: string[] = [];
  for (const s of symbols) {
    const [a, q, ...rest] = s.split('/');
    if (rest.length > 0 || !a || !q) continue;
    if (wanted.has(a) && wanted.has(q)) out.push(s);
  }
  return out.sort();
}

/** Merge tickers from several exchanges: the median price of each symbol. */
export function mergeTickers(sources: readonly TickerMap[]): TickerMap {
  const all = new Map<string, number[]>();
  for (const src of sources) {
    for (const [s, p] of Object.entries(src)) {
      if (!Number.isFinite(p) || p <= 0) continue;
      let list = all.get(s);
      if (!list) all.set(s, (list = []));
      list.push(p);
    }
  }
  const out: TickerMap = {};
  for (const [s, list] of all) {
    list.sort((a, b) => a - b);
    const mid = list.length >> 1;
    out[s] = list.length % 2 === 1 ? list[mid]! : (list[mid - 1]! + list[mid]!) / 2;
  }
  return out;
}

/** A market whose daily candles stand for an asset's price history. */
export interface HistoryMarket {
  asset: string;
  exchange: string;
  symbol: string;
}

/**
 * For each asset, the market to take its price history from: the first exchange (in the given
 * order) listing ASSET/BASE, else ASSET/USD, ASSET/USDT, ASSET/USDC, ASSET/EUR, ASSET/BTC. Assets
 * without such a market are left out. `marketsByExchange` lists the symbols each exchange offers.
 */
export function chooseHistoryMarkets(
  assets: Iterable<string>,
  marketsByExchange: Record<string, Iterable<string>>,
  base: string,
): HistoryMarket[] {
  const quotes = [...new Set([base, 'USD', 'USDT', 'USDC', 'EUR', 'BTC'])];
  const listed = Object.entries(marketsByExchange).map(([ex, syms]) => [ex, new Set(syms)] as const);
  const out: HistoryMarket[] = [];
  for (const asset of [...new Set(assets)].sort()) {
    let found: HistoryMarket | null = null;
    for (const q of quotes) {
      if (q === asset) continue;
      for (const [exchange, syms] of listed) {
        if (syms.has(`${asset}/${q}`)) {
          found = { asset, exchange, symbol: `${asset}/${q}` };
          break;
        }
      }
      if (found) break;
    }
    if (found) out.push(found);
  }
  return out;
}
