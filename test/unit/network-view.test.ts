/** Network view, pure part: totals per host per day, the hosts seen, and what each purpose reveals. */
import { describe, expect, it } from 'vitest';
import { API_PURPOSES } from '../../shared/domain/activity';
import { ActivityQuerySchema, type ActivityRow } from '../../shared/ipc/channels/activity';
import { hostDayTotals, hostsOf, PURPOSE_TEXT, purposeLabel } from '../../renderer/src/views/network/network';

const D = Date.UTC(2026, 2, 10, 12);
function row(i: number, over: Partial<ActivityRow> = {}): ActivityRow {
  return {
    seq: i,
    at: D,
    kind: 'api-call',
    accountId: null,
    exchange: 'binance',
    method: 'GET',
    endpoint: '/api/v3/klines',
    status: 200,
    errorClass: null,
    durationMs: 50,
    ok: true,
    host: 'api.binance.com',
    purpose: 'market-history',
    bytesOut: 100,
    bytesIn: 1000,
    detail: {},
    redacted: 0,
    ...over,
  };
}

describe('network view: grouping', () => {
  it('totals requests, failures and bytes per host per UTC day, newest day first', () => {
    const rows = [
      row(1),
      row(2, { ok: false, status: null, bytesIn: undefined }),
      row(3, { purpose: 'sync' }),
      row(4, { host: 'community-api.coinmetrics.io', purpose: 'market-caps', bytesIn: 50 }),
      row(5, { at: D - 86_400_000 }),
      row(6, { host: undefined, purpose: undefined }),
      row(7, { kind: 'key-added' }),
    ];
    expect(hostDayTotals(rows)).toEqual([
      {
        day: '2026-03-10',
        host: '(unknown host)',
        requests: 1,
        failed: 0,
        bytesOut: 100,
        bytesIn: 1000,
        purposes: ['not recorded'],
      },
      {
        day: '2026-03-10',
        host: 'api.binance.com',
        requests: 3,
        failed: 1,
        bytesOut: 300,
        bytesIn: 2000,
        purposes: ['Balance sync', 'Market history (prices)'],
      },
      {
        day: '2026-03-10',
        host: 'community-api.coinmetrics.io',
        requests: 1,
        failed: 0,
        bytesOut: 100,
        bytesIn: 50,
        purposes: ['Market history (market caps)'],
      },
      {
        day: '2026-03-09',
        host: 'api.binance.com',
        requests: 1,
        failed: 0,
        bytesOut: 100,
        bytesIn: 1000,
        purposes: ['Market history (prices)'],
      },
    ]);
    expect(hostsOf(rows)).toEqual(['api.binance.com', 'community-api.coinmetrics.io']);
  });

  it('explains every purpose, and the query accepts host and purpose filters within bounds', () => {
    for (const p of API_PURPOSES) expect(PURPOSE_TEXT[p].reveals.length).toBeGreaterThan(20);
    expect(PURPOSE_TEXT['market-caps'].reveals).toMatch(/only that someone downloads/);
    expect(purposeLabel('sync')).toBe('Balance sync');
    expect(purposeLabel(undefined)).toBe('not recorded');
    const q = { limit: 10, offset: 0 };
    expect(ActivityQuerySchema.safeParse({ ...q, host: 'api.binance.com', purpose: 'sync' }).success).toBe(true);
    expect(ActivityQuerySchema.safeParse({ ...q, purpose: 'mining' }).success).toBe(false);
    expect(ActivityQuerySchema.safeParse({ ...q, host: 'x'.repeat(254) }).success).toBe(false);
    expect(ActivityQuerySchema.safeParse({ ...q, host: '' }).success).toBe(false);
  });
});
