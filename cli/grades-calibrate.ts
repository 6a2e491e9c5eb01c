/**
 * Grade calibration CLI: measures the Trader and Investor grades on daily price CSVs (the Index Lab
 * CSV format) and prints the tables of docs/GRADES.md.
 *
 *   npm run grades:calibrate -- --prices DIR [--prices DIR2] [--fit-to 2019-12-31] [--from DATE]
 *     [--to DATE] [--catalog catalog.json] [--json out.json] [--docs docs/GRADES.md] [--no-walk-forward]
 *
 * Exit codes: 0 success, 1 fatal problem (unreadable folder, no usable file), 2 bad usage.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { PriceHistory } from '../shared/domain/types';
import { parseIsoDay } from '../shared/indexlab';
import { isKnownStablecoin } from '../shared/indexlab/catalog';
import {
  renderCalibration,
  replaceGeneratedSections,
  runCalibration,
  type CalibrationSet,
} from '../shared/grades/calibration';
import { CSV_HEADER_HELP, loadPriceDir } from './prices-csv';

const USAGE = `Usage: npm run grades:calibrate -- --prices DIR [options]

  --prices DIR        Folder of SYMBOL.csv files (${CSV_HEADER_HELP}); repeat for several sets.
  --fit-to DATE       Last day of the fitting period (default 2019-12-31); later days are out of sample.
  --from DATE         Ignore candles before this day.
  --to DATE           Ignore candles after this day.
  --catalog FILE      Catalog JSON keyed by symbol with a "stablecoin" flag (default: catalog.json in
                      the first prices folder or its parent, else a built-in stablecoin list).
  --json FILE         Also write the full result as JSON.
  --docs FILE         Replace the generated section of this Markdown file (docs/GRADES.md).
  --no-walk-forward   Skip the yearly walk-forward folds (faster).
`;

class Fatal extends Error {}

function day(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const t = parseIsoDay(value);
  if (!Number.isFinite(t)) throw new Fatal(`${flag} must be a date YYYY-MM-DD, got "${value}"`);
  return t;
}

/** The stablecoin test: the catalog's flag when a catalog is found, else the built-in list. */
function stablecoins(catalogPath: string | undefined, firstDir: string): (symbol: string) => boolean {
  const candidates = catalogPath
    ? [catalogPath]
    : [join(firstDir, 'catalog.json'), join(dirname(resolve(firstDir)), 'catalog.json')];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    if (catalogPath) throw new Fatal(`cannot read catalog ${catalogPath}`);
    return isKnownStablecoin;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(found, 'utf8'));
  } catch (e) {
    throw new Fatal(`catalog ${found} is not valid JSON: ${(e as Error).message}`);
  }
  const entries = parsed && typeof parsed === 'object' ? (parsed as Record<string, { stablecoin?: unknown }>) : {};
  return (symbol) => entries[symbol]?.stablecoin === true || isKnownStablecoin(symbol);
}

function clip(history: PriceHistory, from: number | undefined, to: number | undefined): PriceHistory {
  if (from === undefined && to === undefined) return history;
  const out: PriceHistory = {};
  for (const [s, candles] of Object.entries(history)) {
    out[s] = candles.filter((c) => (from === undefined || c.t >= from) && (to === undefined || c.t <= to));
  }
  return out;
}

function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        prices: { type: 'string', multiple: true },
        'fit-to': { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        catalog: { type: 'string' },
        json: { type: 'string' },
        docs: { type: 'string' },
        'no-walk-forward': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const o = args.values;
  if (o.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const dirs = o.prices ?? [];
  if (dirs.length === 0) {
    process.stderr.write(`error: --prices is required\n\n${USAGE}`);
    return 2;
  }
  try {
    const fitTo = day(o['fit-to'] ?? '2019-12-31', '--fit-to')!;
    const from = day(o.from, '--from');
    const to = day(o.to, '--to');
    const exclude = stablecoins(o.catalog, dirs[0]!);
    const sets: CalibrationSet[] = dirs.map((dir) => {
      let loaded;
      try {
        loaded = loadPriceDir(dir);
      } catch (e) {
        throw new Fatal((e as Error).message);
      }
      for (const s of loaded.skippedFiles) process.stderr.write(`${dir}/${s.file}: skipped: ${s.reason}\n`);
      if (loaded.errors.length > 0) process.stderr.write(`${dir}: ${loaded.errors.length} bad row(s) skipped\n`);
      if (Object.keys(loaded.prices).length === 0) throw new Fatal(`no usable price file in ${dir}`);
      return { name: basename(resolve(dir)), history: clip(loaded.prices, from, to) };
    });
    const result = runCalibration(sets, { fitTo, exclude, walkForward: !o['no-walk-forward'] });
    const text = renderCalibration(result);
    process.stdout.write(`${text}\n`);
    if (o.json) writeFileSync(o.json, JSON.stringify(result, null, 1));
    if (o.docs) {
      let doc: string;
      try {
        doc = readFileSync(o.docs, 'utf8');
      } catch (e) {
        throw new Fatal(`cannot read ${o.docs}: ${(e as Error).message}`);
      }
      try {
        writeFileSync(o.docs, replaceGeneratedSections(doc, text));
      } catch (e) {
        throw new Fatal(`cannot update ${o.docs}: ${(e as Error).message}`);
      }
      process.stderr.write(`updated ${o.docs}\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof Fatal) {
      process.stderr.write(`error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
