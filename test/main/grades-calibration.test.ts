/**
 * The grade calibration on real history (../shared/data/market-history and its close-only set):
 * the claims docs/GRADES.md and the app make about the grades, checked out of sample, and the docs'
 * generated tables checked against what the harness measures now. Plus the CLI's handling of bad
 * input. Skips with a message when the shared data is absent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DAY_MS } from '../../shared/domain/types';
import { FACTORS, type GradeKind } from '../../shared/grades';
import {
  CALIBRATION_END,
  CALIBRATION_START,
  FACTORS_END,
  FACTORS_START,
  generatedSection,
  renderCalibration,
  renderFactorTables,
  runCalibration,
  type CalibrationResult,
  type SetResult,
} from '../../shared/grades/calibration';
import { isoDay, parseIsoDay } from '../../shared/indexlab';
import { loadPriceDir } from '../../cli/prices-csv';
import { cleanUpAfterEach, tempDir } from './support/cleanup';
import { ROOT } from './support/services';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });
cleanUpAfterEach();

const DATA = join(ROOT, '..', 'shared', 'data', 'market-history');
const CLOSE_ONLY = join(DATA, 'close-only');
const hasData = existsSync(join(DATA, 'BTC.csv')) && existsSync(join(CLOSE_ONLY, 'BTC.csv'));
const skip = hasData ? '' : ' (skipped: ../shared/data/market-history is absent)';

function runCli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'cli', 'grades-calibrate.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!hasData)(`grades on real history${skip}`, () => {
  let result: CalibrationResult;
  const set = (name: string): SetResult => result.sets.find((s) => s.name === name)!;

  beforeAll(() => {
    const catalog = JSON.parse(readFileSync(join(DATA, 'catalog.json'), 'utf8')) as Record<
      string,
      { stablecoin: boolean }
    >;
    result = runCalibration(
      [
        { name: 'market-history', history: loadPriceDir(DATA).prices },
        { name: 'close-only', history: loadPriceDir(CLOSE_ONLY).prices },
      ],
      { fitTo: parseIsoDay('2019-12-31'), exclude: (s) => catalog[s]?.stablecoin === true },
    );
  });

  it('docs/GRADES.md shows exactly what the harness measures and the factors that ship', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'GRADES.md'), 'utf8');
    expect(generatedSection(doc, FACTORS_START, FACTORS_END)).toBe(renderFactorTables());
    expect(generatedSection(doc, CALIBRATION_START, CALIBRATION_END)).toBe(renderCalibration(result));
  });

  it('out of sample, the Investor Grade’s strong bucket was calmer and collapsed less than its weak bucket', () => {
    for (const name of ['market-history', 'close-only']) {
      for (const h of set(name).shipped.investor.test.horizons) {
        const { weak, strong } = h.buckets;
        expect(strong.n).toBeGreaterThan(1000);
        expect(weak.n).toBeGreaterThan(1000);
        expect(strong.medianVolatility!).toBeLessThan(weak.medianVolatility!);
        expect(strong.collapseRate!).toBeLessThanOrEqual(weak.collapseRate!);
      }
    }
    // The set that reaches 2022 (LUNA, FTT): shallower falls and far fewer collapses.
    for (const h of set('close-only').shipped.investor.test.horizons) {
      const { weak, strong } = h.buckets;
      expect(strong.medianMaxDrawdown!).toBeGreaterThan(weak.medianMaxDrawdown! + 0.05);
      expect(strong.collapseRate!).toBeLessThan(weak.collapseRate! / 3);
    }
  });

  it('out of sample, the Trader Grade kept a positive 7-day rank IC on both sets', () => {
    for (const name of ['market-history', 'close-only']) {
      const week = set(name).shipped.trader.test.horizons.find((h) => h.horizon === 7)!;
      expect(week.ic.days).toBeGreaterThan(500);
      expect(week.ic.mean).toBeGreaterThan(0.02);
      expect(week.ic.t).toBeGreaterThan(2);
      expect(week.buckets.strong.meanExcess).toBeGreaterThan(week.buckets.weak.meanExcess);
    }
  });

  it('the shipped factors are the fit on history up to 2019, rounded', () => {
    const fit = set('market-history').refit;
    for (const kind of ['trader', 'investor'] as GradeKind[]) {
      FACTORS[kind].forEach((shipped, f) => {
        const fitted = fit[kind].factors[f]!;
        expect(fitted.id).toBe(shipped.id);
        expect(Math.abs(fitted.weight - shipped.weight)).toBeLessThan(0.035);
        const span = shipped.mapping.points.at(-1)![0] - shipped.mapping.points[0]![0];
        fitted.mapping.points.forEach(([x, y], k) => {
          expect(shipped.mapping.points[k]![1]).toBe(y);
          expect(Math.abs(shipped.mapping.points[k]![0] - x)).toBeLessThan(span * 0.06);
        });
      });
    }
  });

  it('walks forward year by year without reading the measured year when fitting', () => {
    const folds = set('close-only').walkForward;
    expect(folds.map((f) => f.year)).toEqual([2017, 2018, 2019, 2020, 2021, 2022, 2023]);
    // Most years keep a positive Trader IC; the Investor Grade's strong bucket is calmer in most.
    expect(folds.filter((f) => f.traderIc7 > 0).length).toBeGreaterThanOrEqual(5);
    expect(folds.filter((f) => f.investor.strongVolatility < f.investor.weakVolatility).length).toBeGreaterThanOrEqual(
      5,
    );
  });
});

describe('grades:calibrate CLI', () => {
  it('refuses bad usage with exit code 2 and a missing folder with 1', () => {
    expect(runCli([]).code).toBe(2);
    expect(runCli(['--prices']).code).toBe(2);
    const missing = runCli(['--prices', join(tmpdir(), 'no-such-folder-ballast')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/does not exist/);
    const badDate = runCli(['--prices', tmpdir(), '--fit-to', '2019-13-01']);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('--fit-to must be a date');
  });

  it('measures a folder of CSVs, writes JSON and refuses a docs file without markers', () => {
    const dir = tempDir('ballast-calibrate-');
    const t0 = Date.UTC(2018, 0, 1);
    for (let k = 0; k < 9; k++) {
      let p = 10 + k;
      const rows = ['date,open,high,low,close,volume,market_cap'];
      for (let d = 0; d < 800; d++) {
        p *= Math.exp(Math.sin(d * (k + 1) * 0.37) * 0.01 * (k + 1));
        rows.push(`${isoDay(t0 + d * DAY_MS)},${p},${p},${p},${p},${1e6 * (k + 1)},${p * 1e7}`);
      }
      writeFileSync(join(dir, `T${k}.csv`), `${rows.join('\n')}\n`);
    }
    const json = join(dir, 'out.json');
    const ok = runCli(['--prices', dir, '--fit-to', '2019-01-31', '--json', json, '--no-walk-forward']);
    expect(ok.stderr).not.toMatch(/^error:/m);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('### Rank IC');
    const parsed = JSON.parse(readFileSync(json, 'utf8')) as CalibrationResult;
    expect(parsed.fitTo).toBe('2019-01-31');
    expect(parsed.sets[0]!.assets).toBe(9);
    const doc = join(dir, 'doc.md');
    writeFileSync(doc, '# nothing to replace\n');
    const refused = runCli(['--prices', dir, '--docs', doc, '--no-walk-forward']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/markers/);
    expect(readFileSync(doc, 'utf8')).toBe('# nothing to replace\n');
  });
});
