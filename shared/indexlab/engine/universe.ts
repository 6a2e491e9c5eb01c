/**
 * The candidate list of a run: which assets may ever enter the basket (the spec's universe,
 * minus assets without data and, unless included, stablecoins), and the fixed target weights
 * of a holdings universe with targets. Resolved once per run from the catalog and the spec
 * only; which candidates are eligible on a given day is decided later, day by day, in
 * decide.ts. Warnings about missing symbols and market caps are reported here.
 */
import { isKnownStablecoin } from '../assets';
import { IndexLabError, type PreparedData } from '../prepare';
import type { IndexSpec, WeightingMethod } from '../spec';
import type { WarningLog } from './warnings';

/** Weighting used by a run: the spec's method, or `fixed` for a holdings universe with targets. */
export type Method = WeightingMethod | 'fixed';

export interface Universe {
  /** Candidate asset indices, ascending. */
  cand: Int32Array;
  /** Fixed target weight per asset index (holdings with targets), else null. */
  fixed: Float64Array | null;
  /** Fixed target weight that is held as cash (stablecoins modelled as cash). */
  fixedCash: number;
  /** Keep at most this many assets, ranked by market cap. */
  limit: number;
  /** Assets without a market cap are dropped (top-N universe). */
  rankOnly: boolean;
}

/** Resolves the candidates of `spec.universe`. Throws IndexLabError when none is left. */
export function resolveUniverse(P: PreparedData, spec: IndexSpec, warn: WarningLog): Universe {
  const u = spec.universe;
  const A = P.symbols.length;
  const incStable = u.includeStablecoins;
  const cand: number[] = [];
  let fixed: Float64Array | null = null;
  let fixedCash = 0;
  let limit = Infinity;
  let rankOnly = false;
  const excludedStables: string[] = [];

  const addListed = (symbols: string[]): void => {
    const missing: string[] = [];
    for (const s of new Set(symbols)) {
      const a = P.indexOf.get(s);
      if (a === undefined) {
        missing.push(s);
        continue;
      }
      if (P.stable[a] && !incStable) {
        excludedStables.push(s);
        continue;
      }
      cand.push(a);
    }
    if (missing.length > 0) {
      warn.add('missing-symbols', `No price data for ${missing.join(', ')}; skipped`);
    }
  };

  switch (u.type) {
    case 'top':
      limit = u.n;
      rankOnly = true;
      for (let a = 0; a < A; a++) {
        if (P.stable[a] && !incStable) continue;
        cand.push(a);
      }
      break;
    case 'sector': {
      const want = new Set<string>(u.sectors);
      limit = u.n ?? Infinity;
      for (let a = 0; a < A; a++) {
        if (!P.info[a]!.sectors.some((s) => want.has(s))) continue;
        if (P.stable[a] && !incStable) {
          excludedStables.push(P.symbols[a]!);
          continue;
        }
        cand.push(a);
      }
      if (cand.length === 0) {
        throw new IndexLabError(
          `No asset with price data belongs to sector ${u.sectors.join(' or ')} (sectors come from the catalog).`,
        );
      }
      break;
    }
    case 'custom':
      limit = u.n ?? Infinity;
      addListed(u.symbols);
      break;
    case 'holdings':
      if (!u.targets) {
        addListed(u.symbols);
        break;
      }
      {
        fixed = new Float64Array(A);
        const missing: string[] = [];
        for (const [k, w] of Object.entries(u.targets)) {
          const s = k.trim().toUpperCase();
          if (!(w > 0)) continue;
          const a = P.indexOf.get(s);
          const stable = a !== undefined ? P.stable[a] === 1 : isKnownStablecoin(s);
          if (stable && (a === undefined || !incStable)) {
            fixedCash += w; // a stablecoin target is modelled as cash earning 0
            continue;
          }
          if (a === undefined) {
            missing.push(s);
            continue;
          }
          if (fixed[a] === 0) cand.push(a);
          fixed[a] = fixed[a]! + w;
        }
        if (missing.length > 0) {
          warn.add(
            'missing-targets',
            `No price data for target(s) ${missing.join(', ')}; the other targets were scaled up to fill their weight`,
          );
        }
      }
      break;
  }
  if (excludedStables.length > 0) {
    warn.add(
      'stables',
      `Stablecoin(s) ${[...new Set(excludedStables)].join(', ')} left out of the risk basket (set universe.includeStablecoins to include them)`,
    );
  }
  if (cand.length === 0 && fixedCash === 0) {
    throw new IndexLabError('The universe is empty: no listed asset has price data.');
  }
  const needsMcap =
    rankOnly || (!fixed && (spec.weighting.method === 'marketcap' || spec.weighting.method === 'sqrt-marketcap'));
  if (needsMcap && cand.length > 0 && cand.every((a) => P.mcapSource[a] === 0)) {
    throw new IndexLabError(
      `${rankOnly ? `The top-${limit} universe` : `${spec.weighting.method} weighting`} needs market caps, but no asset has one: ` +
        'add a market_cap column to the prices (candle mc) or a catalog with marketCapUsd, or use another universe/weighting.',
    );
  }
  if (rankOnly) {
    const unranked = cand.filter((a) => P.mcapSource[a] === 0).map((a) => P.symbols[a]!);
    if (unranked.length > 0) {
      warn.add(
        'unranked',
        P.historicalCaps
          ? `No historical market cap for ${unranked.join(', ')}; they cannot enter the top-${limit} universe (today's catalog figure would be hindsight)`
          : `No market cap (candle mc or catalog marketCapUsd) for ${unranked.join(', ')}; they cannot enter the top-${limit} universe`,
      );
    }
  }
  cand.sort((x, y) => x - y);
  return { cand: Int32Array.from(cand), fixed, fixedCash, limit, rankOnly };
}

/**
 * Warns about candidates whose market cap is missing or partly the catalog's static figure,
 * when the run ranks or weights by market cap.
 */
export function marketCapWarnings(P: PreparedData, uni: Universe, method: Method, warn: WarningLog): void {
  const { cand, limit, rankOnly } = uni;
  const byMcap = method === 'marketcap' || method === 'sqrt-marketcap';
  if ((byMcap || limit < Infinity) && !rankOnly) {
    const none = [...cand].filter((a) => P.mcapSource[a] === 0).map((a) => P.symbols[a]!);
    if (none.length > 0) {
      warn.add(
        'no-mcap',
        `No ${P.historicalCaps ? 'historical market cap' : 'market cap (candle mc or catalog marketCapUsd)'} for ${none.join(', ')}; ${
          byMcap ? 'they get no weight' : 'they rank last'
        }`,
      );
    }
  }
  const staticMc = [...cand].filter((a) => P.mcapSource[a] === 2).map((a) => P.symbols[a]!);
  if (staticMc.length > 0 && (rankOnly || byMcap || limit < Infinity)) {
    warn.add(
      'static-mcap',
      `The prices carry no market caps, so the catalog's static marketCapUsd (a present-day figure) stands in on every day for ${staticMc.join(', ')}: rankings and cap weights use hindsight (the affected rebalances are marked)`,
    );
  }
}
