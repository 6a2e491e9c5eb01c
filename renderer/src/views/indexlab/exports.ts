/**
 * What the Index Lab exports: a run's curves as CSV (one row per day: strategy, benchmark buy-and-hold,
 * the held basket, drawdown), a run's full result as JSON, and a spec as JSON the CLI reads; with
 * their file names ("ballast-index-<slug>…") and the size limit main accepts.
 *
 * Pure: no React, no DOM, so test/unit runs it under Node. Writing the file goes through main
 * (`exportFile` in lab-actions.ts). Called by RunCard.tsx and Builder.tsx.
 */
import { toCsv } from '../../../../shared/csv';
import { simulationResultJson, type Curve, type IndexSpec, type SimulationResult } from '../../../../shared/indexlab';
import { INDEXLAB_EXPORT_MAX_CHARS, type IndexLabExportKind } from '../../../../shared/ipc/channels/indexlab';
import { date } from '../../lib/format';
import type { SignalSource } from '../../workers/indexlab-protocol';
import { describeSpec } from './builder-form';

/** Lowercase ASCII letters and digits joined by single dashes, at most 60 characters; "index" when nothing is left. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'index'
  );
}

/** Why `content` is too large to export, or null when main will accept it. */
export function exportSizeError(content: string): string | null {
  if (content.length <= INDEXLAB_EXPORT_MAX_CHARS) return null;
  return `This export is ${(content.length / 1e6).toFixed(1)} MB; the limit is ${INDEXLAB_EXPORT_MAX_CHARS / 1e6} MB.`;
}

/**
 * The daily curves of a run: date, strategy value, the benchmark bought and held (column named after
 * it, empty before its data starts), the basket held without rebalancing, and the drawdown (a
 * fraction). Values are rounded to 6 decimals.
 */
export function curvesCsv(result: SimulationResult): string {
  const byTime = (c: Curve | undefined) => new Map(c ? Array.from(c.t, (t, i) => [t, c.v[i]!] as const) : []);
  const btc = byTime(result.benchmarks.btc?.equity);
  const hold = byTime(result.benchmarks.hold.equity);
  const dd = byTime(result.drawdown);
  const { t, v } = result.equity;
  const round = (x: number | undefined) => (x === undefined ? '' : Number(x.toFixed(6)));
  return toCsv(
    ['date', 'strategy', `${(result.spec.benchmark || 'BTC').toLowerCase()}_buy_and_hold`, 'held_basket', 'drawdown'],
    Array.from(t, (day, i) => [date(day), round(v[i]), round(btc.get(day)), round(hold.get(day)), round(dd.get(day))]),
  );
}

/** A spec as the CLI reads it: indented JSON with a final newline. */
export function specJson(spec: IndexSpec): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/** The file name of a spec exported from the builder, named after the spec (or its description). */
export function specFileName(spec: IndexSpec, signalSource: SignalSource): string {
  return `ballast-index-spec-${slug(spec.name ?? describeSpec(spec, signalSource))}.json`;
}

/** The file name and content of one export of a run. */
export function runExport(
  kind: IndexLabExportKind,
  run: { label: string; spec: IndexSpec; result: SimulationResult },
): { name: string; content: string } {
  const base = `ballast-index-${slug(run.label)}`;
  switch (kind) {
    case 'results-csv':
      return { name: `${base}.csv`, content: curvesCsv(run.result) };
    case 'results-json':
      return { name: `${base}.json`, content: JSON.stringify(simulationResultJson(run.result)) };
    case 'spec-json':
      return { name: `${base}-spec.json`, content: specJson(run.spec) };
  }
}
