/**
 * Steps that page through time in fixed windows (Binance's deposits, withdrawals, rewards and
 * conversions: each endpoint answers for a bounded span only). The cursor is the next window's start
 * and, inside a window, the offset reached; an empty window is normal and never ends the step. Used by
 * ./binance.ts.
 */
import type { HistoryEntry } from '../../../../shared/history/types';
import { OVERLAP_MS, numberOf, type Cursor, type ImportStep, type PageResult, type StepContext } from './types';

export interface WindowedStep {
  key: string;
  label: string;
  endpoint: string;
  paceMs: number;
  optional: boolean;
  /** Span of one window (ms): the endpoint's own bound. */
  windowMs: number;
  /** Records per page (the endpoint's maximum). */
  limit: number;
  /** Whether the endpoint pages inside a window with an `offset`; without it a full page is reported. */
  offset: boolean;
  /** Where a step never run starts (default: the import's `since`). */
  start?: (ctx: StepContext) => number;
  fetch(
    ctx: StepContext,
    window: { from: number; to: number; offset: number; limit: number },
  ): Promise<{ entries: HistoryEntry[]; skipped: number; rows: number }>;
}

export function windowedStep(def: WindowedStep): ImportStep {
  return {
    key: def.key,
    label: def.label,
    endpoint: def.endpoint,
    paceMs: def.paceMs,
    optional: def.optional,
    initial: (ctx) => ({ from: def.start?.(ctx) ?? ctx.since, offset: 0 }),
    restart: (cursor, ctx) => ({
      from: Math.max(ctx.since, numberOf(cursor['from'], ctx.since) - OVERLAP_MS),
      offset: 0,
    }),
    async page(cursor: Cursor, ctx: StepContext): Promise<PageResult> {
      const from = numberOf(cursor['from'], ctx.since);
      const offset = numberOf(cursor['offset'], 0);
      if (from >= ctx.now) return { entries: [], skipped: 0, cursor: { from, offset: 0 }, done: true };
      const to = Math.min(from + def.windowMs, ctx.now);
      const limit = Math.min(def.limit, ctx.pageSize ?? def.limit);
      const r = await def.fetch(ctx, { from, to, offset, limit });
      const full = r.rows >= limit;
      if (full && def.offset) {
        return { entries: r.entries, skipped: r.skipped, cursor: { from, offset: offset + r.rows }, done: false };
      }
      const next = to;
      return {
        entries: r.entries,
        skipped: r.skipped,
        cursor: { from: next, offset: 0 },
        done: next >= ctx.now,
        ...(full
          ? {
              note: `${def.label}: the exchange returned its maximum of ${limit} records for ${new Date(from).toISOString().slice(0, 10)} to ${new Date(to).toISOString().slice(0, 10)}; some may be missing.`,
            }
          : {}),
      };
    },
  };
}
