/**
 * The data coverage of a run: which providers the prices came from, whether market caps are
 * historical (known on each day) or today's catalog figures, the share of asset-days with a
 * historical cap, the assets without one, and whether the universe holds only today's survivors.
 * Every result carries it (result.ts builds it); the app's result panel and the CLI print `lines`.
 * Pure: reads the prepared data and the run's candidates only.
 */
import type { PreparedData } from './prepare';
import type { UniverseSpec } from './spec';
import type { DataCoverage } from './types';

/** An asset whose last candle is at least this many days before the data's last day has stopped. */
export const STOPPED_AFTER_DAYS = 30;

/**
 * Survivorship: a ranking universe (top N, sector) whose asset list is today's top N, or, when the
 * caller did not say, where no candidate stopped before the end, holds only today's survivors.
 */
export function survivorsOnly(P: PreparedData, cand: ArrayLike<number>, type: UniverseSpec['type']): boolean {
  if (type !== 'top' && type !== 'sector') return false;
  const list = P.sources.assetList;
  if (list === 'today-top') return true;
  if (list === 'chosen' || cand.length === 0) return false;
  for (let i = 0; i < cand.length; i++) {
    if (P.lastIdx[cand[i]!]! < P.days - STOPPED_AFTER_DAYS) return false;
  }
  return true;
}

const pct = (x: number): string => `${(x * 100).toFixed(x > 0 && x < 0.995 ? 1 : 0)}%`;

/** The coverage of the candidates `cand` (asset indices) of a run with universe type `type`. */
export function dataCoverage(P: PreparedData, cand: ArrayLike<number>, type: UniverseSpec['type']): DataCoverage {
  let covered = 0;
  let total = 0;
  const withoutCap: string[] = [];
  const lateCap: string[] = [];
  let anyStatic = false;
  for (let i = 0; i < cand.length; i++) {
    const a = cand[i]!;
    const first = P.firstIdx[a]!;
    const last = P.lastIdx[a]!;
    if (first < 0) continue;
    total += last - first + 1;
    const mc = P.firstMcIdx[a]!;
    if (mc < 0) withoutCap.push(P.symbols[a]!);
    else {
      covered += Math.max(0, last - mc + 1);
      if (mc > first) lateCap.push(P.symbols[a]!);
    }
    if (P.mcapSource[a] === 2) anyStatic = true;
  }
  const capSource: DataCoverage['capSource'] = P.historicalCaps ? 'historical' : anyStatic ? 'catalog-today' : 'none';
  const share = total > 0 ? covered / total : 0;
  const survivors = survivorsOnly(P, cand, type);
  const providers = P.sources.providers ?? [];
  const lines = [
    `Prices: ${providers.length > 0 ? providers.join(', ') : 'the price data given (provider not stated)'}.`,
  ];
  if (capSource === 'historical') {
    lines.push(`Market caps: historical, as known on each day (${pct(share)} of asset-days have one).`);
    if (withoutCap.length > 0) {
      lines.push(`No historical market cap for ${withoutCap.join(', ')}: never ranked by market cap.`);
    }
    if (lateCap.length > 0) {
      lines.push(`Historical market caps start after the first price for ${lateCap.join(', ')}: unranked until then.`);
    }
  } else if (capSource === 'catalog-today') {
    lines.push(
      "Market caps: today's catalog figures on every day (the prices carry none): rankings and cap weights use hindsight.",
    );
  } else lines.push('Market caps: none.');
  if (survivors) lines.push("Universe: today's survivors — results flatter the past.");
  return { providers, capSource, historicalCapShare: share, withoutCap, lateCap, survivorsOnly: survivors, lines };
}
