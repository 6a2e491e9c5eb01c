/**
 * Writes a market-history store as price CSVs in the CLI format, one SYMBOL.csv per asset
 * (`date,open,high,low,close,volume,market_cap`; market_cap empty on days without one), plus SOURCES.txt
 * with the attribution the sources ask for. The CSVs run as they are with `npm run simulate -- --prices`.
 *
 *   npm run market-history:export -- --store DIR --out DIR2
 *
 * `--store` is the app's data folder or its market-history folder. Exit codes: 0 success, 1 fatal
 * problem, 2 bad command-line usage.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ATTRIBUTION } from '../electron/services/market-history/coverage';
import { readMarketHistorySync } from '../electron/services/market-history/read';
import { priceCsv } from '../shared/market-history';

const USAGE = `Usage: npm run market-history:export -- --store DIR --out DIR2

  --store   The app's data folder, or its market-history folder.
  --out     Folder to write one SYMBOL.csv per asset into (created if needed; files are replaced).
`;

function main(argv: string[]): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { store: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!values.store || !values.out) {
    process.stderr.write(`error: --store and --out are required\n\n${USAGE}`);
    return 2;
  }
  let contents;
  try {
    contents = readMarketHistorySync(values.store);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 1;
  }
  for (const s of contents.skipped) process.stderr.write(`${s.file}: skipped: ${s.reason}\n`);
  const symbols = Object.keys(contents.history).sort();
  if (symbols.length === 0) {
    process.stderr.write(`error: the market-history store in ${contents.dir} is empty\n`);
    return 1;
  }
  try {
    mkdirSync(values.out, { recursive: true });
    for (const symbol of symbols) writeFileSync(join(values.out, `${symbol}.csv`), priceCsv(contents.history[symbol]!));
    writeFileSync(join(values.out, 'SOURCES.txt'), `${ATTRIBUTION.join('\n')}\n`);
  } catch (e) {
    process.stderr.write(`error: cannot write to ${values.out}: ${(e as Error).message}\n`);
    return 1;
  }
  const days = symbols.reduce((n, s) => n + contents.history[s]!.length, 0);
  process.stdout.write(`Wrote ${symbols.length} asset(s), ${days} daily rows, to ${values.out}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
