/**
 * What the Index Lab exports (renderer/src/views/indexlab/exports.ts): the curves CSV of a real
 * simulation (columns, one row per day, series matched by date, rounding), file names, the spec file
 * the CLI reads back, and the size limit main enforces.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  defaultIndexSpec,
  generateSyntheticHistory,
  isoDay,
  parseIndexSpec,
  simulate,
  validateIndexSpec,
  curvePoints,
  type Curve,
  type SimulationResult,
  type SimulationResultJson,
} from '../../shared/indexlab';
import { INDEXLAB_EXPORT_MAX_CHARS } from '../../shared/ipc/channels/indexlab';
import { curvesCsv, exportSizeError, runExport, slug, specFileName } from '../../renderer/src/views/indexlab/exports';

const data = generateSyntheticHistory({ seed: 11, assets: 8, days: 120, lateShare: 0 });
const SPEC = { universe: { type: 'top', n: 4, minHistoryDays: 10 }, benchmark: 'A001' };
const result = simulate(SPEC, data);

interface Row {
  date: string;
  strategy: string;
  held_basket: string;
  drawdown: string;
  /** The benchmark column, named after its asset. */
  [benchmark: string]: string;
}
function parse(csv: string): { fields: string[]; rows: Row[] } {
  const p = Papa.parse<Row>(csv, { header: true, skipEmptyLines: true });
  expect(p.errors).toEqual([]);
  return { fields: p.meta.fields ?? [], rows: p.data };
}
const byDate = (curve: Curve) => new Map(curvePoints(curve).map((p) => [isoDay(p.t), p.v]));
const equity = curvePoints(result.equity);

describe('curvesCsv', () => {
  const { fields, rows } = parse(curvesCsv(result));

  it('has a date column and one column per series, the benchmark named after its asset', () => {
    expect(fields).toEqual(['date', 'strategy', 'a001_buy_and_hold', 'held_basket', 'drawdown']);
  });

  it('has one row per simulated day, in order, with the strategy value rounded to 6 decimals', () => {
    expect(equity.length).toBeGreaterThan(60);
    expect(rows).toHaveLength(equity.length);
    rows.forEach((row, i) => {
      const p = equity[i]!;
      expect(row.date).toBe(isoDay(p.t));
      expect(Math.abs(Number(row.strategy) - p.v)).toBeLessThanOrEqual(5e-7);
      for (const col of fields.slice(1)) expect(row[col]).toMatch(/^$|^-?\d+(\.\d{1,6})?$/);
    });
  });

  it('matches the benchmark, the held basket and the drawdown to the strategy by date', () => {
    const bench = byDate(result.benchmarks.btc!.equity);
    const hold = byDate(result.benchmarks.hold.equity);
    const dd = byDate(result.drawdown);
    for (const row of rows) {
      expect(Number(row.a001_buy_and_hold)).toBeCloseTo(bench.get(row.date)!, 6);
      expect(Number(row.held_basket)).toBeCloseTo(hold.get(row.date)!, 6);
      expect(Number(row.drawdown)).toBeCloseTo(dd.get(row.date)!, 6);
    }
  });

  it('writes the drawdown as a fraction at or below 0, its lowest being the max drawdown', () => {
    const dd = rows.map((r) => Number(r.drawdown));
    expect(Math.max(...dd)).toBeLessThanOrEqual(0);
    expect(result.metrics.maxDrawdown).toBeGreaterThan(0);
    expect(Math.min(...dd)).toBeCloseTo(-result.metrics.maxDrawdown, 6);
  });

  it('leaves a series blank on the days it has no value', () => {
    // The benchmark curve starting 5 days late: its first 5 rows are empty and the rest still line up by date.
    const btcCurve = result.benchmarks.btc!.equity;
    const late: SimulationResult = {
      ...result,
      benchmarks: {
        ...result.benchmarks,
        btc: { ...result.benchmarks.btc!, equity: { t: btcCurve.t.subarray(5), v: btcCurve.v.subarray(5) } },
      },
    };
    const lateRows = parse(curvesCsv(late)).rows;
    expect(lateRows.slice(0, 5).map((r) => r.a001_buy_and_hold)).toEqual(['', '', '', '', '']);
    expect(Number(lateRows[5]!.a001_buy_and_hold)).toBeCloseTo(btcCurve.v[5]!, 6);
    expect(lateRows[5]!.date).toBe(isoDay(btcCurve.t[5]!));
  });

  it('keeps the benchmark column, empty, when the benchmark asset has no prices', () => {
    const none = simulate({ ...SPEC, benchmark: 'ZZZ' }, data);
    expect(none.benchmarks.btc).toBeNull();
    const csv = parse(curvesCsv(none));
    expect(csv.fields[2]).toBe('zzz_buy_and_hold');
    expect(csv.rows.every((r) => r.zzz_buy_and_hold === '')).toBe(true);
  });

  it('writes a benchmark that would start a formula as text (a result from elsewhere than the spec schema)', () => {
    const hostile = { ...result, spec: { ...result.spec, benchmark: '=HYPERLINK("http://x")' } };
    expect(parse(curvesCsv(hostile)).fields[2]).toBe(`'=hyperlink("http://x")_buy_and_hold`);
  });
});

