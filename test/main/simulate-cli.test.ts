import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DAY_MS, type Candle } from '../../shared/domain/types';
import { isoDay, simulate, simulationResultJson, type SimulationResultJson } from '../../shared/indexlab';
import { cleanUpAfterAll, tempDir } from './support/cleanup';
import { ROOT } from './support/services';

vi.setConfig({ testTimeout: 90_000 });
// fixture folders are shared by the tests of a describe block: removed once the file is done
cleanUpAfterAll();

const SHARED_DATA = join(ROOT, '..', 'shared', 'data');

function runCli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'cli', 'simulate.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const D0 = Date.UTC(2024, 0, 1);
const N = 70;
const btc = Array.from({ length: N }, (_, i) => 40_000 + 300 * i + (i % 5) * 700);
const eth = Array.from({ length: N }, (_, i) => 2_000 + 10 * Math.sin(i / 3) * 20);
const sol = Array.from({ length: N }, (_, i) => 100 - i * 0.5 + (i % 7));
const usdt = Array.from({ length: N }, () => 1);
const mc = (p: number[], supply: number) => p.map((x) => x * supply);

function csv(closes: number[], mcs?: number[], rewrite?: (line: string, i: number) => string): string {
  const head = mcs ? 'date,open,high,low,close,volume,market_cap' : 'date,open,high,low,close,volume';
  const rows = closes.map((c, i) => {
    const line = `${isoDay(D0 + i * DAY_MS)},${c},${c * 1.01},${c * 0.99},${c},1000${mcs ? `,${mcs[i]}` : ''}`;
    return rewrite ? rewrite(line, i) : line;
  });
  return `${head}\n${rows.join('\n')}\n`;
}

function candles(closes: number[], mcs?: number[], skip: number[] = []): Candle[] {
  return closes.flatMap((c, i) =>
    skip.includes(i)
      ? []
      : [{ t: D0 + i * DAY_MS, o: c, h: c * 1.01, l: c * 0.99, c, v: 1000, ...(mcs ? { mc: mcs[i]! } : {}) }],
  );
}

function fixtureDir(): string {
  const dir = tempDir('ballast-indexlab-');
  writeFileSync(join(dir, 'BTC.csv'), csv(btc, mc(btc, 19e6)));
  writeFileSync(join(dir, 'ETH.csv'), csv(eth, mc(eth, 120e6)));
  // SOL: row for day 3 (file line 5) has a bad close, day 6 (line 8) a bad date.
  writeFileSync(
    join(dir, 'SOL.csv'),
    csv(sol, mc(sol, 400e6), (line, i) =>
      i === 3
        ? line.replace(/^([^,]*,[^,]*,[^,]*,[^,]*),[^,]*/, '$1,abc')
        : i === 6
          ? line.replace(/^[^,]*/, '2024-13-45')
          : line,
    ),
  );
  writeFileSync(join(dir, 'USDT.csv'), csv(usdt, mc(usdt, 100e9)));
  writeFileSync(join(dir, 'notes.txt'), 'not a price file');
  return dir;
}

