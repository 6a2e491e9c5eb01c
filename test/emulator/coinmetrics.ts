/**
 * Coin Metrics Community API emulation (`/v4`, the contract of the official client's openapi.yaml):
 *
 * - GET /catalog-v2/asset-metrics?metrics=CapMrktCurUSD: the assets with a daily CapMrktCurUSD and their
 *   first/last time (`community: true`).
 * - GET /timeseries/asset-metrics?assets=a,b&metrics=CapMrktCurUSD&frequency=1d&start_time&end_time
 *   &page_size&paging_from=start&sort=time|asset&ignore_unsupported_errors: rows `{asset, time, CapMrktCurUSD}`
 *   (values as strings), `page_size` at a time (at most 10,000), `next_page_url` until the last page.
 *   An asset it does not cover is a 400 `bad_parameter` unless `ignore_unsupported_errors=true`.
 *
 * Days after yesterday (by the emulator's clock) are never served. Every request's asset list is kept
 * (`assetLists`), so tests can check that requests name the whole top N.
 */
import { DAY_MS } from '../../shared/domain/types';
import type { EmuResponse } from './types';

const json = (status: number, body: unknown): EmuResponse => ({ status, body });
const bad = (message: string): EmuResponse => json(400, { error: { type: 'bad_parameter', message } });
const iso = (day: number): string => `${new Date(day * DAY_MS).toISOString().slice(0, 10)}T00:00:00.000000000Z`;
const METRIC = 'CapMrktCurUSD';

function dayParam(raw: string | null): number | null {
  if (raw === null) return null;
  const t = Date.parse(/^\d{8}$/.test(raw) ? `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6)}` : raw);
  return Number.isFinite(t) ? Math.floor(t / DAY_MS) : Number.NaN;
}

export interface CoinMetricsData {
  /** Coin Metrics id (lower-case ticker) -> caps by UTC day number. */
  caps: Map<string, Map<number, number>>;
}

export function createCoinMetricsHandler(data: CoinMetricsData, now: () => number) {
  const assetLists: string[][] = [];
  const yesterday = () => Math.floor(now() / DAY_MS) - 1;
  const daysOf = (id: string) =>
    [...(data.caps.get(id)?.keys() ?? [])].filter((d) => d <= yesterday()).sort((a, b) => a - b);

  function catalog(q: URLSearchParams): EmuResponse {
    const metrics = q.get('metrics');
    if (metrics !== null && metrics !== METRIC) return json(200, { data: [] });
    const rows = [...data.caps.keys()].sort().flatMap((asset) => {
      const days = daysOf(asset);
      if (days.length === 0) return [];
      const frequencies = [
        { frequency: '1d', min_time: iso(days[0]!), max_time: iso(days[days.length - 1]!), community: true },
      ];
      return [{ asset, metrics: [{ metric: METRIC, frequencies }] }];
    });
    return json(200, { data: rows });
  }

  function timeseries(q: URLSearchParams, base: string, path: string): EmuResponse {
    const assets = (q.get('assets') ?? '').split(',').filter((a) => a.length > 0);
    if (assets.length === 0) return bad("Bad parameter 'assets'. Value must not be empty.");
    if (q.get('metrics') !== METRIC) return bad(`Bad parameter 'metrics'. Only ${METRIC} is emulated.`);
    if ((q.get('frequency') ?? '1d') !== '1d') return bad("Bad parameter 'frequency'.");
    const token = q.get('next_page_token');
    if (token === null) assetLists.push(assets);
    const unsupported = assets.find((a) => !data.caps.has(a));
    if (unsupported && q.get('ignore_unsupported_errors') !== 'true') {
      return bad(`Bad parameter 'assets'. Value '${unsupported}' is not supported.`);
    }
    const from = dayParam(q.get('start_time'));
    const to = dayParam(q.get('end_time'));
    if (Number.isNaN(from) || Number.isNaN(to)) return bad("Bad parameter 'start_time' or 'end_time'.");
    const size = Number(q.get('page_size') ?? 100);
    if (!Number.isInteger(size) || size < 1 || size > 10_000) return bad("Bad parameter 'page_size'.");
    const rows: { asset: string; day: number; mc: number }[] = [];
    for (const asset of assets) {
      for (const day of daysOf(asset)) {
        if ((from !== null && day < from) || (to !== null && day > to)) continue;
        rows.push({ asset, day, mc: data.caps.get(asset)!.get(day)! });
      }
    }
    if (q.get('sort') === 'time') rows.sort((a, b) => a.day - b.day || a.asset.localeCompare(b.asset));
    if ((q.get('paging_from') ?? 'end') === 'end') rows.reverse();
    const offset = token === null ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
    const page = rows.slice(offset, offset + size);
    const body: Record<string, unknown> = {
      data: page.map((r) => ({ asset: r.asset, time: iso(r.day), [METRIC]: String(r.mc) })),
    };
    if (offset + size < rows.length) {
      const next = new URLSearchParams(q);
      const t = Buffer.from(String(offset + size), 'utf8').toString('base64url');
      next.set('next_page_token', t);
      body['next_page_token'] = t;
      body['next_page_url'] = `${base}${path}?${next.toString()}`;
    }
    return json(200, body);
  }

  return {
    id: 'coinmetrics' as const,
    /** The asset list of every first-page request, in order. */
    assetLists,
    url: (base: string) => `${base}/coinmetrics/v4`,
    handle(req: { method: string; path: string; query: URLSearchParams }, base: string): EmuResponse {
      if (req.method !== 'GET') return json(405, { error: { type: 'method_not_allowed', message: 'GET only' } });
      if (req.path === '/v4/catalog-v2/asset-metrics') return catalog(req.query);
      if (req.path === '/v4/timeseries/asset-metrics') return timeseries(req.query, `${base}/coinmetrics`, req.path);
      return json(404, { error: { type: 'not_found', message: 'Not found' } });
    },
    rateLimitResponse(retryAfterS: number): EmuResponse {
      return {
        status: 429,
        body: { error: { type: 'rate_limit_exceeded', message: 'Requests rate limit exceeded.' } },
        headers: { 'Retry-After': String(retryAfterS) },
      };
    },
  };
}
