/**
 * The market-history channels through the real router and services, without any network: status,
 * bounds of the requests and the setting, cancel, the CSV-folder import (the folder comes from the
 * injected chooseFolder, as the app's dialog would give it), and the price history grades and the
 * Index Lab read for a real user (the stored market history laid over the held assets' candles).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/domain/types';
import { isoDay } from '../../shared/indexlab';
import { startApp } from './support/app';
import { cleanUpAfterEach, tempDir } from './support/cleanup';

cleanUpAfterEach();

const D0 = Date.UTC(2024, 0, 1);
function csv(days: number, close: (i: number) => number, mc?: (i: number) => number): string {
  const head = mc ? 'date,open,high,low,close,volume,market_cap' : 'date,open,high,low,close,volume';
  const rows = Array.from({ length: days }, (_, i) => {
    const c = close(i);
    return `${isoDay(D0 + i * DAY_MS)},${c},${c * 1.01},${c * 0.99},${c},1000${mc ? `,${mc(i)}` : ''}`;
  });
  return `${head}\n${rows.join('\n')}\n`;
}

/** A folder of price CSVs: BTC with caps, ETH with a bad close on line 6, a file without a volume column. */
function importFolder(): string {
  const dir = tempDir('ballast-mh-import-');
  writeFileSync(
    join(dir, 'BTC.csv'),
    csv(
      40,
      (i) => 40_000 + i * 100,
      (i) => (40_000 + i * 100) * 19e6,
    ),
  );
  writeFileSync(
    join(dir, 'ETH.csv'),
    csv(40, (i) => 2_000 + i).replace(/^(2024-01-05,[^,]*,[^,]*,[^,]*),[^,]*/m, '$1,abc'),
  );
  writeFileSync(join(dir, 'SOL.csv'), 'date,open,high,low,close\n2024-01-01,1,1,1,1\n');
  writeFileSync(join(dir, 'notes.txt'), 'not prices');
  return dir;
}

