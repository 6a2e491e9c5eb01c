/**
 * Longer than the usual budget, kept whole: the manifest, its schema and the asset files are one store
 * with one write queue, and reading their rules apart would hide how a stopped run resumes.
 *
 * The market-history store, `<dataDir>/market-history/`:
 *
 * - `assets/<SYMBOL>.json`: the asset's USD daily candles and market caps (asset-file.ts). The file is
 *   the truth for what is stored: an update writes it after every page it fetched, so a run stopped at
 *   any point (cancel, crash, quit) keeps everything fetched until then and the next run continues.
 * - `manifest.json`: per asset where its data came from (provider, market, USD conversion, market-cap
 *   sources), what is stored (first/last day, gaps, cap coverage), its status and notes, plus the run in
 *   progress (so a stopped run is resumed with the same assets) and the last run. Written at most once a
 *   second while a run goes and at its end; what it says about a file is checked against the file's
 *   size on open, and re-read from the file when they differ.
 *
 * Every write goes through files/atomic.ts. An unreadable file is moved aside (`*.corrupt-<time>.json`)
 * and reported once through `onRecovered` (the app tells the user with fileNotice); an unreadable asset
 * file is downloaded again, an unreadable manifest is rebuilt from the asset files.
 * Asset series are read on first use and kept in memory as typed arrays.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { AssetHistoryStatus, MarketHistoryRunSummary } from '../../../shared/ipc/channels/market-history';
import {
  CAP_SOURCES,
  emptyCandles,
  emptyCaps,
  gapsOf,
  type CapSourceId,
  type DayGap,
  type QuoteConversion,
} from '../../../shared/market-history';
import { ensureDir, writeFileAtomic } from '../files/atomic';
import { decodeAssetFile, encodeAssetFile, NO_ORIGIN, roundSeries, type AssetSeries } from './asset-file';

export type { AssetSeries, SeriesOrigin } from './asset-file';

/** What the store knows about one asset (persisted in the manifest). */
export interface AssetMeta {
  symbol: string;
  rank: number | null;
  provider: string | null;
  market: string | null;
  quoteConversion: QuoteConversion;
  conversionMarket: string | null;
  /** Days converted at par because the conversion market had no close. */
  parDays: number;
  /** Older history was fetched down to the provider's first candle (or the depth limit). */
  backfilled: boolean;
  status: AssetHistoryStatus;
  updatedAt: number | null;
  /** What the user should know about the prices (provider switches, par conversion, errors). */
  notes: string[];
  /** The same about the market caps (no source, a source that could not be reached). */
  capNotes: string[];
  /** Derived from the asset file (kept so that coverage needs no file read). */
  fileBytes: number;
  firstDay: number | null;
  lastDay: number | null;
  days: number;
  gaps: DayGap[];
  capFirstDay: number | null;
  capLastDay: number | null;
  capDays: Partial<Record<CapSourceId, number>>;
}

/** The run in progress, kept so that a stopped run is continued with the same assets. */
export interface RunState {
  id: string;
  startedAt: number;
  topN: number;
  /** Symbols of the universe, largest first. */
  universe: string[];
}

/** Which assets Coin Metrics serves market caps for, and from/to which day (asked once a day). */
export interface CoinMetricsCatalog {
  fetchedAt: number;
  assets: Record<string, { first: number; last: number }>;
}

interface Manifest {
  v: 1;
  lastUpdateAt: number | null;
  lastRun: MarketHistoryRunSummary | null;
  run: RunState | null;
  coinmetrics: CoinMetricsCatalog | null;
  assets: Record<string, AssetMeta>;
}

