/**
 * Bringing one asset's daily USD candles up to date from one provider of the chain (providers.ts).
 *
 * - New days: from the day after the last stored one to yesterday (today's candle is still moving and
 *   is never stored), a window of the provider's page size at a time.
 * - Older days, until the asset is "backfilled": windows going back from the first stored day (from
 *   yesterday on a first download) until a window comes back empty (before the listing) or the depth
 *   limit is reached. Kraken serves only its latest 720 days, in one request.
 * - Every window is written to the store as soon as it arrives, so a stopped run loses nothing; the
 *   backfilled flag is set only once the older history is complete.
 * - A USDT- or USDC-quoted market is converted to USD with the provider's QUOTE/USD daily closes when
 *   it lists that market (fetched once per run for the days needed), at par otherwise.
 * - Downloads never replace a stored day (imports do, see import.ts).
 */
import { DAY_MS } from '../../../shared/domain/types';
import { isoDay } from '../../../shared/indexlab/calendar';
import { candleColumns, mergeCandles, toUsd, type DayCandle } from '../../../shared/market-history';
import type { ExchangeClient } from '../exchange';
import { mapExchangeError } from '../exchange';
import { parseRetryAfter } from '../net/retry-after';
import { withAttempts, type FailureInfo, type RunControl } from './attempts';
import {
  conversionMarketFor,
  fetchDays,
  type DaysPage,
  type PriceProviderInfo,
  type ProviderMarket,
} from './providers';
import type { MarketHistoryStore } from './store';

