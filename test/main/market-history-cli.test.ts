/**
 * The CLIs on a market-history store: `npm run market-history:export -- --store DIR --out DIR2` writes
 * it as price CSVs, and `npm run simulate -- --store DIR` runs an index on it directly, with the same
 * result as on the exported CSVs. The store is made by the app's own CSV import (no network); with the
 * shared history present, the real 61 assets go through it as well.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DAY_MS } from '../../shared/domain/types';
import { isoDay, type SimulationResult } from '../../shared/indexlab';
import { parsePriceCsv } from '../../shared/market-history';
import { SHARED_HISTORY_DIR, SHARED_DATA_MISSING } from '../emulator/history-data';
import { startApp } from './support/app';
import { cleanUpAfterAll, tempDir } from './support/cleanup';
import { ROOT } from './support/services';

vi.setConfig({ testTimeout: 120_000 });
cleanUpAfterAll();

function run(script: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'cli', script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A data folder whose market-history store holds the CSVs of `from` (imported by the app). */
async function storeOf(from: string): Promise<string> {
  const app = await startApp({ chooseFolder: async () => from });
  await app.call('market-history:import');
  await app.stop();
  return app.dataDir;
}

const D0 = Date.UTC(2023, 0, 1);
function syntheticFolder(): string {
  const dir = tempDir('ballast-mh-cli-src-');
  const assets: [string, number, number][] = [
    ['BTC', 20_000, 19e6],
    ['ETH', 1_500, 120e6],
    ['SOL', 20, 400e6],
    ['USDT', 1, 80e9],
  ];
  for (const [symbol, p0, supply] of assets) {
    const rows = Array.from({ length: 90 }, (_, i) => {
      const c = p0 * (1 + 0.3 * Math.sin(i / 9 + p0));
      return `${isoDay(D0 + i * DAY_MS)},${c},${c * 1.02},${c * 0.98},${c},${1000 + i},${c * supply}`;
    });
    writeFileSync(join(dir, `${symbol}.csv`), `date,open,high,low,close,volume,market_cap\n${rows.join('\n')}\n`);
  }
  return dir;
}

describe('market-history CLIs', () => {
  it('exports the store as CSVs and simulates on the store as on the exported CSVs', async () => {
    const source = syntheticFolder();
    const dataDir = await storeOf(source);
    const out = tempDir('ballast-mh-cli-out-');
    const exported = run('market-history-export.ts', ['--store', dataDir, '--out', out]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('Wrote 4 asset(s), 360 daily rows');
    expect(readdirSync(out).sort()).toEqual(['BTC.csv', 'ETH.csv', 'SOL.csv', 'SOURCES.txt', 'USDT.csv']);
    expect(readFileSync(join(out, 'SOURCES.txt'), 'utf8')).toContain('Coin Metrics');
    for (const f of ['BTC.csv', 'SOL.csv']) {
      const a = parsePriceCsv(readFileSync(join(source, f), 'utf8'), f).candles;
      const b = parsePriceCsv(readFileSync(join(out, f), 'utf8'), f).candles;
      expect(b).toHaveLength(a.length);
      b.forEach((k, i) => {
        expect(k.t).toBe(a[i]!.t);
        // The CSV keeps 12 significant digits.
        expect(k.c / a[i]!.c).toBeCloseTo(1, 10);
        expect(k.mc! / a[i]!.mc!).toBeCloseTo(1, 10);
      });
    }

    const spec = join(out, '..', 'spec.json');
    writeFileSync(spec, JSON.stringify({ universe: { type: 'top', n: 2, minHistoryDays: 5 } }));
    const fromStore = join(tempDir('ballast-mh-cli-res-'), 'store.json');
    const fromCsv = join(tempDir('ballast-mh-cli-res-'), 'csv.json');
    const a = run('simulate.ts', ['--spec', spec, '--store', dataDir, '--out', fromStore]);
    expect(a.stderr).not.toMatch(/^error:/m);
    expect(a.code).toBe(0);
    expect(run('simulate.ts', ['--spec', spec, '--prices', out, '--out', fromCsv]).code).toBe(0);
    const r1 = JSON.parse(readFileSync(fromStore, 'utf8')) as SimulationResult;
    const r2 = JSON.parse(readFileSync(fromCsv, 'utf8')) as SimulationResult;
    expect(r1.rebalances.map((r) => Object.keys(r.weights).sort())).toEqual(
      r2.rebalances.map((r) => Object.keys(r.weights).sort()),
    );
    expect(r1.metrics.totalReturn).toBeCloseTo(r2.metrics.totalReturn, 9);
  });

  it('says what is wrong with a folder that holds no store, and how to call it', () => {
    const empty = tempDir('ballast-mh-cli-empty-');
    const r = run('market-history-export.ts', ['--store', empty, '--out', join(empty, 'x')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('holds no market-history store');
    expect(run('market-history-export.ts', ['--store', empty]).code).toBe(2);
    const s = run('simulate.ts', ['--spec', join(empty, 'none.json'), '--store', empty, '--prices', empty]);
    expect(s.code).toBe(2);
  });

  const hasShared = existsSync(join(SHARED_HISTORY_DIR, 'BTC.csv'));
  it.skipIf(!hasShared)(
    `runs a top-10 index on a store of the real history (${hasShared ? 'shared data' : SHARED_DATA_MISSING})`,
    async () => {
      const dataDir = await storeOf(SHARED_HISTORY_DIR);
      const spec = join(tempDir('ballast-mh-cli-spec-'), 'spec.json');
      writeFileSync(spec, JSON.stringify({ universe: { type: 'top', n: 10 }, weighting: { method: 'marketcap' } }));
      const out = join(tempDir('ballast-mh-cli-res-'), 'r.json');
      const r = run('simulate.ts', ['--spec', spec, '--store', dataDir, '--out', out]);
      expect(r.stderr).not.toMatch(/^error:/m);
      expect(r.code).toBe(0);
      const result = JSON.parse(readFileSync(out, 'utf8')) as SimulationResult;
      expect(result.rebalances.length).toBeGreaterThan(100);
      expect(result.warnings.join(' ')).not.toContain('static');
    },
  );
});