const gapSchema = z.object({ after: z.number(), before: z.number(), missing: z.number() });
const metaSchema = z.object({
  symbol: z.string(),
  rank: z.number().nullable(),
  provider: z.string().nullable(),
  market: z.string().nullable(),
  quoteConversion: z.enum(['none', 'provider-close', 'par']),
  conversionMarket: z.string().nullable(),
  parDays: z.number(),
  backfilled: z.boolean(),
  status: z.enum(['ok', 'pending', 'no-market', 'delisted', 'error']),
  updatedAt: z.number().nullable(),
  notes: z.array(z.string()),
  capNotes: z.array(z.string()),
  fileBytes: z.number(),
  firstDay: z.number().nullable(),
  lastDay: z.number().nullable(),
  days: z.number(),
  gaps: z.array(gapSchema),
  capFirstDay: z.number().nullable(),
  capLastDay: z.number().nullable(),
  capDays: z.partialRecord(z.enum(CAP_SOURCES), z.number()),
});
const manifestSchema = z.object({
  v: z.literal(1),
  lastUpdateAt: z.number().nullable(),
  lastRun: z.custom<MarketHistoryRunSummary>((x) => x === null || (typeof x === 'object' && !Array.isArray(x))),
  run: z.object({ id: z.string(), startedAt: z.number(), topN: z.number(), universe: z.array(z.string()) }).nullable(),
  coinmetrics: z
    .object({
      fetchedAt: z.number(),
      assets: z.record(z.string(), z.object({ first: z.number(), last: z.number() })),
    })
    .nullable(),
  assets: z.record(z.string(), metaSchema),
});

export interface RecoveredStoreFile {
  /** 'manifest' or the asset symbol. */
  what: string;
  backupPath: string;
  reason: string;
}

export function blankMeta(symbol: string): AssetMeta {
  return {
    symbol,
    rank: null,
    provider: null,
    market: null,
    quoteConversion: 'none',
    conversionMarket: null,
    parDays: 0,
    backfilled: false,
    status: 'pending',
    updatedAt: null,
    notes: [],
    capNotes: [],
    fileBytes: 0,
    firstDay: null,
    lastDay: null,
    days: 0,
    gaps: [],
    capFirstDay: null,
    capLastDay: null,
    capDays: {},
  };
}

/** What an asset's series says about itself (the derived fields of its meta). */
function derived(
  s: AssetSeries,
): Pick<
  AssetMeta,
  | 'firstDay'
  | 'lastDay'
  | 'days'
  | 'gaps'
  | 'capFirstDay'
  | 'capLastDay'
  | 'capDays'
  | 'provider'
  | 'market'
  | 'backfilled'
> {
  const k = s.candles.day;
  const m = s.caps.day;
  const capDays: Partial<Record<CapSourceId, number>> = {};
  for (const i of s.caps.src) {
    const src = CAP_SOURCES[i]!;
    capDays[src] = (capDays[src] ?? 0) + 1;
  }
  return {
    firstDay: k.length > 0 ? k[0]! : null,
    lastDay: k.length > 0 ? k[k.length - 1]! : null,
    days: k.length,
    gaps: gapsOf(k),
    capFirstDay: m.length > 0 ? m[0]! : null,
    capLastDay: m.length > 0 ? m[m.length - 1]! : null,
    capDays,
    provider: s.origin.provider,
    market: s.origin.market,
    backfilled: s.origin.backfilled,
  };
}

/** Symbols as file names: upper-case letters, digits, dots and dashes only. */
const SAFE_SYMBOL = /^[A-Z0-9][A-Z0-9.-]{0,19}$/;

export function isStorableSymbol(symbol: string): boolean {
  return SAFE_SYMBOL.test(symbol);
}

export class MarketHistoryStore {
  readonly dir: string;
  private readonly assetsDir: string;
  private readonly manifestPath: string;
  private readonly now: () => number;
  private readonly onRecovered: (r: RecoveredStoreFile) => void;
  private manifest: Manifest = {
    v: 1,
    lastUpdateAt: null,
    lastRun: null,
    run: null,
    coinmetrics: null,
    assets: {},
  };
  private readonly series = new Map<string, AssetSeries>();
  private readonly writes = new Map<string, Promise<void>>();
  private manifestTimer: ReturnType<typeof setTimeout> | null = null;
  private manifestWrite: Promise<void> = Promise.resolve();
  private manifestBytes = 0;
  /** Increases whenever stored data changes (a key for views derived from it). */
  revision = 0;

  constructor(dataDir: string, opts: { now: () => number; onRecovered?: (r: RecoveredStoreFile) => void }) {
    this.dir = join(dataDir, 'market-history');
    this.assetsDir = join(this.dir, 'assets');
    this.manifestPath = join(this.dir, 'manifest.json');
    this.now = opts.now;
    this.onRecovered = opts.onRecovered ?? (() => undefined);
  }

