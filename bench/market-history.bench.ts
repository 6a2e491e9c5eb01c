/**
 * Market-history benchmarks (the download of electron/services/market-history against the history
 * emulator, test/emulator/history-server.ts, on 127.0.0.1).
 *
 * (a) Full first download of the top 100 over 5 years, at the sources' real rate limits: the emulator
 *     enforces each source's published limit in real time (a request beyond it gets 429 + Retry-After)
 *     and the app paces itself with ccxt's limiter and its own spacers. The rate-limit floor is the least
 *     time those limits allow for the requests the run sent: per source, with R units per window W and
 *     a total weight T, (ceil(T / R) - 1) x W; sources run side by side, so the floor is the largest.
 *     Target: wall time <= 1.3 x floor. The process's CPU time (app and emulator together) is noted:
 *     on a shared machine the wall time is at least that CPU time stretched by the load.
 * (b) The daily update the day after: target < 2 s.
 * (c) Memory of a loaded history of 300 assets x 8 years: as the store keeps it (typed-array columns)
 *     and as `history()` serves it (`Candle[]`, what grades and the Index Lab read).
 *
 * The shared history has 61 assets; the other 39 of the top 100 are copies of its Binance-listed assets
 * under other symbols, with a thousandth of their caps. Skips, saying so, without ../shared/data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { BenchRow } from './run';
import { buildCatalog } from '../shared/catalog';
import { DAY_MS, type PriceHistory } from '../shared/domain/types';
import { candleColumns, capColumns, toCandles, type CandleColumns, type CapColumns } from '../shared/market-history';
import { defaultSettings } from '../shared/settings';
import { createExchangeClient } from '../electron/services/exchange';
import { createMarketHistoryService } from '../electron/services/market-history';
import { createRecordingFetch } from '../electron/services/net/fetch';
import { loadHistoryData, SHARED_DATA_MISSING, type HistoryData } from '../test/emulator/history-data';
import {
  fromSharedData,
  startHistoryEmulator,
  type HistorySourceId,
  type SourceLimit,
} from '../test/emulator/history-server';
import { defaultListings, geckoIds, worldCatalog } from '../test/emulator/history-world';

const TOP_N = 100;
const YEARS = 5;
/** The last day of the shared history's main folder (2021-09-17). */
const LAST_DATA_DAY = Date.UTC(2021, 8, 17) / DAY_MS;

/** The sources' published limits (per IP, keyless), as the emulator enforces them. */
const REAL_LIMITS: Record<HistorySourceId, SourceLimit> = {
  // 6000 weight a minute; klines weigh 2, exchangeInfo 20.
  binance: {
    requests: 6000,
    windowMs: 60_000,
    weight: (p) => (p.endsWith('/klines') ? 2 : p.endsWith('/exchangeInfo') ? 20 : 1),
  },
  coinbaseexchange: { requests: 10, windowMs: 1_000 },
  kraken: { requests: 1, windowMs: 1_000 },
  // history-candles: 20 per 2 s.
  okx: { requests: 20, windowMs: 2_000 },
  bybit: { requests: 600, windowMs: 5_000 },
  coinmetrics: { requests: 10, windowMs: 6_000 },
  coingecko: { requests: 10, windowMs: 60_000 },
};

/** The shared history with `extra` copies of Binance-listed assets (symbol + "X", caps / 1000). */
function widened(h: HistoryData, extra: number): HistoryData {
  const series = new Map(h.series);
  const catalog = { ...h.catalog };
  const binance = new Set(defaultListings(h).binance.map((l) => l.symbol));
  const copies = [...h.series.keys()].filter((s) => binance.has(s) && h.series.get(s)!.caps.size > 0).slice(0, extra);
  for (const s of copies) {
    const orig = h.series.get(s)!;
    series.set(`${s}X`, { ...orig, caps: new Map([...orig.caps].map(([d, mc]) => [d, mc / 1000])) });
    catalog[`${s}X`] = { ...(h.catalog[s] ?? { name: s, sectors: ['other'], stablecoin: false }), name: `${s} copy` };
  }
  return { ...h, series, catalog };
}

/** CPU time of this process since `from` (user + system), in seconds. */
const cpuSeconds = (from: NodeJS.CpuUsage): string => {
  const d = process.cpuUsage(from);
  return ((d.user + d.system) / 1e6).toFixed(1);
};

/** The least time `limit` allows for requests of total weight `weight`. */
const floorOf = (weight: number, limit: SourceLimit): number =>
  Math.max(0, Math.ceil(weight / limit.requests) - 1) * limit.windowMs;

