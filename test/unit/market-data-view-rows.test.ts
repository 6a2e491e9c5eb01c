/** Market data view, pure text: coverage rows, filtering, sizes, the progress line and the import summary. */
import { describe, expect, it } from 'vitest';
import type { AssetCoverage, MarketHistoryProgress } from '../../shared/ipc/channels/market-history';
import {
  bytesText,
  coverageRow,
  etaText,
  filterRows,
  gapsText,
  importSummary,
  progressText,
} from '../../renderer/src/views/market-data/coverage-rows';

function asset(over: Partial<AssetCoverage> = {}): AssetCoverage {
  return {
    symbol: 'BTC',
    rank: 1,
    status: 'ok',
    firstDay: '2018-01-01',
    lastDay: '2018-01-10',
    days: 10,
    gaps: [],
    provider: 'binance',
    market: 'BTC/USDT',
    quoteConversion: 'provider-close',
    conversionMarket: 'USDT/USD',
    capSource: 'coinmetrics',
    capDays: { coinmetrics: 8 },
    capFirstDay: '2018-01-03',
    capLastDay: '2018-01-10',
    updatedAt: 1000,
    notes: [],
    ...over,
  };
}

describe('market data view: coverage rows', () => {
  it('describes an asset: provider, conversion, cap source and coverage, gaps', () => {
    const r = coverageRow(asset({ gaps: [{ after: '2018-01-04', before: '2018-01-07', missing: 2 }] }));
    expect(r).toMatchObject({
      symbol: 'BTC',
      rank: '1',
      statusText: 'Up to date',
      span: '2018-01-01 to 2018-01-10',
      provider: 'binance · BTC/USDT',
      conversion: 'converted at the stablecoin close (USDT/USD)',
      capSource: 'Coin Metrics',
      capCoverage: 0.8,
      capText: '80% of days (2018-01-03 to 2018-01-10)',
      gapsText: '1 gap, 2 days missing',
    });
  });

  it('names imported data, several cap sources, and assets without caps or prices', () => {
    const mixed = coverageRow(asset({ provider: 'import', capDays: { coinmetrics: 5, coingecko: 5 }, rank: null }));
    expect(mixed.provider).toBe('your CSV files');
    expect(mixed.rank).toBe('—');
    expect(mixed.capText).toMatch(/100% of days .*Coin Metrics \+ CoinGecko/);
    const bare = coverageRow(
      asset({
        status: 'no-market',
        provider: null,
        firstDay: null,
        lastDay: null,
        days: 0,
        capSource: 'none',
        capDays: {},
      }),
    );
    expect(bare).toMatchObject({
      provider: 'none',
      span: 'none',
      capSource: 'none',
      capText: 'no market cap',
      capCoverage: 0,
    });
    expect(bare.statusText).toBe('No USD market');
    expect(
      gapsText([
        { after: 'a', before: 'b', missing: 1 },
        { after: 'c', before: 'd', missing: 4 },
      ]),
    ).toBe('2 gaps, 5 days missing');
  });

  it('filters by symbol, provider or source', () => {
    const rows = [
      asset(),
      asset({ symbol: 'ETH', provider: 'kraken', capSource: 'coingecko', capDays: { coingecko: 3 } }),
    ].map(coverageRow);
    expect(filterRows(rows, 'eth').map((r) => r.symbol)).toEqual(['ETH']);
    expect(filterRows(rows, 'KRAK').map((r) => r.symbol)).toEqual(['ETH']);
    expect(filterRows(rows, 'coin metrics').map((r) => r.symbol)).toEqual(['BTC']);
    expect(filterRows(rows, '  ').length).toBe(2);
  });
});

describe('market data view: sizes, progress and import', () => {
  it('writes sizes and time left', () => {
    expect(bytesText(512)).toBe('512 B');
    expect(bytesText(1536)).toBe('1.5 KB');
    expect(bytesText(50 * 1024 * 1024)).toBe('50 MB');
    expect(etaText(null)).toBeNull();
    expect(etaText(0)).toBeNull();
    expect(etaText(30_000)).toBe('less than a minute left');
    expect(etaText(5 * 60_000)).toBe('about 5 min left');
  });

  it('writes the progress line', () => {
    const p: MarketHistoryProgress = {
      runId: 'r',
      phase: 'prices',
      done: 12,
      total: 40,
      etaMs: 180_000,
      current: 'BTC daily prices from Binance',
      note: null,
    };
    expect(progressText(p)).toBe('Daily prices: 12 of 40 steps · about 3 min left · BTC daily prices from Binance');
    expect(progressText({ ...p, phase: 'done', done: 40, etaMs: 0, current: null })).toBe('Done: 40 of 40 steps');
  });

  it('summarises an import, and says nothing when the user cancelled', () => {
    expect(
      importSummary({
        folder: '/x',
        files: 2,
        assets: [
          { symbol: 'A', rows: 3, firstDay: 'a', lastDay: 'b', capDays: 0 },
          { symbol: 'B', rows: 2, firstDay: 'a', lastDay: 'b', capDays: 0 },
        ],
        errors: [{ file: 'B.csv', line: 4, reason: 'close is not a number' }],
        errorCount: 1,
        skippedFiles: [],
      }),
    ).toBe('Imported 5 rows for 2 asset(s) from 2 file(s); 1 row(s) skipped.');
    expect(
      importSummary({ folder: null, files: 0, assets: [], errors: [], errorCount: 0, skippedFiles: [] }),
    ).toBeNull();
  });
});
