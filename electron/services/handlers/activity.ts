/**
 * Main-process handlers of the activity channels (shared/ipc/channels/activity.ts), over ctx.activity.
 *
 * Rows are built field by field from the log's entries, so nothing else the log might hold can reach
 * the renderer.
 */
import type { activityChannels, ActivityRow } from '../../../shared/ipc/channels/activity';
import type { ActivityEntry } from '../activity';
import type { FeatureHandlers, ServiceContext } from '../context';

function row(e: ActivityEntry): ActivityRow {
  const { seq, at, kind, accountId } = e;
  return {
    seq,
    at,
    kind,
    accountId,
    exchange: e.exchange ?? null,
    method: e.method ?? null,
    endpoint: e.endpoint ?? null,
    status: e.status ?? null,
    errorClass: e.errorClass ?? null,
    durationMs: e.durationMs ?? null,
    ok: e.ok ?? null,
    ...(e.host !== undefined ? { host: e.host } : {}),
    ...(e.purpose !== undefined ? { purpose: e.purpose } : {}),
    ...(e.bytesOut !== undefined ? { bytesOut: e.bytesOut } : {}),
    ...(e.bytesIn !== undefined ? { bytesIn: e.bytesIn } : {}),
    detail: { ...(e.detail ?? {}) },
    redacted: e.redacted ?? 0,
  };
}

export function activityHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof activityChannels> {
  return {
    'activity:query': (q) => {
      const page = ctx.activity.query(q);
      return { total: page.total, entries: page.entries.map(row) };
    },
    'activity:daily': ({ accountId, days }) =>
      ctx.activity
        .dailyCounts({ days, now: ctx.now(), ...(accountId !== undefined ? { accountId } : {}) })
        .map((d) => ({ date: d.date, start: d.start, calls: d.calls, errors: d.errors })),
    'activity:verify': () => ctx.activity.verify(),
  };
}
