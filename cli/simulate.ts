/**
 * Index Lab CLI: runs an index spec over a directory of daily price CSVs.
 *
 *   npm run simulate -- --spec spec.json --prices DIR [--out result.json] [--catalog catalog.json]
 *   npm run simulate -- --spec spec.json --store DIR ...   (the app's market-history store instead of CSVs)
 *
 * Exit codes: 0 success (row errors, if any, are listed on stderr), 1 fatal problem,
 * 2 bad command-line usage. See docs/INDEX-LAB.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { AssetInfo, PriceHistory } from '../shared/domain/types';
import { readMarketHistorySync } from '../electron/services/market-history/read';
import {
  IndexLabError,
  IndexSpecError,
  isoDay,
  parseAssetCatalog,
  parseIndexSpec,
  simulate,
  simulationResultJson,
  type PerformanceMetrics,
  type SimulationResult,
} from '../shared/indexlab';
import { CSV_HEADER_HELP, loadPriceDir } from './prices-csv';

const USAGE = `Usage: npm run simulate -- --spec spec.json (--prices DIR | --store DIR) [--out result.json] [--catalog catalog.json]

  --spec      Index spec (JSON, see docs/INDEX-LAB.md). "{}" gives the defaults.
  --prices    Directory with one SYMBOL.csv per asset: ${CSV_HEADER_HELP}
  --store     A market-history store (the app's data folder, or its market-history folder): the daily
              USD prices and market caps Ballast downloaded (docs/MARKET-DATA.md).
  --out       Write the full result (curves, logs, weights) as JSON to this file.
  --catalog   Asset catalog JSON (sectors, stablecoin flag, marketCapUsd) keyed by symbol.
              Without it every asset is sector "other" and USDT, USDC, DAI... are stablecoins.
  --max-row-errors N   Print at most N row errors per file (default 20).
`;

class Fatal extends Error {}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Fatal(`cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Fatal(`${what} ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(2)}%`);
const num = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(2));
const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const money = (x: number): string => MONEY.format(x);

function summary(r: SimulationResult): string {
  const cols: Array<[string, PerformanceMetrics]> = [['Strategy', r.metrics]];
  if (r.benchmarks.btc) cols.push([`${r.spec.benchmark} hold`, r.benchmarks.btc.metrics]);
  cols.push(['No rebalance', r.benchmarks.hold.metrics]);
  const rows: Array<[string, (m: PerformanceMetrics) => string]> = [
    ['Final value', (m) => money(m.endValue)],
    ['Total return', (m) => pct(m.totalReturn)],
    ['CAGR', (m) => pct(m.cagr)],
    ['Volatility (ann.)', (m) => pct(m.volatility)],
    ['Sharpe', (m) => num(m.sharpe)],
    ['Sortino', (m) => num(m.sortino)],
    ['Max drawdown', (m) => pct(-m.maxDrawdown)],
  ];
  const w0 = 19;
  const w = 15;
  const lines: string[] = [];
  const u = r.spec.universe;
  const universe =
    u.type === 'top'
      ? `top ${u.n} by market cap`
      : u.type === 'sector'
        ? `sector ${u.sectors.join('/')}${u.n ? ` (top ${u.n})` : ''}`
        : `${u.type} (${u.symbols.length} symbols)`;
  lines.push(
    `${r.spec.name ? `${r.spec.name}: ` : ''}${universe}, ${r.spec.weighting.method} weighting, ${r.spec.rebalance.cadence} rebalancing`,
  );
  lines.push(
    `Period ${isoDay(r.start)} to ${isoDay(r.end)} (${r.metrics.days} days), start value ${money(r.initialValue)}`,
  );
  lines.push('');
  lines.push(''.padEnd(w0) + cols.map(([n]) => n.padStart(w)).join(''));
  for (const [label, f] of rows) lines.push(label.padEnd(w0) + cols.map(([, m]) => f(m).padStart(w)).join(''));
  lines.push('');
  const m = r.metrics;
  if (m.maxDrawdownPeak !== null && m.maxDrawdownTrough !== null) {
    lines.push(
      `Max drawdown from ${isoDay(m.maxDrawdownPeak)} to ${isoDay(m.maxDrawdownTrough)}${
        m.maxDrawdownRecovery !== null ? `, recovered ${isoDay(m.maxDrawdownRecovery)}` : ', not recovered'
      }`,
    );
  }
  lines.push(
    `Rebalances ${m.rebalances}, turnover ${pct(m.turnover)} (${pct(m.annualTurnover)} a year), costs ${money(m.costsPaid)} (fees ${money(m.feesPaid)}, slippage ${money(m.slippagePaid)})`,
  );
  if (m.riskOffShare > 0) lines.push(`Risk-off (in cash) ${pct(m.riskOffShare)} of days`);
  const marked = r.rebalances.filter((x) => x.catalogCaps).length;
  if (marked > 0) lines.push(`Rebalances decided by today's catalog market caps (hindsight): ${marked}`);
  lines.push('');
  lines.push('Data:');
  for (const line of r.data.lines) lines.push(`  ${line}`);
  if (r.warnings.length > 0) {
    lines.push('');
    lines.push(`Warnings (${r.warnings.length}):`);
    for (const wn of r.warnings) lines.push(`  - ${wn}`);
  }
  return lines.join('\n');
}

/** The prices of a folder of CSVs; bad rows and skipped files are listed on stderr. */
function pricesFromCsv(dir: string, maxRowErrors: number): PriceHistory {
  let loaded;
  try {
    loaded = loadPriceDir(dir);
  } catch (e) {
    throw new Fatal((e as Error).message);
  }
  // Per-row problems: file:line: reason (capped per file).
  const perFile = new Map<string, number>();
  for (const e of loaded.errors) {
    const n = (perFile.get(e.file) ?? 0) + 1;
    perFile.set(e.file, n);
    if (n <= maxRowErrors) process.stderr.write(`${e.file}:${e.line}: ${e.reason}\n`);
  }
  for (const [file, n] of perFile) {
    if (n > maxRowErrors) process.stderr.write(`${file}: ${n - maxRowErrors} more bad row(s) not shown\n`);
  }
  for (const s of loaded.skippedFiles) process.stderr.write(`${s.file}: skipped: ${s.reason}\n`);
  if (loaded.files === 0) throw new Fatal(`no .csv files in ${dir} (expected one SYMBOL.csv per asset)`);
  if (Object.keys(loaded.prices).length === 0) throw new Fatal(`no usable price file in ${dir}`);
  if (loaded.errors.length > 0) {
    process.stderr.write(`${loaded.errors.length} bad row(s) skipped; the valid rows were kept\n`);
  }
  return loaded.prices;
}