describe('slug', () => {
  it('keeps lowercase letters and digits joined by single dashes', () => {
    expect(slug('Equal weight top 10')).toBe('equal-weight-top-10');
    expect(slug('Top 10 · market cap · weekly')).toBe('top-10-market-cap-weekly');
    expect(slug('  --My/Index: v2!--  ')).toBe('my-index-v2');
  });

  it('is at most 60 characters, and "index" when nothing usable is left', () => {
    expect(slug('abc '.repeat(40)).length).toBeLessThanOrEqual(60);
    expect(slug('')).toBe('index');
    expect(slug('→ · ←')).toBe('index');
  });
});

describe('file names and contents', () => {
  const run = { label: 'My run: top 4!', spec: result.spec, result };

  it('names a run’s exports after its label', () => {
    expect(runExport('results-csv', run).name).toBe('ballast-index-my-run-top-4.csv');
    expect(runExport('results-json', run).name).toBe('ballast-index-my-run-top-4.json');
    expect(runExport('spec-json', run).name).toBe('ballast-index-my-run-top-4-spec.json');
  });

  it('exports the curves, the full result, and a spec the CLI parser reads back unchanged', () => {
    expect(runExport('results-csv', run).content).toBe(curvesCsv(result));
    const json = JSON.parse(runExport('results-json', run).content) as SimulationResultJson;
    expect(json.equity).toHaveLength(equity.length);
    expect(json.finalValue).toBe(result.finalValue);
    const spec = runExport('spec-json', run).content;
    expect(spec.endsWith('}\n')).toBe(true);
    const parsed = parseIndexSpec(JSON.parse(spec));
    expect(parsed.ok && parsed.spec).toEqual(result.spec);
  });

  it('names a spec file after the spec’s name, or its description', () => {
    expect(specFileName(defaultIndexSpec(), 'grade')).toBe('ballast-index-spec-top-10-market-cap-weekly.json');
    const named = validateIndexSpec({ name: 'Quarterly 5', universe: { type: 'top', n: 5 } });
    expect(specFileName(named, 'grade')).toBe('ballast-index-spec-quarterly-5.json');
  });
});

describe('exportSizeError', () => {
  it('accepts content up to the limit main accepts, and says the size past it', () => {
    expect(exportSizeError('x'.repeat(INDEXLAB_EXPORT_MAX_CHARS))).toBeNull();
    expect(exportSizeError('x'.repeat(INDEXLAB_EXPORT_MAX_CHARS + 60_000))).toBe(
      'This export is 20.1 MB; the limit is 20 MB.',
    );
  });
});
