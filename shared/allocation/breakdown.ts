/**
 * Diversification breakdown of a valued portfolio: by asset, tier, sector and custody, plus
 * concentration measures. Unpriced positions are listed apart, never counted as zero.
 */
import type { Custody, Portfolio, Sector, Tier, ValuedPosition } from '../domain/types';
import { SECTOR_LABELS, TIER_LABELS, classify, type AssetCatalog, type ClassifyOptions } from './classify';

/** One slice of a breakdown: a group of valued positions and its share of the priced total. */
export interface Slice {
  key: string;
  label: string;
  /** Sum of the positions' values, in the portfolio's base currency. */
  value: number;
  /** value / total (0..1); 0 when the total is 0. */
  share: number;
  /** The valued positions inside this slice (one per custody and asset). */
  positions: ValuedPosition[];
}

/** An asset slice also carries the asset's classification. */
export interface AssetSlice extends Slice {
  tier: Tier;
  sector: Sector;
  /** Total amount held across custodies. */
  amount: number;
}

/** A custody slice also carries the custody it refers to (null when the portfolio lacks it). */
export interface CustodySlice extends Slice {
  custody: Custody | null;
}

export interface Concentration {
  /** Largest asset by value, or null for an empty portfolio. */
  largest: { asset: string; value: number; share: number } | null;
  /** Combined share of the three largest assets (0..1). */
  top3Share: number;
  /** Herfindahl-Hirschman index: sum of squared asset shares (0..1; 1 = a single asset). */
  hhi: number;
  /** The same index on the 0..10,000 scale used by competition authorities. */
  hhiPoints: number;
  /** 1 / HHI: the number of equally weighted assets with the same concentration (0 when empty). */
  effectiveAssets: number;
}

export interface Breakdown {
  base: string;
  asOf: number;
  /** Total value of the priced positions. */
  total: number;
  /** Positions without a usable value (no price, or a non-finite/negative value). */
  unpricedPositions: ValuedPosition[];
  byAsset: AssetSlice[];
  byTier: Slice[];
  bySector: Slice[];
  byCustody: CustodySlice[];
  concentration: Concentration;
}

export type BreakdownOptions = ClassifyOptions;

/** A position counts toward the breakdown when its value is a finite, non-negative number. */
export function isPriced(p: ValuedPosition): p is ValuedPosition & { value: number } {
  return p.value !== null && Number.isFinite(p.value) && p.value >= 0;
}

interface Group<E> {
  key: string;
  label: string;
  value: number;
  positions: ValuedPosition[];
  extra: E;
}

function bySizeThenKey(a: { value: number; key: string }, b: { value: number; key: string }): number {
  return b.value - a.value || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function toSlices<E>(groups: Map<string, Group<E>>, total: number): Array<Slice & E> {
  return [...groups.values()]
    .map((g) => ({
      key: g.key,
      label: g.label,
      value: g.value,
      share: total > 0 ? g.value / total : 0,
      positions: g.positions,
      ...g.extra,
    }))
    .sort(bySizeThenKey);
}

function add<E>(
  groups: Map<string, Group<E>>,
  key: string,
  make: () => { label: string; extra: E },
  p: ValuedPosition & { value: number },
): Group<E> {
  let g = groups.get(key);
  if (!g) {
    const { label, extra } = make();
    g = { key, label, value: 0, positions: [], extra };
    groups.set(key, g);
  }
  g.value += p.value;
  g.positions.push(p);
  return g;
}

/** Concentration measures over asset slices (shares must already be computed). */
export function concentrationOf(byAsset: readonly Slice[]): Concentration {
  const sorted = [...byAsset].sort(bySizeThenKey);
  const first = sorted[0];
  const hhi = sorted.reduce((s, a) => s + a.share * a.share, 0);
  return {
    largest: first && first.value > 0 ? { asset: first.key, value: first.value, share: first.share } : null,
    top3Share: sorted.slice(0, 3).reduce((s, a) => s + a.share, 0),
    hhi,
    hhiPoints: hhi * 10_000,
    effectiveAssets: hhi > 0 ? 1 / hhi : 0,
  };
}

/**
 * Break a portfolio down by asset (aggregated across custodies), tier, sector and custody.
 * Positions with a zero amount are ignored (nothing is held); positions without a usable value go
 * to `unpricedPositions`. Slices are sorted by value, largest first, and list only non-empty groups.
 */
export function breakdown(portfolio: Portfolio, catalog: AssetCatalog, opts: BreakdownOptions = {}): Breakdown {
  const custodies = new Map(portfolio.custodies.map((c) => [c.id, c]));
  const assets = new Map<string, Group<{ tier: Tier; sector: Sector; amount: number }>>();
  const tiers = new Map<string, Group<object>>();
  const sectors = new Map<string, Group<object>>();
  const byCustody = new Map<string, Group<{ custody: Custody | null }>>();
  const unpricedPositions: ValuedPosition[] = [];
  let total = 0;

  for (const p of portfolio.positions) {
    if (p.amount === 0) continue;
    if (!isPriced(p)) {
      unpricedPositions.push(p);
      continue;
    }
    total += p.value;
    const c = classify(p.asset, catalog, opts);
    const asset = add(
      assets,
      p.asset,
      () => ({
        label: c.info && c.info.name && c.info.name !== p.asset ? `${c.info.name} (${p.asset})` : p.asset,
        extra: { tier: c.tier, sector: c.sector, amount: 0 },
      }),
      p,
    );
    asset.extra.amount += p.amount;
    add(tiers, c.tier, () => ({ label: TIER_LABELS[c.tier], extra: {} }), p);
    add(sectors, c.sector, () => ({ label: SECTOR_LABELS[c.sector], extra: {} }), p);
    add(
      byCustody,
      p.custodyId,
      () => {
        const custody = custodies.get(p.custodyId) ?? null;
        return { label: custody?.label ?? p.custodyId, extra: { custody } };
      },
      p,
    );
  }

  const byAsset = toSlices(assets, total);
  return {
    base: portfolio.base,
    asOf: portfolio.asOf,
    total,
    unpricedPositions,
    byAsset,
    byTier: toSlices(tiers, total),
    bySector: toSlices(sectors, total),
    byCustody: toSlices(byCustody, total),
    concentration: concentrationOf(byAsset),
  };
}

/** Share of one slice key in a list of slices (0 when absent). */
export function shareOf(slices: readonly Slice[], key: string): number {
  return slices.find((s) => s.key === key)?.share ?? 0;
}
