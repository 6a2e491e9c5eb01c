/**
 * Daily market caps from CoinGecko's public API, for the assets Coin Metrics does not cover:
 * `GET /api/v3/coins/{id}/market_chart?vs_currency=usd&days=N&interval=daily` answers
 * `{ prices, market_caps, total_volumes }` as `[ms, value]` pairs. Without a key it serves at most the
 * last 365 days and about 10 requests a minute (kept here as one every 6 s). Attribution: "Data provided
 * by CoinGecko".
 *
 * CoinGecko's daily point sits at about 00:00 UTC and is the value at the end of the previous day: the
 * point of day D becomes the cap of day D - 1 (the candle whose close it matches). Points more than 3 h
 * from midnight (the last one is "now") are not end-of-day values and are dropped.
 */
import { z } from 'zod';
import { DAY_MS } from '../../../shared/domain/types';
import type { RunControl } from './attempts';
import { getJson, type JsonSource } from './http';

export const COINGECKO_LIMIT = { requests: 1, windowMs: 6_000 };
/** The keyless API serves this many days of history at most. */
export const COINGECKO_MAX_DAYS = 365;
const MIDNIGHT_SLACK_MS = 3 * 3_600_000;

const chartSchema = z.object({
  market_caps: z.array(z.tuple([z.number(), z.number().nullable()])),
});

export interface CoinGeckoDeps {
  baseUrl: string;
  source: JsonSource;
  ctl: RunControl;
  counted: () => void;
}

/** The end-of-day caps of CoinGecko coin `id` over the last `days` days (1..365), oldest first. */
export async function coinGeckoCaps(
  deps: CoinGeckoDeps,
  id: string,
  days: number,
): Promise<{ day: number; mc: number }[]> {
  const n = Math.max(1, Math.min(COINGECKO_MAX_DAYS, Math.ceil(days)));
  const url =
    `${deps.baseUrl}/api/v3/coins/${encodeURIComponent(id)}/market_chart` + `?vs_currency=usd&days=${n}&interval=daily`;
  const body = chartSchema.parse(await getJson(deps.source, url, deps.ctl, deps.counted));
  const byDay = new Map<number, number>();
  for (const [t, mc] of body.market_caps) {
    if (mc === null || !(mc > 0) || !Number.isFinite(mc)) continue;
    const midnight = Math.round(t / DAY_MS) * DAY_MS;
    if (Math.abs(t - midnight) > MIDNIGHT_SLACK_MS) continue;
    byDay.set(midnight / DAY_MS - 1, mc);
  }
  return [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([day, mc]) => ({ day, mc }));
}
