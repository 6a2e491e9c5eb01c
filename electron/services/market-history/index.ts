/**
 * MarketHistoryService (`ctx.marketHistory`, built once by createServices): a local, keyless history of
 * daily USD candles and market caps for the catalog's top N assets, kept in `<dataDir>/market-history/`.
 * See docs/MARKET-DATA.md for the sources, their terms and what leaves the machine.
 *
 * - `update({ topN })` brings the store up to date (one run at a time; a second call joins the one
 *   running), `cancel()` stops it after the requests in flight, and the next update continues it.
 *   Progress goes out as the 'market-history:progress' event.
 * - `history()` is the stored history as a PriceHistory (every stored asset, `mc` on every candle with a
 *   known cap), rebuilt only when a run or an import has ended: grades and the Index Lab see a
 *   consistent set, never a run half done.
 * - `coverage()`, `status()` and `history()` work from the store alone, offline.
 * - `importCsvFolder(dir)` merges a folder of the user's own price CSVs.
 */
import type { AssetInfo, PriceHistory } from '../../../shared/domain/types';
import type { Notice } from '../../../shared/ipc/channels/app';
import type {
  MarketHistoryCoverage,
  MarketHistoryImportResult,
  MarketHistoryProgress,
  MarketHistoryRunSummary,
  MarketHistoryStatus,
} from '../../../shared/ipc/channels/market-history';
import { toCandles } from '../../../shared/market-history';
import type { Settings } from '../../../shared/settings';
import type { ExchangeClient } from '../exchange';
import { DEFAULT_COINGECKO_URL } from '../market-data';
import { fileNotice } from '../notices';
import { DEFAULT_RETRY } from '../sync/retry';
import { abortableSleep, type RetryPolicy } from './attempts';
import { COINGECKO_LIMIT } from './coingecko';
import { COINMETRICS_LIMIT, DEFAULT_COINMETRICS_URL } from './coinmetrics';
import { coverageOf } from './coverage';
import type { HttpGet } from './http';
import { importCsvFolder } from './import';
import { PRICE_PROVIDERS, type PriceProviderInfo } from './providers';
import { runUpdate } from './run';
import { RequestSpacer, type RateLimit } from './spacer';
import { MarketHistoryStore } from './store';

export { MarketHistoryStore } from './store';
export { PRICE_PROVIDERS } from './providers';

/** A store whose last complete update is older than this is stale (and updated at start when auto is on). */
export const MARKET_HISTORY_MAX_AGE_MS = 24 * 3_600_000;
/** How far back a first download goes: 8 years of days. */
export const DEFAULT_DEPTH_DAYS = 8 * 365 + 2;

export interface MarketHistoryServiceDeps {
  dataDir: string;
  now: () => number;
  settings: { get(): Settings };
  /** The effective catalog (its current top N is the universe). */
  catalog: () => Record<string, AssetInfo>;
  /** A keyless ccxt client whose every request is recorded (and also reported to `onCall`). */
  publicClient: (exchangeId: string, onCall: () => void) => Promise<ExchangeClient>;
  /** The recording fetch of a source ('coinmetrics', 'coingecko'). */
  httpGet: (source: 'coinmetrics' | 'coingecko') => HttpGet;
  emit: (p: MarketHistoryProgress) => void;
  notice: (n: Omit<Notice, 'at'>) => void;
  coinMetricsUrl?: string;
  coinGeckoUrl?: string;
  /** Waits between attempts and for rate limits (tests pass one that does not wait). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  retry?: RetryPolicy;
  limits?: { coinMetrics?: RateLimit; coinGecko?: RateLimit };
  providers?: readonly PriceProviderInfo[];
  depthDays?: number;
  /** Assets fetched at the same time per provider (default 2). */
  concurrency?: number;
}

export interface MarketHistoryService {
  status(): MarketHistoryStatus;
  /** Starts an update of the top `topN` (default: the setting) or joins the one running. */
  update(opts?: { topN?: number }): Promise<MarketHistoryRunSummary>;
  /** The run in progress as it stands, or null. */
  current(): MarketHistoryRunSummary | null;
  /** Stops the run in progress; false when none runs. */
  cancel(): boolean;
  coverage(): MarketHistoryCoverage;
  history(): PriceHistory;
  /** Changes whenever `history()` would give another object. */
  readonly revision: number;
  importCsvFolder(dir: string): Promise<MarketHistoryImportResult>;
  /** Resolves when no run is in progress. */
  idle(): Promise<void>;
  dispose(): Promise<void>;
}

