/**
 * IPC channels of the local market history (see shared/ipc/contract.ts and docs/MARKET-DATA.md): daily
 * USD candles and market caps of the catalog's top N assets, downloaded from keyless public sources and
 * kept in the data folder. The types below are what the data-coverage and network views show.
 */
import { z } from 'zod';
import { channel, NoArgs } from '../define';
import type { CapSourceId, QuoteConversion } from '../../market-history';
import { MARKET_HISTORY_TOP_N } from '../../settings';

/** A step of an update run, in the order they happen (the last three end it). */
export type MarketHistoryPhase = 'markets' | 'prices' | 'market-caps' | 'done' | 'cancelled' | 'failed';

/** Payload of the 'market-history:progress' event (and the progress part of the status). */
export interface MarketHistoryProgress {
  runId: string;
  phase: MarketHistoryPhase;
  /** Steps finished and planned: one per asset's price series, one per market-cap request group. */
  done: number;
  total: number;
  /**
   * Estimated time left in ms, from the requests still needed and each source's rate limit; null until
   * the markets are known, 0 once the run has ended.
   */
  etaMs: number | null;
  /** What is being fetched now, in plain words ("BTC daily prices from Binance"), or null. */
  current: string | null;
  /** Something the user should know while waiting ("CoinGecko allows about 10 requests a minute"). */
  note: string | null;
}

/** One update run as it went. */
export interface MarketHistoryRunSummary {
  runId: string;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  startedAt: number;
  finishedAt: number | null;
  topN: number;
  /** Assets in the run's universe. */
  assets: number;
  /** Assets whose prices or market caps changed. */
  updated: number;
  /** Assets with an error in this run (their stored history is kept). */
  failed: number;
  /** New candle-days stored. */
  newDays: number;
  /** Requests made (every one is in the activity log). */
  requests: number;
  /** Why the run failed or was stopped, in plain words. */
  message: string | null;
}

export interface MarketHistoryStatus {
  running: boolean;
  /** Progress of the run in progress, or null. */
  progress: MarketHistoryProgress | null;
  lastRun: MarketHistoryRunSummary | null;
  /** When the store was last brought up to date (a run that ended 'done'), or null. */
  lastUpdateAt: number | null;
  /** True when the store is empty or its last update is more than a day old. */
  stale: boolean;
  /** True when a run was interrupted (cancelled, or the app quit) and the next one continues it. */
  resumable: boolean;
  topN: number;
  auto: boolean;
}

/** Where an asset's history stands. */
export type AssetHistoryStatus =
  /** Up to yesterday. */
  | 'ok'
  /** Not fetched yet (a run has not reached it). */
  | 'pending'
  /** No provider of the chain lists a USD, USDT or USDC market for it, and nothing is stored. */
  | 'no-market'
  /** It had a market but none lists it any more: the stored history is kept as it is. */
  | 'delisted'
  /** The last attempt failed; the stored history is kept and the next run tries again. */
  | 'error';

/** Per asset: what is stored and where it came from. Days are "YYYY-MM-DD" (UTC). */
export interface AssetCoverage {
  symbol: string;
  /** Rank in the catalog's top N at the last update; null for assets outside it (kept, or imported). */
  rank: number | null;
  status: AssetHistoryStatus;
  firstDay: string | null;
  lastDay: string | null;
  /** Days with a candle. */
  days: number;
  /** Runs of 2+ days without a candle. */
  gaps: { after: string; before: string; missing: number }[];
  /** ccxt id of the exchange the prices come from ("binance"...), "import" for your own files, or null. */
  provider: string | null;
  /** The market used, e.g. "BTC/USDT", or null. */
  market: string | null;
  quoteConversion: QuoteConversion;
  /** The market whose closes converted the series to USD ("USDT/USD" on the same exchange), or null. */
  conversionMarket: string | null;
  /** The main source of the market caps ('none' when there is none). */
  capSource: CapSourceId | 'none';
  /** Days with a market cap from each source. */
  capDays: Partial<Record<CapSourceId, number>>;
  capFirstDay: string | null;
  capLastDay: string | null;
  /** When this asset was last updated (ms), or null. */
  updatedAt: number | null;
  /** What went wrong or what the user should know about this asset, in plain words. */
  notes: string[];
}

export interface MarketHistoryCoverage {
  assets: AssetCoverage[];
  totals: {
    assets: number;
    withPrices: number;
    withCaps: number;
    /** Candle-days and market-cap days stored over all assets. */
    candleDays: number;
    capDays: number;
    firstDay: string | null;
    lastDay: string | null;
    /** Bytes of the store on disk. */
    bytesOnDisk: number;
    lastUpdateAt: number | null;
    /** Assets per price provider and per market-cap source. */
    providers: Record<string, number>;
    capSources: Record<string, number>;
  };
  /** Attribution each source asks for, to show next to the data. */
  attribution: string[];
}

export interface MarketHistoryImportResult {
  /** The folder chosen; null when the user cancelled (nothing changed). */
  folder: string | null;
  files: number;
  assets: { symbol: string; rows: number; firstDay: string; lastDay: string; capDays: number }[];
  /** Rows that were skipped, with their file, line and reason (at most 200; see errorCount). */
  errors: { file: string; line: number; reason: string }[];
  errorCount: number;
  skippedFiles: { file: string; reason: string }[];
}

export const marketHistoryChannels = {
  'market-history:status': channel<MarketHistoryStatus>()(NoArgs),
  /**
   * Starts an update (or joins the one running) of the top `topN` assets (default: the setting). With
   * `wait`, resolves when it has ended; otherwise at once with the run as it stands.
   */
  'market-history:update': channel<MarketHistoryRunSummary>()(
    z
      .strictObject({
        topN: z.number().int().min(MARKET_HISTORY_TOP_N.min).max(MARKET_HISTORY_TOP_N.max).optional(),
        wait: z.boolean().optional(),
      })
      .optional(),
  ),
  /** Stops the run in progress after the requests in flight; what was fetched is kept. */
  'market-history:cancel': channel<{ cancelled: boolean }>()(NoArgs),
  'market-history:coverage': channel<MarketHistoryCoverage>()(NoArgs),
  /** Asks for a folder of price CSVs (date,open,high,low,close,volume[,market_cap]) and imports it. */
  'market-history:import': channel<MarketHistoryImportResult>()(NoArgs),
};
