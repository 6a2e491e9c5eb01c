/**
 * Historical daily market caps from the Coin Metrics Community API (keyless; CC BY-NC 4.0, attribution
 * "Coin Metrics"; 10 requests per 6 s per IP).
 *
 * - `coinMetricsCatalog`: which assets have `CapMrktCurUSD` at daily frequency, and from/to which day
 *   (`/catalog-v2/asset-metrics?metrics=CapMrktCurUSD`; it names no asset, so it reveals nothing).
 * - `coinMetricsCaps`: the caps of a set of assets over a range of days, as pages of
 *   `/timeseries/asset-metrics` sorted by time (so a stopped download resumes from the last complete
 *   day for every asset at once), following `next_page_url`. Every request names the whole set.
 *
 * A daily value stamped day D is the cap at the end of D (Coin Metrics' daily interval [D, D+1)), the
 * same convention as a candle's close. Coin Metrics ids are the lower-case tickers ("btc").
 */
import { z } from 'zod';
import { isoDay } from '../../../shared/indexlab/calendar';
import { dayOf } from '../../../shared/market-history';
import type { RunControl } from './attempts';
import { getJson, type JsonSource } from './http';

export const DEFAULT_COINMETRICS_URL = 'https://community-api.coinmetrics.io/v4';
export const COINMETRICS_LIMIT = { requests: 10, windowMs: 6_000 };
export const COINMETRICS_PAGE_SIZE = 10_000;
export const CAP_METRIC = 'CapMrktCurUSD';

/** The Coin Metrics id of a ticker. */
export const coinMetricsId = (symbol: string): string => symbol.toLowerCase();

const catalogSchema = z.object({
  data: z.array(
    z.object({
      asset: z.string(),
      metrics: z.array(
        z.object({
          metric: z.string(),
          frequencies: z.array(
            z.object({
              frequency: z.string(),
              min_time: z.string(),
              max_time: z.string(),
              community: z.boolean().optional(),
            }),
          ),
        }),
      ),
    }),
  ),
  next_page_url: z.string().optional(),
});

const pageSchema = z.object({
  data: z.array(z.object({ asset: z.string(), time: z.string() }).catchall(z.unknown())),
  next_page_url: z.string().optional(),
});

function dayOfTime(time: string): number | null {
  const t = Date.parse(time);
  return Number.isFinite(t) ? dayOf(t) : null;
}

/** Follows a `next_page_url` only when it stays on the source's own host. */
function nextUrl(base: string, next: string | undefined): string | null {
  if (!next) return null;
  try {
    return new URL(next).host === new URL(base).host ? next : null;
  } catch {
    return null;
  }
}

export interface CoinMetricsDeps {
  baseUrl: string;
  source: JsonSource;
  ctl: RunControl;
  /** Called for every request sent. */
  counted: () => void;
}

/** Coin Metrics id -> first and last day with a daily `CapMrktCurUSD` the community API serves. */
export async function coinMetricsCatalog(
  deps: CoinMetricsDeps,
): Promise<Record<string, { first: number; last: number }>> {
  const out: Record<string, { first: number; last: number }> = {};
  let url: string | null =
    `${deps.baseUrl}/catalog-v2/asset-metrics?metrics=${CAP_METRIC}&page_size=${COINMETRICS_PAGE_SIZE}`;
  for (let pages = 0; url && pages < 50; pages++) {
    const body = catalogSchema.parse(await getJson(deps.source, url, deps.ctl, deps.counted));
    for (const a of body.data) {
      const daily = a.metrics
        .find((m) => m.metric === CAP_METRIC)
        ?.frequencies.find((f) => f.frequency === '1d' && f.community !== false);
      const first = daily ? dayOfTime(daily.min_time) : null;
      const last = daily ? dayOfTime(daily.max_time) : null;
      if (first !== null && last !== null) out[a.asset] = { first, last };
    }
    url = nextUrl(deps.baseUrl, body.next_page_url);
  }
  return out;
}

/** Caps of one page: Coin Metrics id -> (day, cap) pairs. */
export interface CapsPage {
  caps: Map<string, { day: number; mc: number }[]>;
  /** Last day of the page (a later page may still bring other assets of that day). */
  lastDay: number | null;
}

/**
 * The daily caps of `assets` (Coin Metrics ids) from `fromDay` to `toDay`, one page at a time. `onPage`
 * runs after each page, before the next is asked for.
 */
export async function coinMetricsCaps(
  deps: CoinMetricsDeps,
  assets: readonly string[],
  fromDay: number,
  toDay: number,
  onPage: (page: CapsPage) => Promise<void>,
): Promise<void> {
  if (assets.length === 0 || fromDay > toDay) return;
  const q = new URLSearchParams({
    assets: assets.join(','),
    metrics: CAP_METRIC,
    frequency: '1d',
    start_time: isoDay(fromDay * 86_400_000),
    end_time: isoDay(toDay * 86_400_000),
    page_size: String(COINMETRICS_PAGE_SIZE),
    paging_from: 'start',
    sort: 'time',
    ignore_unsupported_errors: 'true',
  });
  let url: string | null = `${deps.baseUrl}/timeseries/asset-metrics?${q.toString().replace(/%2C/g, ',')}`;
  while (url) {
    const body = pageSchema.parse(await getJson(deps.source, url, deps.ctl, deps.counted));
    const caps = new Map<string, { day: number; mc: number }[]>();
    let lastDay: number | null = null;
    for (const row of body.data) {
      const day = dayOfTime(row.time);
      const mc = Number(row[CAP_METRIC]);
      if (day === null || !(mc > 0) || !Number.isFinite(mc)) continue;
      const list = caps.get(row.asset) ?? [];
      list.push({ day, mc });
      caps.set(row.asset, list);
      lastDay = lastDay === null ? day : Math.max(lastDay, day);
    }
    await onPage({ caps, lastDay });
    url = nextUrl(deps.baseUrl, body.next_page_url);
  }
}