/** The prices of a market-history store; unreadable asset files are listed on stderr. */
function pricesFromStore(dir: string): PriceHistory {
  let contents;
  try {
    contents = readMarketHistorySync(dir);
  } catch (e) {
    throw new Fatal((e as Error).message);
  }
  for (const s of contents.skipped) process.stderr.write(`${s.file}: skipped: ${s.reason}\n`);
  if (Object.keys(contents.history).length === 0)
    throw new Fatal(`the market-history store in ${contents.dir} is empty`);
  return contents.history;
}

function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        spec: { type: 'string' },
        prices: { type: 'string' },
        store: { type: 'string' },
        out: { type: 'string' },
        catalog: { type: 'string' },
        'max-row-errors': { type: 'string' },
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
  if (!o.spec || (o.prices === undefined) === (o.store === undefined)) {
    process.stderr.write(`error: --spec and --prices are required (or --store instead of --prices)\n\n${USAGE}`);
    return 2;
  }
  const maxRowErrors = o['max-row-errors'] === undefined ? 20 : Number(o['max-row-errors']);
  if (!Number.isInteger(maxRowErrors) || maxRowErrors < 0) {
    process.stderr.write(`error: --max-row-errors must be a whole number >= 0\n`);
    return 2;
  }

  try {
    const parsedSpec = parseIndexSpec(readJson(o.spec, 'spec'));
    if (!parsedSpec.ok) {
      throw new Fatal(`invalid spec ${o.spec}:\n  - ${parsedSpec.errors.join('\n  - ')}`);
    }
    let catalog: Record<string, AssetInfo> | undefined;
    if (o.catalog) {
      const c = parseAssetCatalog(readJson(o.catalog, 'catalog'));
      if (!c.ok) throw new Fatal(`invalid catalog ${o.catalog}:\n  - ${c.errors.join('\n  - ')}`);
      catalog = c.catalog;
    }

    const prices = o.store !== undefined ? pricesFromStore(o.store) : pricesFromCsv(o.prices!, maxRowErrors);
    const result = simulate(parsedSpec.spec, { prices, catalog });
    if (o.out) {
      try {
        writeFileSync(o.out, JSON.stringify(simulationResultJson(result), null, 1));
      } catch (e) {
        throw new Fatal(`cannot write ${o.out}: ${(e as Error).message}`);
      }
    }
    process.stdout.write(`${summary(result)}\n`);
    if (o.out) process.stdout.write(`\nFull result written to ${o.out}\n`);
    return 0;
  } catch (e) {
    if (e instanceof Fatal || e instanceof IndexLabError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 1;
    }
    if (e instanceof IndexSpecError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