describe('simulate CLI (end to end on CSV files)', () => {
  const spec = {
    name: 'CLI test',
    universe: { type: 'top', n: 3, minHistoryDays: 5 },
    weighting: { method: 'marketcap', maxWeight: 0.5 },
    costs: { feeBps: 10, slippageBps: 5 },
  };

  it('runs, reports the malformed rows by file and line, and writes the result', () => {
    const dir = fixtureDir();
    const specPath = join(dir, 'spec.json');
    const outPath = join(dir, 'result.json');
    writeFileSync(specPath, JSON.stringify(spec));
    const r = runCli(['--spec', specPath, '--prices', dir, '--out', outPath]);
    expect(r.stderr).toContain('SOL.csv:5: close "abc" is not a positive number');
    expect(r.stderr).toContain('SOL.csv:8: date "2024-13-45" is not YYYY-MM-DD');
    expect(r.stderr).toContain('2 bad row(s) skipped');
    expect(r.code).toBe(0);
    const result = JSON.parse(readFileSync(outPath, 'utf8')) as SimulationResultJson;
    // Same as the library on the same candles without the two bad rows.
    const expected = simulationResultJson(
      simulate(spec, {
        prices: {
          BTC: candles(btc, mc(btc, 19e6)),
          ETH: candles(eth, mc(eth, 120e6)),
          SOL: candles(sol, mc(sol, 400e6), [3, 6]),
          USDT: candles(usdt, mc(usdt, 100e9)),
        },
      }),
    );
    expect(result.equity).toEqual(expected.equity);
    expect(result.rebalances.length).toBe(expected.rebalances.length);
    // USDT is a stablecoin by symbol (no catalog): never in the risk basket.
    expect(result.rebalances.every((x) => !('USDT' in x.weights))).toBe(true);
    expect(result.rebalances.every((x) => Object.values(x.weights).every((w) => w <= 0.5 + 1e-12))).toBe(true);
    // Summary on stdout.
    expect(r.stdout).toContain('CLI test: top 3 by market cap');
    expect(r.stdout).toContain(`${(expected.metrics.totalReturn * 100).toFixed(2)}%`);
    expect(r.stdout).toMatch(/Max drawdown/);
    expect(r.stdout).toContain(`Full result written to ${outPath}`);
  });

  it('uses a catalog for sector universes', () => {
    const dir = fixtureDir();
    writeFileSync(
      join(dir, 'spec.json'),
      JSON.stringify({
        universe: { type: 'sector', sectors: ['DeFi'], minHistoryDays: 5 },
        weighting: { method: 'equal' },
      }),
    );
    writeFileSync(
      join(dir, 'catalog.json'),
      JSON.stringify({ ETH: { sectors: ['L1', 'DeFi'] }, SOL: { sectors: ['L1'] } }),
    );
    const out = join(dir, 'out.json');
    const r = runCli([
      '--spec',
      join(dir, 'spec.json'),
      '--prices',
      dir,
      '--catalog',
      join(dir, 'catalog.json'),
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as SimulationResultJson;
    expect(result.rebalances.every((x) => Object.keys(x.weights).join() === 'ETH')).toBe(true);
  });

  describe('fatal problems: clear message, non-zero exit', () => {
    const dir = fixtureDir();
    const good = join(dir, 'spec.json');
    writeFileSync(good, '{}');

    it('exits 2 on bad usage', () => {
      const usage = runCli(['--spec', good]);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('--spec and --prices are required');
    });

    it('lists every spec validation error', () => {
      const badSpec = join(dir, 'bad.json');
      writeFileSync(badSpec, JSON.stringify({ rebalance: { cadence: 'daily' }, costs: { feeBps: -1 } }));
      const r = runCli(['--spec', badSpec, '--prices', dir]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`invalid spec ${badSpec}`);
      expect(r.stderr).toContain('rebalance.cadence: must be one of weekly, monthly, quarterly, threshold');
      expect(r.stderr).toContain('costs.feeBps: must be >= 0');
    });

    it('rejects a spec that is not JSON', () => {
      const notJson = join(dir, 'broken.json');
      writeFileSync(notJson, '{"universe": ');
      const r = runCli(['--spec', notJson, '--prices', dir]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('is not valid JSON');
    });

    it('rejects a missing price directory', () => {
      const r = runCli(['--spec', good, '--prices', join(dir, 'nope')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/price directory .*nope does not exist/);
    });

    it('skips files with missing columns and stops when none is usable', () => {
      const noCols = tempDir('ballast-indexlab-');
      writeFileSync(join(noCols, 'BTC.csv'), 'date,close\n2024-01-01,1\n');
      const r = runCli(['--spec', good, '--prices', noCols]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('BTC.csv: skipped: missing column(s) open, high, low, volume');
      expect(r.stderr).toContain('no usable price file');
    });

    it('explains when the data is too short for the spec', () => {
      const short = tempDir('ballast-indexlab-');
      writeFileSync(join(short, 'BTC.csv'), csv(btc.slice(0, 10), mc(btc.slice(0, 10), 19e6)));
      const r = runCli(['--spec', good, '--prices', short]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('30 days of history');
    });
  });
});

/** Directories under ../shared/data holding CSVs with a date and a close column. */
function findRealCsvDirs(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    const csvs = names.filter((n) => n.toLowerCase().endsWith('.csv'));
    const ok = csvs.some((n) => {
      const head = readFileSync(join(dir, n), 'utf8').slice(0, 200).split(/\r?\n/)[0]!.toLowerCase();
      return head.includes('date') && head.includes('close') && head.includes('volume');
    });
    if (ok) out.push(dir);
    if (depth < 3) {
      for (const n of names) {
        const p = join(dir, n);
        if (statSync(p, { throwIfNoEntry: false })?.isDirectory()) walk(p, depth + 1);
      }
    }
  };
  walk(root, 0);
  return out;
}

const hasShared = existsSync(SHARED_DATA);
const realDirs = hasShared ? findRealCsvDirs(SHARED_DATA) : [];
const skipReason = !hasShared
  ? 'skipped: ../shared/data is absent'
  : realDirs.length === 0
    ? 'skipped: ../shared/data has no CSVs with date/open/high/low/close/volume columns'
    : `on ${realDirs[0]}`;

describe('simulate CLI on real history', () => {
  it.skipIf(realDirs.length === 0)(`runs a top-10 weekly index (${skipReason})`, () => {
    const dir = realDirs[0]!;
    const tmp = tempDir('ballast-indexlab-real-');
    const specPath = join(tmp, 'spec.json');
    const out = join(tmp, 'result.json');
    // Equal weight over everything: works whether or not the files carry market caps.
    writeFileSync(specPath, JSON.stringify({ universe: { type: 'top', n: 10 }, weighting: { method: 'equal' } }));
    const head = readFileSync(
      join(
        dir,
        readdirSync(dir).find((n) => n.toLowerCase().endsWith('.csv'))!,
      ),
      'utf8',
    ).split(/\r?\n/)[0]!;
    const hasMc = /market_?cap|(^|,)mc(,|$)/i.test(head);
    if (!hasMc) {
      const symbols = readdirSync(dir)
        .filter((n) => n.toLowerCase().endsWith('.csv'))
        .map((n) => n.slice(0, -4).toUpperCase());
      writeFileSync(
        specPath,
        JSON.stringify({ universe: { type: 'custom', symbols }, weighting: { method: 'equal' } }),
      );
    }
    const r = runCli(['--spec', specPath, '--prices', dir, '--out', out]);
    expect(r.stderr).not.toMatch(/^error:/m);
    expect(r.code).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as SimulationResultJson;
    expect(result.equity.length).toBeGreaterThan(30);
    expect(result.equity.every((p) => Number.isFinite(p.v) && p.v > 0)).toBe(true);
    expect(Number.isFinite(result.metrics.totalReturn)).toBe(true);
    expect(result.rebalances.length).toBeGreaterThan(1);
  });
});
