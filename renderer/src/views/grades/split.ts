/**
 * The "Portfolio split by grade" panel's content: one row per bucket of shared/grades'
 * `portfolioGradeSplit`, the segments of the "now" and "target" bars with their spoken labels, and
 * the target editor's parsing of a whole percentage.
 *
 * Pure (no React, no DOM). Used by SplitCard and SplitEditor; tested by
 * test/unit/grades-view-split.test.ts.
 */
import { GRADE_STRONG, type GradeSplit, type GradeSplitTarget, type SplitBucket } from '../../../../shared/grades';
import { pct } from '../../lib/format';

export interface SplitRow {
  key: 'trader' | 'investor' | 'neither' | 'ungraded';
  label: string;
  bucket: SplitBucket;
  /** The user's target share for this bucket (0..1), or null for the buckets without one. */
  target: number | null;
  className: string;
}

/** One coloured segment of a split bar. */
export interface BarPart {
  key: string;
  /** 0..1 of the bar. */
  share: number;
  className: string;
  label: string;
}

/** How many asset symbols a bucket without a target lists before "+N". */
const ASSETS_SHOWN = 6;

export const SPLIT_INPUT_ERROR = 'Enter a whole percentage between 0 and 100.';

export function splitRows(split: GradeSplit): SplitRow[] {
  return [
    {
      key: 'trader',
      label: `High Trader Grade (≥ ${GRADE_STRONG})`,
      bucket: split.trader,
      target: split.target.trader,
      className: 'seg-trader',
    },
    {
      key: 'investor',
      label: `High Investor Grade (≥ ${GRADE_STRONG})`,
      bucket: split.investor,
      target: split.target.investor,
      className: 'seg-investor',
    },
    { key: 'neither', label: 'Neither', bucket: split.neither, target: null, className: 'seg-neither' },
    { key: 'ungraded', label: 'Not graded', bucket: split.ungraded, target: null, className: 'seg-ungraded' },
  ];
}

/** The "now" bar: each bucket's share of the portfolio. */
export function actualParts(rows: readonly SplitRow[]): BarPart[] {
  return rows.map((r) => ({ key: r.key, share: r.bucket.share, className: r.className, label: r.label }));
}

export function actualLabel(rows: readonly SplitRow[]): string {
  return `Now: ${rows.map((r) => `${r.label} ${pct(r.bucket.share)}`).join(', ')}`;
}

/** The "target" bar: both targets and whatever they leave over. */
export function targetParts(target: GradeSplitTarget): BarPart[] {
  const rest = Math.max(0, 1 - target.trader - target.investor);
  return [
    { key: 'trader', share: target.trader, className: 'seg-trader', label: 'High Trader Grade' },
    { key: 'investor', share: target.investor, className: 'seg-investor', label: 'High Investor Grade' },
    { key: 'rest', share: rest, className: 'seg-neither', label: 'Anything else' },
  ];
}

export function targetLabel(target: GradeSplitTarget): string {
  return `Target: high Trader Grade ${pct(target.trader, 0)}, high Investor Grade ${pct(target.investor, 0)}`;
}

/** The segments a bar draws (empty ones are left out), each with its tooltip. */
export function visibleParts(parts: readonly BarPart[]): (BarPart & { title: string })[] {
  return parts.filter((p) => p.share > 0).map((p) => ({ ...p, title: `${p.label}: ${pct(p.share)}` }));
}

/** The last cell of a row: its target, or the first few assets in it. */
export function rowNote(row: SplitRow): string {
  if (row.target !== null) return `target ${pct(row.target, 0)}`;
  const { assets } = row.bucket;
  const more = assets.length > ASSETS_SHOWN ? ` +${assets.length - ASSETS_SHOWN}` : '';
  return assets.slice(0, ASSETS_SHOWN).join(', ') + more;
}

/** The trader share as a whole percentage, for the editor to start from. */
export function traderPercent(target: GradeSplitTarget): string {
  return String(Math.round(target.trader * 100));
}

/** A typed trader share: a whole number from 0 to 100, or null. */
export function parseTraderPercent(text: string): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 100 ? n : null;
}

/** The target a whole trader percentage sets: the investor side takes the rest. */
export function targetFromPercent(traderPct: number): GradeSplitTarget {
  return { trader: traderPct / 100, investor: (100 - traderPct) / 100 };
}
