/**
 * Pure text of the Market data view: one row per stored asset (days, provider and market, quote
 * conversion, market-cap source and coverage, gaps, last update), the progress line of an update, the
 * size on disk and the outcome of a CSV import. No React, no IPC: MarketDataView and its parts call
 * these, and the unit tests check them.
 */
import type {
  AssetCoverage,
  AssetHistoryStatus,
  MarketHistoryImportResult,
  MarketHistoryProgress,
} from '../../../../shared/ipc/channels/market-history';
import { CAP_SOURCE_NAMES, type CapSourceId, type QuoteConversion } from '../../../../shared/market-history';

export interface CoverageRow {
  symbol: string;
  rank: string;
  status: AssetHistoryStatus;
  statusText: string;
  /** "2016-01-01 to 2021-12-31", or "none". */
  span: string;
  days: number;
  /** "binance · BTC/USDT", "your CSV files", or "none". */
  provider: string;
  conversion: string;
  /** "Coin Metrics" (main source), "none". */
  capSource: string;
  /** Share of the asset's price days with a market cap, 0..1 (0 without prices). */
  capCoverage: number;
  capText: string;
  gapsText: string;
  updatedAt: number | null;
  notes: string[];
}

const STATUS_TEXT: Record<AssetHistoryStatus, string> = {
  ok: 'Up to date',
  pending: 'Not fetched yet',
  'no-market': 'No USD market',
  delisted: 'Delisted (kept)',
  error: 'Last attempt failed',
};

const CONVERSION_TEXT: Record<QuoteConversion, string> = {
  none: 'USD market',
  'provider-close': 'converted at the stablecoin close',
  par: 'stablecoin taken at $1',
};

const capName = (src: CapSourceId | 'none'): string => (src === 'none' ? 'none' : CAP_SOURCE_NAMES[src]);

/** "1 gap, 3 days missing" / "none". */
export function gapsText(gaps: AssetCoverage['gaps']): string {
  if (gaps.length === 0) return 'none';
  const missing = gaps.reduce((s, g) => s + g.missing, 0);
  return `${gaps.length} gap${gaps.length === 1 ? '' : 's'}, ${missing} day${missing === 1 ? '' : 's'} missing`;
}

export function coverageRow(a: AssetCoverage): CoverageRow {
  const capDays = Object.values(a.capDays).reduce((s, n) => s + (n ?? 0), 0);
  const capCoverage = a.days > 0 ? Math.min(1, capDays / a.days) : 0;
  const sources = (Object.keys(a.capDays) as CapSourceId[]).filter((s) => (a.capDays[s] ?? 0) > 0);
  const provider =
    a.provider === null ? 'none' : a.provider === 'import' ? 'your CSV files' : `${a.provider} · ${a.market ?? '?'}`;
  return {
    symbol: a.symbol,
    rank: a.rank === null ? '—' : String(a.rank),
    status: a.status,
    statusText: STATUS_TEXT[a.status],
    span: a.firstDay && a.lastDay ? `${a.firstDay} to ${a.lastDay}` : 'none',
    days: a.days,
    provider,
    conversion:
      a.conversionMarket && a.quoteConversion === 'provider-close'
        ? `${CONVERSION_TEXT[a.quoteConversion]} (${a.conversionMarket})`
        : CONVERSION_TEXT[a.quoteConversion],
    capSource: capName(a.capSource),
    capCoverage,
    capText:
      capDays === 0
        ? 'no market cap'
        : `${Math.round(capCoverage * 100)}% of days (${a.capFirstDay} to ${a.capLastDay}${
            sources.length > 1 ? `; ${sources.map((s) => capName(s)).join(' + ')}` : ''
          })`,
    gapsText: gapsText(a.gaps),
    updatedAt: a.updatedAt,
    notes: a.notes,
  };
}

/** Rows whose symbol, provider, cap source or status contain `query` (case-insensitive). */
export function filterRows(rows: readonly CoverageRow[], query: string): CoverageRow[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...rows];
  return rows.filter((r) => [r.symbol, r.provider, r.capSource, r.statusText].some((t) => t.toLowerCase().includes(q)));
}

/** "1.2 MB". */
export function bytesText(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** "about 3 min" / "less than a minute". */
export function etaText(ms: number | null): string | null {
  if (ms === null) return null;
  if (ms <= 0) return null;
  if (ms < 60_000) return 'less than a minute left';
  const min = Math.round(ms / 60_000);
  if (min < 90) return `about ${min} min left`;
  return `about ${Math.round(min / 60)} h left`;
}

const PHASE_TEXT: Record<MarketHistoryProgress['phase'], string> = {
  markets: 'Finding markets',
  prices: 'Daily prices',
  'market-caps': 'Market caps',
  done: 'Done',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

/** The progress line of an update: "Daily prices: 12 of 40 steps · about 3 min left · BTC daily prices from Binance". */
export function progressText(p: MarketHistoryProgress): string {
  const parts = [`${PHASE_TEXT[p.phase]}: ${p.done} of ${p.total} steps`];
  const eta = etaText(p.etaMs);
  if (eta) parts.push(eta);
  if (p.current) parts.push(p.current);
  return parts.join(' · ');
}

/** The outcome of a folder import, in one sentence (null when the user cancelled). */
export function importSummary(r: MarketHistoryImportResult): string | null {
  if (r.folder === null) return null;
  const rows = r.assets.reduce((s, a) => s + a.rows, 0);
  const parts = [
    `Imported ${rows} row${rows === 1 ? '' : 's'} for ${r.assets.length} asset(s) from ${r.files} file(s)`,
  ];
  if (r.errorCount > 0) parts.push(`${r.errorCount} row(s) skipped`);
  if (r.skippedFiles.length > 0) parts.push(`${r.skippedFiles.length} file(s) skipped`);
  return `${parts.join('; ')}.`;
}