/** How a ccxt failure reads for retrying. */
export function ccxtFailureInfo(err: unknown, client: ExchangeClient, exchangeId: string, now: number): FailureInfo {
  const m = mapExchangeError(err, exchangeId);
  const carried = (err as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  let wait = typeof carried === 'number' && Number.isFinite(carried) ? carried : null;
  if (wait === null && (m.httpStatus === 429 || m.httpStatus === 418 || m.httpStatus === 503)) {
    const headers = (client.last_response_headers ?? {}) as Record<string, unknown>;
    const value = headers['retry-after'] ?? headers['Retry-After'];
    wait = parseRetryAfter(typeof value === 'string' ? value : null, now);
  }
  return { status: m.httpStatus, retryAfterMs: wait, transient: m.retryable };
}

/** A QUOTE/USD series of one provider, fetched as far as the run needs it. */
export class ConversionSeries {
  readonly market: string;
  private readonly closes = new Map<number, number>();
  private covered: { from: number; to: number } | null = null;
  private chain: Promise<void> = Promise.resolve();
  private readonly fetchRange: (from: number, to: number) => Promise<DayCandle[]>;
  private readonly pageDays: number;

  constructor(market: string, pageDays: number, fetchRange: (from: number, to: number) => Promise<DayCandle[]>) {
    this.market = market;
    this.pageDays = pageDays;
    this.fetchRange = fetchRange;
  }

  /** Fetches the closes of the days in [from, to] not fetched yet (calls are queued one after the other). */
  ensure(from: number, to: number): Promise<void> {
    const run = this.chain.then(async () => {
      const c = this.covered;
      const missing: [number, number][] = !c
        ? [[from, to]]
        : [
            [from, Math.min(to, c.from - 1)],
            [Math.max(from, c.to + 1), to],
          ];
      for (const [a, b] of missing) {
        for (let x = a; x <= b; x += this.pageDays) {
          for (const r of await this.fetchRange(x, Math.min(b, x + this.pageDays - 1))) this.closes.set(r.day, r.c);
        }
      }
      this.covered = c ? { from: Math.min(c.from, from), to: Math.max(c.to, to) } : { from, to };
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  close(day: number): number | undefined {
    return this.closes.get(day);
  }
}

/** One provider as a run uses it: its loaded client and its conversion series by quote currency. */
export interface ProviderHandle {
  info: PriceProviderInfo;
  client: ExchangeClient;
  conversions: Map<string, ConversionSeries | null>;
}

export interface PriceUpdateDeps {
  store: MarketHistoryStore;
  ctl: RunControl;
  /** UTC day number of today (its candle is not stored). */
  today: number;
  /** Oldest day a first download goes back to. */
  depthStart: number;
}

export interface PriceUpdateResult {
  newDays: number;
}

function fetcher(deps: PriceUpdateDeps, p: ProviderHandle, symbol: string) {
  return (from: number, to: number, latestUpTo = false): Promise<DaysPage> =>
    withAttempts(
      p.info.name,
      () => fetchDays(p.client, p.info, symbol, from, to, latestUpTo),
      (err) => ccxtFailureInfo(err, p.client, p.info.id, deps.ctl.now()),
      deps.ctl,
    );
}

function conversionOf(deps: PriceUpdateDeps, p: ProviderHandle, quote: string): ConversionSeries | null {
  if (quote === 'USD') return null;
  if (!p.conversions.has(quote)) {
    const market = conversionMarketFor(p.client, quote);
    if (!market) {
      p.conversions.set(quote, null);
    } else {
      const fetch = fetcher(deps, p, market);
      const pageDays = p.info.paging === 'latest' ? deps.today - deps.depthStart : p.info.pageDays;
      p.conversions.set(quote, new ConversionSeries(market, pageDays, async (a, b) => (await fetch(a, b)).rows));
    }
  }
  return p.conversions.get(quote) ?? null;
}

/** Brings `symbol`'s stored candles up to yesterday (and back to its listing) from `market` on `p`. */
export async function updateAssetPrices(
  deps: PriceUpdateDeps,
  p: ProviderHandle,
  symbol: string,
  market: ProviderMarket,
): Promise<PriceUpdateResult> {
  const { store } = deps;
  const yesterday = deps.today - 1;
  const before = store.meta(symbol);
  const sameSource = before?.provider === p.info.id && before.market === market.symbol;
  const notes: string[] = [];
  if (before?.provider && !sameSource && before.lastDay !== null) {
    notes.push(
      `Prices came from ${before.provider} (${before.market ?? '?'}) until ${isoDay(before.lastDay * DAY_MS)}; later days from ${p.info.name}.`,
    );
  }
  const conversion = conversionOf(deps, p, market.quote);
  let parDays = sameSource ? (before?.parDays ?? 0) : 0;
  let newDays = 0;
  let backfilled = before?.backfilled ?? false;
  store.setMeta(symbol, { status: 'pending' });
  const fetchRaw = fetcher(deps, p, market.symbol);

  /** Fetches [from, to] and converts it to USD; `served` is the number of candles the provider sent. */
  const fetchUsd = async (from: number, to: number, latestUpTo = false): Promise<DaysPage> => {
    const { rows: raw, served } = await fetchRaw(from, to, latestUpTo);
    if (raw.length === 0) return { rows: [], served };
    if (conversion) await conversion.ensure(raw[0]!.day, raw[raw.length - 1]!.day);
    const usd = toUsd(raw, market.quote, conversion ? (d) => conversion.close(d) : null);
    parDays += usd.parDays;
    return { rows: usd.rows, served };
  };
  /** Stores new candles with where they came from (the file says so even if the manifest lags). */
  const save = async (rows: DayCandle[]): Promise<void> => {
    const cur = store.read(symbol);
    const merged = rows.length > 0 ? mergeCandles(cur.candles, candleColumns(rows), false) : cur.candles;
    newDays += merged.day.length - cur.candles.day.length;
    await store.write(symbol, {
      ...cur,
      candles: merged,
      origin: { provider: p.info.id, market: market.symbol, backfilled },
    });
  };

  // New days after the last stored one.
  const latest = p.info.paging === 'latest';
  const stored = store.read(symbol).candles.day;
  if (stored.length > 0) {
    for (let from = stored[stored.length - 1]! + 1; from <= yesterday;) {
      const to = latest ? yesterday : Math.min(yesterday, from + p.info.pageDays - 1);
      await save((await fetchUsd(from, to)).rows);
      from = to + 1;
    }
  }

  // Older days, back to the listing (or the depth limit).
  const oldest = Math.max(deps.depthStart, latest ? deps.today - p.info.pageDays : deps.depthStart);
  while (!backfilled) {
    const days = store.read(symbol).candles.day;
    const end = (days.length > 0 ? days[0]! : deps.today) - 1;
    const from = Math.max(oldest, end - p.info.pageDays + 1);
    if (end < from) {
      backfilled = true;
      await save([]);
      break;
    }
    const page = await fetchUsd(from, end, p.info.paging === 'limit');
    // The listing is reached when a range comes back empty, or a 'limit' page short.
    const short = p.info.paging === 'limit' ? page.served < p.info.pageDays : page.served === 0;
    backfilled = short || latest || from <= oldest;
    await save(page.rows);
  }
  if (newDays === 0 && (before?.provider !== p.info.id || before.market !== market.symbol)) await save([]);
  if (latest) notes.push(`${p.info.name} serves only its latest ${p.info.pageDays} days of daily candles.`);
  if (conversion === null && market.quote !== 'USD') {
    notes.push(`${market.quote} prices taken at par with USD (${p.info.name} lists no ${market.quote}/USD market).`);
  } else if (parDays > 0) {
    notes.push(`${parDays} day(s) taken at par with USD (no ${conversion?.market} close on those days).`);
  }
  store.setMeta(symbol, {
    quoteConversion: market.quote === 'USD' ? 'none' : conversion ? 'provider-close' : 'par',
    conversionMarket: conversion?.market ?? null,
    parDays,
    status: 'ok',
    updatedAt: deps.ctl.now(),
    notes,
  });
  return { newDays };
}