async function download(h: HistoryData): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-bench-mh-'));
  // Real time, shifted so that "today" is the shared history's last day (its day before is complete);
  // the daily update then runs a day later and finds that last day new.
  let offset = Date.now() - LAST_DATA_DAY * DAY_MS - DAY_MS / 2;
  const now = () => Date.now() - offset;
  const emu = await startHistoryEmulator({
    data: fromSharedData(h, geckoIds()),
    listings: defaultListings(h),
    now,
    limits: REAL_LIMITS,
  });
  const catalog = buildCatalog(worldCatalog(h, LAST_DATA_DAY - 1));
  const phases = new Map<string, number>();
  const svc = await createMarketHistoryService({
    dataDir: dir,
    now,
    settings: { get: defaultSettings },
    catalog: () => catalog,
    publicClient: (id, onCall) =>
      createExchangeClient(id, null, { apiUrls: emu.options.exchangeApiUrls[id], onCall: () => onCall() }),
    httpGet: (source) => createRecordingFetch({ source, purpose: 'market-caps' }),
    emit: (p) => {
      if (!phases.has(p.phase)) phases.set(p.phase, performance.now());
    },
    notice: () => undefined,
    coinMetricsUrl: emu.options.coinMetricsUrl,
    coinGeckoUrl: emu.options.marketDataUrl,
    depthDays: YEARS * 365,
  });
  try {
    phases.clear();
    let t0 = performance.now();
    let cpu0 = process.cpuUsage();
    const full = await svc.update({ topN: TOP_N });
    const fullMs = performance.now() - t0;
    const fullCpu = cpuSeconds(cpu0);
    if (full.state !== 'done') throw new Error(`bench download ended ${full.state}: ${full.message}`);
    const coverage = svc.coverage();
    const refused = emu.requests.filter((r) => r.status === 429).length;
    const perSource = new Map<HistorySourceId, number>();
    for (const r of emu.requests) {
      if (r.status === 429) continue;
      const w = REAL_LIMITS[r.source].weight?.(r.path) ?? 1;
      perSource.set(r.source, (perSource.get(r.source) ?? 0) + w);
    }
    let floor = 0;
    let slowest = '';
    for (const [source, weight] of perSource) {
      const f = floorOf(weight, REAL_LIMITS[source]);
      if (f > floor) [floor, slowest] = [f, source];
    }
    const phaseNote = (start: number): string =>
      [...phases].map(([p, at]) => `${p} at ${((at - start) / 1000).toFixed(1)} s`).join(', ');
    const fullPhases = phaseNote(t0);
    const counts = [...perSource].map(([s, w]) => `${s} ${w}`).join(', ');

    offset -= DAY_MS;
    const before = emu.requests.length;
    phases.clear();
    t0 = performance.now();
    cpu0 = process.cpuUsage();
    const daily = await svc.update({ topN: TOP_N });
    const dailyMs = performance.now() - t0;
    const dailyCpu = cpuSeconds(cpu0);
    if (daily.state !== 'done') throw new Error(`bench daily update ended ${daily.state}: ${daily.message}`);

    return [
      {
        name: `market history: first download, top ${TOP_N} x ${YEARS} years, real rate limits`,
        ms: fullMs,
        target: `<= 1.3 x floor (${(floor / 1000).toFixed(1)} s, ${slowest})`,
        ok: fullMs <= 1.3 * floor,
        note:
          `${full.requests} requests, ${coverage.totals.candleDays} candle-days, ${refused} answered 429, ` +
          `CPU ${fullCpu} s (app and emulator); ` +
          `weight per source: ${counts}; ${fullPhases}`,
      },
      {
        name: 'market history: daily update (one new day)',
        ms: dailyMs,
        target: '< 2 s',
        ok: dailyMs < 2_000,
        note:
          `${emu.requests.length - before} requests, ${daily.newDays} new candle-days, CPU ${dailyCpu} s; ` +
          phaseNote(t0),
      },
    ];
  } finally {
    await svc.dispose();
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A full garbage collection (V8 exposes `gc` to new contexts once the flag is set). */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const usedBytes = (): number => {
  collect();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

function memory(): BenchRow[] {
  const ASSETS = 300;
  const DAYS = 8 * 365 + 2;
  const first = LAST_DATA_DAY - DAYS;
  const columns: { candles: CandleColumns; caps: CapColumns }[] = [];
  for (let a = 0; a < ASSETS; a++) {
    const rows = Array.from({ length: DAYS }, (_, i) => {
      const c = 100 + a + Math.sin(i / 30) * 10 + i / 100;
      return { day: first + i, o: c * 0.99, h: c * 1.02, l: c * 0.97, c, v: c * 1e6 };
    });
    columns.push({
      candles: candleColumns(rows),
      caps: capColumns(rows.map((r) => ({ day: r.day, mc: r.c * 1e7, src: 'coinmetrics' as const }))),
    });
  }
  // Exact: the typed arrays' bytes (a heap reading is too noisy for buffers of this size).
  const columnsBytes = columns.reduce(
    (sum, { candles, caps }) =>
      sum + [...Object.values(candles), ...Object.values(caps)].reduce((n, a) => n + a.byteLength, 0),
    0,
  );
  const afterColumns = usedBytes();
  const t0 = performance.now();
  const history: PriceHistory = {};
  columns.forEach((col, a) => (history[`A${a}`] = toCandles(col.candles, col.caps)));
  const buildMs = performance.now() - t0;
  const candlesBytes = usedBytes() - afterColumns;
  const mib = (b: number) => b / 1024 / 1024;
  const perDay = (b: number) => (b / (ASSETS * DAYS)).toFixed(0);
  const kept = Object.keys(history).length + columns.length;
  return [
    {
      name: `market history: ${ASSETS} assets x 8 years as typed-array columns (store)`,
      ms: 0,
      heapMb: mib(columnsBytes),
      note: `${perDay(columnsBytes)} bytes per asset-day with its cap (the arrays' exact size)`,
    },
    {
      name: `market history: ${ASSETS} assets x 8 years as Candle[] (history())`,
      ms: buildMs,
      heapMb: mib(candlesBytes),
      note: `${perDay(candlesBytes)} bytes per asset-day (heap after a full collection); ${kept} series kept`,
    },
  ];
}

export default async function run(): Promise<BenchRow[]> {
  const shared = loadHistoryData();
  if (!shared) return [{ name: 'market history', ms: 0, note: SHARED_DATA_MISSING }];
  return [...(await download(widened(shared, TOP_N - 61))), ...memory()];
}