export async function createMarketHistoryService(deps: MarketHistoryServiceDeps): Promise<MarketHistoryService> {
  const store = new MarketHistoryStore(deps.dataDir, {
    now: deps.now,
    onRecovered: (r) =>
      deps.notice(
        fileNotice({
          id: 'recovered:market-history',
          level: 'info',
          subject: r.what === 'manifest' ? 'The market-history index' : 'Some stored market history',
          outcome:
            r.what === 'manifest' ? 'rebuilt it from the stored assets' : 'downloads it again at the next update',
          backupPath: r.backupPath,
          reason: r.reason,
        }),
      ),
  });
  await store.open();
  const sleep = deps.sleep ?? abortableSleep;
  const clock = { now: deps.now, sleep };
  const coinMetrics = {
    baseUrl: (deps.coinMetricsUrl ?? DEFAULT_COINMETRICS_URL).replace(/\/+$/, ''),
    source: {
      name: 'Coin Metrics',
      get: deps.httpGet('coinmetrics'),
      spacer: new RequestSpacer(deps.limits?.coinMetrics ?? COINMETRICS_LIMIT, clock),
    },
  };
  const coinGecko = {
    baseUrl: (deps.coinGeckoUrl ?? DEFAULT_COINGECKO_URL).replace(/\/+$/, ''),
    source: {
      name: 'CoinGecko',
      get: deps.httpGet('coingecko'),
      spacer: new RequestSpacer(deps.limits?.coinGecko ?? COINGECKO_LIMIT, clock),
    },
  };

  let run: {
    summary: MarketHistoryRunSummary;
    promise: Promise<MarketHistoryRunSummary>;
    abort: AbortController;
  } | null = null;
  let progress: MarketHistoryProgress | null = null;
  let seq = 0;
  let published = { revision: -1, history: {} as PriceHistory };
  let revision = 0;
  const publish = (): void => {
    revision += 1;
  };

  // Stored series are read in the background at start, so that history() rarely waits on the disk.
  const preload = (async () => {
    for (const m of store.metas()) if (m.days > 0) await store.load(m.symbol);
  })().catch(() => undefined);

  const startRun = (topN: number): Promise<MarketHistoryRunSummary> => {
    seq += 1;
    const runId = `mh-${deps.now()}-${seq}`;
    const abort = new AbortController();
    const summary: MarketHistoryRunSummary = {
      runId,
      state: 'running',
      startedAt: deps.now(),
      finishedAt: null,
      topN,
      assets: 0,
      updated: 0,
      failed: 0,
      newDays: 0,
      requests: 0,
      message: null,
    };
    const promise = (async () => {
      const done = await runUpdate(
        {
          store,
          ctl: { signal: abort.signal, now: deps.now, sleep, retry: deps.retry ?? DEFAULT_RETRY },
          catalog: deps.catalog(),
          publicClient: deps.publicClient,
          providers: deps.providers ?? PRICE_PROVIDERS,
          coinMetrics,
          coinGecko,
          depthDays: deps.depthDays ?? DEFAULT_DEPTH_DAYS,
          concurrency: deps.concurrency ?? 2,
          emit: (p) => {
            progress = p;
            deps.emit(p);
          },
        },
        runId,
        topN,
      );
      store.finishRun(done);
      await store.flush();
      publish();
      const phase = done.state === 'done' ? 'done' : done.state === 'cancelled' ? 'cancelled' : 'failed';
      const last = progress;
      progress = null;
      deps.emit({
        runId,
        phase,
        done: last?.done ?? 0,
        total: last?.total ?? 0,
        etaMs: 0,
        current: null,
        note: done.message,
      });
      return done;
    })().finally(() => {
      run = null;
    });
    run = { summary, promise, abort };
    return promise;
  };

  const service: MarketHistoryService = {
    status() {
      const last = store.lastUpdateAt;
      const s = deps.settings.get().marketHistory;
      return {
        running: run !== null,
        progress: run ? progress : null,
        lastRun: store.lastRun,
        lastUpdateAt: last,
        stale: last === null || deps.now() - last > MARKET_HISTORY_MAX_AGE_MS,
        resumable: run === null && store.run !== null,
        topN: s.topN,
        auto: s.auto,
      };
    },
    update(opts = {}) {
      if (run) return run.promise;
      return startRun(opts.topN ?? deps.settings.get().marketHistory.topN);
    },
    current: () => (run ? { ...run.summary } : null),
    cancel() {
      if (!run) return false;
      run.abort.abort(new Error('cancelled'));
      return true;
    },
    coverage: () => coverageOf(store),
    history() {
      if (published.revision !== revision) {
        const out: PriceHistory = {};
        for (const m of store.metas()) {
          if (m.days === 0) continue;
          const s = store.read(m.symbol);
          if (s.candles.day.length > 0) out[m.symbol] = toCandles(s.candles, s.caps);
        }
        published = { revision, history: out };
      }
      return published.history;
    },
    get revision() {
      return revision;
    },
    async importCsvFolder(dir) {
      await service.idle();
      const result = await importCsvFolder(store, dir, deps.now);
      publish();
      return result;
    },
    async idle() {
      await run?.promise.catch(() => undefined);
    },
    async dispose() {
      service.cancel();
      await service.idle();
      await preload;
      await store.flush();
    },
  };
  return service;
}