  /** Reads the manifest and checks it against the asset files (rebuilding what it lacks). */
  async open(): Promise<void> {
    await ensureDir(this.assetsDir);
    if (existsSync(this.manifestPath)) {
      try {
        const text = readFileSync(this.manifestPath, 'utf8');
        const parsed = manifestSchema.safeParse(JSON.parse(text));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new Error(
            `not a market-history index (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})`,
          );
        }
        this.manifest = parsed.data as Manifest;
        this.manifestBytes = Buffer.byteLength(text);
      } catch (err) {
        this.moveAside(this.manifestPath, 'manifest', err);
      }
    }
    const files = (await readdir(this.assetsDir)).filter((f) => /^[^.].*\.json$/.test(f) && !f.includes('.corrupt-'));
    const onDisk = new Set<string>();
    for (const f of files) {
      const symbol = f.slice(0, -'.json'.length);
      if (!isStorableSymbol(symbol)) continue;
      onDisk.add(symbol);
      const size = (await stat(join(this.assetsDir, f))).size;
      const meta = this.manifest.assets[symbol];
      if (!meta || meta.fileBytes !== size) {
        // The manifest is behind the file (a run stopped between the two writes): read the file.
        const s = this.read(symbol);
        const base = meta ?? blankMeta(symbol);
        this.manifest.assets[symbol] = {
          ...base,
          ...derived(s),
          fileBytes: existsSync(join(this.assetsDir, f)) ? size : 0,
        };
      }
    }
    for (const [symbol, meta] of Object.entries(this.manifest.assets)) {
      if (!onDisk.has(symbol) && meta.fileBytes > 0) {
        this.manifest.assets[symbol] = {
          ...meta,
          ...derived({ candles: emptyCandles(), caps: emptyCaps(), origin: NO_ORIGIN }),
          fileBytes: 0,
        };
      }
    }
  }

  private assetPath(symbol: string): string {
    return join(this.assetsDir, `${symbol}.json`);
  }

  private moveAside(path: string, what: string, err: unknown): void {
    const backupPath = path.replace(/\.json$/, `.corrupt-${this.now()}.json`);
    try {
      renameSync(path, backupPath);
    } catch {
      // already gone
    }
    this.onRecovered({ what, backupPath, reason: err instanceof Error ? err.message : 'unreadable' });
  }

  /** The stored series of an asset (empty when none; an unreadable file is moved aside). */
  read(symbol: string): AssetSeries {
    const hit = this.series.get(symbol);
    if (hit) return hit;
    const path = this.assetPath(symbol);
    const text = isStorableSymbol(symbol) && existsSync(path) ? readFileSync(path, 'utf8') : null;
    return this.decoded(symbol, text);
  }

  /** `read`, with the file read asynchronously (start-up preloading). */
  async load(symbol: string): Promise<AssetSeries> {
    const hit = this.series.get(symbol);
    if (hit) return hit;
    const path = this.assetPath(symbol);
    const text = isStorableSymbol(symbol) ? await readFile(path, 'utf8').catch(() => null) : null;
    return this.series.get(symbol) ?? this.decoded(symbol, text);
  }

  private decoded(symbol: string, text: string | null): AssetSeries {
    let s: AssetSeries = { candles: emptyCandles(), caps: emptyCaps(), origin: NO_ORIGIN };
    if (text !== null) {
      try {
        s = decodeAssetFile(text, symbol);
      } catch (err) {
        this.moveAside(this.assetPath(symbol), symbol, err);
        const meta = this.manifest.assets[symbol];
        if (meta) {
          this.manifest.assets[symbol] = { ...meta, ...derived(s), fileBytes: 0 };
          this.scheduleManifest();
        }
      }
    }
    this.series.set(symbol, s);
    return s;
  }

  /** Replaces an asset's series (atomically); writes of one asset happen one after the other. */
  write(symbol: string, series: AssetSeries): Promise<void> {
    if (!isStorableSymbol(symbol)) return Promise.reject(new Error(`"${symbol}" cannot be stored`));
    const s = roundSeries(series, this.series.get(symbol));
    this.series.set(symbol, s);
    this.revision += 1;
    this.manifest.assets[symbol] ??= blankMeta(symbol);
    const text = encodeAssetFile(symbol, s);
    const prev = this.writes.get(symbol) ?? Promise.resolve();
    const next = prev
      .catch(() => undefined)
      .then(async () => {
        await ensureDir(this.assetsDir);
        await writeFileAtomic(this.assetPath(symbol), text);
        // Only now does the manifest describe the new file: a manifest written in between still
        // matches the old one (same size), so nothing is ever claimed that is not on disk.
        const base = this.manifest.assets[symbol] ?? blankMeta(symbol);
        this.manifest.assets[symbol] = { ...base, ...derived(s), fileBytes: Buffer.byteLength(text) };
        this.scheduleManifest();
      });
    this.writes.set(symbol, next);
    return next;
  }

  /** Reads the stored series, changes it with `fn` and writes it, with nothing in between. */
  update(symbol: string, fn: (s: AssetSeries) => AssetSeries): Promise<void> {
    return this.write(symbol, fn(this.read(symbol)));
  }

  meta(symbol: string): AssetMeta | null {
    return this.manifest.assets[symbol] ?? null;
  }

  metas(): AssetMeta[] {
    return Object.values(this.manifest.assets);
  }

  /** Changes what the manifest says about an asset (not its derived fields). */
  setMeta(
    symbol: string,
    patch: Partial<Omit<AssetMeta, keyof ReturnType<typeof derived> | 'symbol' | 'fileBytes'>>,
  ): void {
    const base = this.manifest.assets[symbol] ?? blankMeta(symbol);
    this.manifest.assets[symbol] = { ...base, ...patch };
    this.revision += 1;
    this.scheduleManifest();
  }

  get run(): RunState | null {
    return this.manifest.run;
  }

  set run(run: RunState | null) {
    this.manifest.run = run;
    this.scheduleManifest();
  }

  get lastRun(): MarketHistoryRunSummary | null {
    return this.manifest.lastRun;
  }

  get lastUpdateAt(): number | null {
    return this.manifest.lastUpdateAt;
  }

  /** Records a finished run (and, when it ended 'done', the time of the last complete update). */
  finishRun(summary: MarketHistoryRunSummary): void {
    this.manifest.lastRun = summary;
    if (summary.state === 'done') {
      this.manifest.lastUpdateAt = summary.finishedAt;
      this.manifest.run = null;
    }
    this.scheduleManifest();
  }

  get coinMetrics(): CoinMetricsCatalog | null {
    return this.manifest.coinmetrics;
  }

  set coinMetrics(c: CoinMetricsCatalog | null) {
    this.manifest.coinmetrics = c;
    this.scheduleManifest();
  }

  /** Writes the manifest within a second (coalescing the changes made meanwhile). */
  private scheduleManifest(): void {
    if (this.manifestTimer) return;
    this.manifestTimer = setTimeout(() => {
      this.manifestTimer = null;
      // a failed write is tried again with the next change, and flush() reports it
      this.saveManifest().catch(() => undefined);
    }, 1_000);
    this.manifestTimer.unref?.();
  }

  private saveManifest(): Promise<void> {
    const text = JSON.stringify(this.manifest);
    this.manifestWrite = this.manifestWrite
      .catch(() => undefined)
      .then(async () => {
        await ensureDir(this.dir);
        await writeFileAtomic(this.manifestPath, text);
        this.manifestBytes = Buffer.byteLength(text);
      });
    return this.manifestWrite;
  }

  /** Waits for every pending write, then writes the manifest. */
  async flush(): Promise<void> {
    await Promise.all([...this.writes.values()].map((p) => p.catch(() => undefined)));
    if (this.manifestTimer) clearTimeout(this.manifestTimer);
    this.manifestTimer = null;
    await this.saveManifest();
  }

  /** Bytes of the store on disk (asset files and manifest). */
  bytesOnDisk(): number {
    return this.metas().reduce((s, m) => s + m.fileBytes, 0) + this.manifestBytes;
  }
}