describe('market-history channels', () => {
  it('answers status from the store before any download, with the settings it will use', async () => {
    const app = await startApp();
    expect(await app.call('market-history:status')).toEqual({
      running: false,
      progress: null,
      lastRun: null,
      lastUpdateAt: null,
      stale: true,
      resumable: false,
      topN: 100,
      auto: true,
    });
    expect((await app.call('market-history:coverage')).totals).toMatchObject({ assets: 0, candleDays: 0 });
    expect(await app.call('market-history:cancel')).toEqual({ cancelled: false });
  });

  it('refuses a top N outside 10..300 in requests and in the settings', async () => {
    const app = await startApp();
    for (const topN of [9, 301, 12.5, '20']) {
      expect((await app.fail('market-history:update', { topN })).code).toBe('bad-request');
    }
    expect((await app.fail('market-history:update', { topN: 20, extra: 1 })).code).toBe('bad-request');
    expect((await app.fail('settings:update', { marketHistory: { topN: 400, auto: true } })).code).toBe('bad-request');
    await app.call('settings:update', { marketHistory: { topN: 50, auto: false } });
    expect(await app.call('market-history:status')).toMatchObject({ topN: 50, auto: false });
  });

  it('imports a folder of CSVs, reporting each bad row and file and keeping the rest', async () => {
    const dir = importFolder();
    const app = await startApp({ chooseFolder: async () => dir });
    const result = await app.call('market-history:import');
    expect(result).toMatchObject({ folder: dir, files: 3, errorCount: 1 });
    expect(result.assets.map((a) => [a.symbol, a.rows, a.capDays])).toEqual([
      ['BTC', 40, 40],
      ['ETH', 39, 0],
    ]);
    expect(result.errors).toEqual([{ file: 'ETH.csv', line: 6, reason: 'close "abc" is not a positive number' }]);
    expect(result.skippedFiles.map((f) => f.file)).toEqual(['SOL.csv']);
    expect(result.skippedFiles[0]!.reason).toContain('missing column');

    const coverage = await app.call('market-history:coverage');
    expect(coverage.assets.find((a) => a.symbol === 'BTC')).toMatchObject({
      provider: 'import',
      capSource: 'import',
      firstDay: '2024-01-01',
      lastDay: '2024-02-09',
      status: 'ok',
    });
    const history = app.context.marketHistory.history();
    expect(history['ETH']!.map((k) => k.t)).not.toContain(Date.UTC(2024, 0, 5));
    expect(history['BTC']![0]).toMatchObject({ c: 40_000, mc: 40_000 * 19e6 });
  });

  it('changes nothing when the folder dialog is cancelled', async () => {
    const app = await startApp({ chooseFolder: async () => null });
    expect(await app.call('market-history:import')).toEqual({
      folder: null,
      files: 0,
      assets: [],
      errors: [],
      errorCount: 0,
      skippedFiles: [],
    });
    expect((await app.call('market-history:coverage')).totals.assets).toBe(0);
  });

  it('gives grades and the Index Lab the market history, labelled sample while the user has no holdings', async () => {
    const dir = importFolder();
    const app = await startApp({ chooseFolder: async () => dir });
    await app.call('market-history:import');
    // Without holdings, grades and the Index Lab read the market history once it holds anything, still
    // labelled sample.
    const sample = await app.call('prices:history');
    expect(sample.sample).toBe(true);
    expect(sample.history['BTC']?.[0]).toMatchObject({ t: D0, mc: 40_000 * 19e6 });
    expect(sample.sources?.assetList).toBe('today-top');
    // The prices are real, so the grades do not call them the generated sample's.
    expect((await app.call('grades:list')).sample).toBe(false);

    const wallet = await app.call('holdings:addWallet', { label: 'Ledger' });
    await app.call('holdings:add', { walletId: wallet.id, asset: 'ETH', amount: 2 });
    const mine = await app.call('prices:history');
    expect(mine.sample).toBe(false);
    expect(mine.history['BTC']).toHaveLength(40);
    expect(mine.history['BTC']![0]).toMatchObject({ t: D0, mc: 40_000 * 19e6 });
    expect(mine.history['ETH']).toHaveLength(39);
    expect(Object.keys(mine.catalog)).toEqual(expect.arrayContaining(['BTC', 'ETH']));
    // The same object while nothing changes (grades cache per history object).
    expect(app.context.priceHistory().history).toBe(app.context.priceHistory().history);
  });
});

describe('market-history store recovery', () => {
  it('moves an unreadable asset file or index aside, says so once, and keeps everything else', async () => {
    const dir = importFolder();
    const first = await startApp({ chooseFolder: async () => dir });
    await first.call('market-history:import');
    await first.stop();
    const store = join(first.dataDir, 'market-history');
    writeFileSync(join(store, 'assets', 'BTC.json'), '{"v":1,"symbol":"BTC","candles":{"d":[1,');

    const second = await startApp({ dataDir: first.dataDir });
    const notices = second.events
      .filter((e) => e.event === 'notice')
      .map((e) => e.payload as { id: string; message: string });
    expect(notices.map((n) => n.id)).toEqual(['recovered:market-history']);
    expect(notices[0]!.message).toContain('BTC.corrupt-');
    const history = second.context.marketHistory.history();
    expect(history['BTC']).toBeUndefined();
    expect(history['ETH']).toHaveLength(39);
    expect(second.context.marketHistory.coverage().assets.find((a) => a.symbol === 'BTC')).toMatchObject({ days: 0 });
    await second.stop();

    writeFileSync(join(store, 'manifest.json'), 'not json');
    const third = await startApp({ dataDir: first.dataDir });
    const rebuilt = third.context.marketHistory.coverage();
    expect(rebuilt.assets.find((a) => a.symbol === 'ETH')).toMatchObject({ days: 39, provider: 'import' });
    expect(
      third.events.filter((e) => e.event === 'notice').map((e) => (e.payload as { message: string }).message),
    ).toEqual([expect.stringContaining('manifest.corrupt-')]);
  });
});
