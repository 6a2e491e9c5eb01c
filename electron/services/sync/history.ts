/**
 * Price history of held assets: which market stands for each asset, background updates of their
 * cached daily candles (bounded concurrency, one public client per exchange) and reading them back
 * as a PriceHistory.
 */
import type { PriceHistory } from '../../../shared/domain/types';
import type { HistoryMarket } from '../../../shared/portfolio/pricing';
import type { ExchangeClient } from '../exchange';
import { updateMarketHistory, type OhlcvCache, type UpdateOptions, type UpdateResult } from './ohlcv-cache';

export interface HistoryServiceDeps {
  cache: OhlcvCache;
  /** A client for public market data of an exchange (no credentials). */
  publicClient: (exchange: string) => Promise<ExchangeClient>;
  /** Markets updated at the same time (default 3). */
  concurrency?: number;
  update?: Omit<UpdateOptions, 'now'>;
  now?: () => number;
}

export interface HistoryRefreshResult {
  markets: number;
  requests: number;
  failed: { market: HistoryMarket; message: string }[];
}

/** Run `fn` over `items` with at most `limit` calls in flight. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

export class HistoryService {
  private readonly deps: HistoryServiceDeps;
  private readonly clients = new Map<string, Promise<ExchangeClient>>();
  private running: Promise<HistoryRefreshResult> | null = null;
  private queued: HistoryMarket[] | null = null;

  constructor(deps: HistoryServiceDeps) {
    this.deps = deps;
  }

  get cache(): OhlcvCache {
    return this.deps.cache;
  }

  private client(exchange: string): Promise<ExchangeClient> {
    let c = this.clients.get(exchange);
    if (!c) {
      c = this.deps.publicClient(exchange);
      c.catch(() => this.clients.delete(exchange));
      this.clients.set(exchange, c);
    }
    return c;
  }

  /** The refresh in progress, if any (tests and shutdown wait on it). */
  idle(): Promise<unknown> {
    return this.running ?? Promise.resolve();
  }

  /**
   * Update the cached candles of `markets`. While a refresh runs, the latest request is queued and
   * runs right after it (intermediate requests are superseded). With `from`, candles are also fetched
   * back to that day (imported account history needs its assets' older prices); such a request is
   * never superseded, and every request still runs one at a time, so no write loses another's candles.
   */
  refresh(markets: HistoryMarket[], opts: { from?: number } = {}): Promise<HistoryRefreshResult> {
    if (this.running && opts.from !== undefined) {
      return this.running.then(
        () => this.refresh(markets, opts),
        () => this.refresh(markets, opts),
      );
    }
    if (this.running) {
      this.queued = markets;
      return this.running.then(() => {
        const q = this.queued;
        this.queued = null;
        return q ? this.refresh(q) : { markets: 0, requests: 0, failed: [] };
      });
    }
    const p = this.doRefresh(markets, opts.from).finally(() => {
      if (this.running === p) this.running = null;
    });
    this.running = p;
    return p;
  }

  private async doRefresh(markets: HistoryMarket[], from?: number): Promise<HistoryRefreshResult> {
    const unique = [...new Map(markets.map((m) => [`${m.exchange}|${m.symbol}`, m])).values()];
    const failed: HistoryRefreshResult['failed'] = [];
    const results = await mapLimit(unique, this.deps.concurrency ?? 3, async (m): Promise<UpdateResult | null> => {
      try {
        const client = await this.client(m.exchange);
        return await updateMarketHistory(client, this.deps.cache, m.exchange, m.symbol, {
          ...this.deps.update,
          ...(this.deps.now ? { now: this.deps.now } : {}),
          ...(from !== undefined ? { from } : {}),
        });
      } catch (err) {
        failed.push({ market: m, message: err instanceof Error ? err.message : String(err) });
        return null;
      }
    });
    return { markets: unique.length, requests: results.reduce((s, r) => s + (r?.requests ?? 0), 0), failed };
  }

  /** Cached history of `markets`, keyed by asset. */
  read(markets: readonly HistoryMarket[]): PriceHistory {
    const out: PriceHistory = {};
    for (const m of markets) {
      const candles = this.deps.cache.candles(m.exchange, m.symbol);
      if (candles.length > 0) out[m.asset] = candles;
    }
    return out;
  }
}
