/**
 * What the Diversification breakdown shows, worked out without the DOM: the four dimensions and their
 * tabs, the concentration verdict, the doughnut's data and tooltip, and the rows of a slice's holdings.
 * Pure; called by the breakdown components and tested in test/unit/diversification-view-breakdown.
 */
import type { Breakdown, Slice } from '../../../../shared/allocation/breakdown';
import type { ValuedPosition } from '../../../../shared/domain/types';
import { money, pct } from '../../lib/format';
import { color } from '../../lib/palette';

export type Dimension = 'asset' | 'tier' | 'sector' | 'custody';

export interface DimensionDef {
  id: Dimension;
  /** Tab text. */
  label: string;
  /** What one slice is called ("account or wallet"); the table's first column is named after it. */
  noun: string;
}

export const DIMENSIONS: readonly DimensionDef[] = [
  { id: 'asset', label: 'By asset', noun: 'asset' },
  { id: 'tier', label: 'Market-cap tier', noun: 'tier' },
  { id: 'sector', label: 'Sector', noun: 'sector' },
  { id: 'custody', label: 'Exchange & custody', noun: 'account or wallet' },
];

export function dimensionDef(d: Dimension): DimensionDef {
  return DIMENSIONS.find((x) => x.id === d) ?? DIMENSIONS[0]!;
}

export function slicesOf(b: Breakdown, d: Dimension): Slice[] {
  return d === 'asset' ? b.byAsset : d === 'tier' ? b.byTier : d === 'sector' ? b.bySector : b.byCustody;
}

/** The tab ArrowRight / ArrowLeft moves to (wrapping around); null for any other key. */
export function nextDimension(current: Dimension, key: string): Dimension | null {
  if (key !== 'ArrowRight' && key !== 'ArrowLeft') return null;
  const i = DIMENSIONS.findIndex((d) => d.id === current);
  const step = key === 'ArrowRight' ? 1 : DIMENSIONS.length - 1;
  return DIMENSIONS[(i + step) % DIMENSIONS.length]!.id;
}

/** The name of the account or wallet a position is held at, as the breakdown labels it. */
export function custodyNamer(b: Breakdown): (p: Pick<ValuedPosition, 'custodyId'>) => string {
  const labels = new Map(b.byCustody.map((c) => [c.key, c.label]));
  return (p) => labels.get(p.custodyId) ?? p.custodyId;
}

/** HHI on the 0..10,000 scale: above 2,500 is highly concentrated, above 1,500 moderately. */
export function hhiVerdict(hhiPoints: number): { level: 'ok' | 'warn' | 'crit'; text: string } {
  if (hhiPoints > 2500) return { level: 'crit', text: 'highly concentrated' };
  if (hhiPoints > 1500) return { level: 'warn', text: 'moderately concentrated' };
  return { level: 'ok', text: 'diversified' };
}

/** "Asset", "Account or wallet": a noun as a column title. */
export function columnTitle(noun: string): string {
  return noun.charAt(0).toUpperCase() + noun.slice(1);
}

/** Width of a share bar: the share as a percentage, never past the end. */
export function shareBarWidth(share: number): string {
  return `${Math.min(100, share * 100)}%`;
}

/** Doughnut data: one coloured arc per slice; the selected one outlined and pulled out. */
export function sliceChartData(slices: readonly Slice[], selected: string | null) {
  const picked = (s: Slice) => s.key === selected;
  return {
    labels: slices.map((s) => s.label),
    datasets: [
      {
        data: slices.map((s) => s.value),
        backgroundColor: slices.map((_, i) => color(i)),
        borderColor: slices.map((s) => (picked(s) ? '#e6edf3' : '#161b22')),
        borderWidth: slices.map((s) => (picked(s) ? 3 : 1)),
        offset: slices.map((s) => (picked(s) ? 14 : 0)),
      },
    ],
  };
}

/** Tooltip line of a slice: "Bitcoin: $1,234.00 (41.2%)"; empty when there is no such slice. */
export function sliceTooltip(slice: Slice | undefined, base: string): string {
  return slice ? `${slice.label}: ${money(slice.value, base)} (${pct(slice.share)})` : '';
}

export interface SliceHoldingRow {
  key: string;
  asset: string;
  heldAt: string;
  amount: number;
  value: number | null;
  /** Share of the slice's value; null when the slice is worth nothing. */
  ofGroup: number | null;
  /** Share of the priced portfolio; null when the portfolio is worth nothing. */
  ofPortfolio: number | null;
}

/** The positions inside a slice, largest value first, with their share of the slice and of the whole. */
export function sliceHoldingRows(slice: Slice, b: Breakdown): SliceHoldingRow[] {
  const heldAt = custodyNamer(b);
  return [...slice.positions]
    .sort((x, y) => (y.value ?? 0) - (x.value ?? 0))
    .map((p) => ({
      key: `${p.custodyId}:${p.asset}`,
      asset: p.asset,
      heldAt: heldAt(p),
      amount: p.amount,
      value: p.value,
      ofGroup: slice.value > 0 ? (p.value ?? 0) / slice.value : null,
      ofPortfolio: b.total > 0 ? (p.value ?? 0) / b.total : null,
    }));
}
