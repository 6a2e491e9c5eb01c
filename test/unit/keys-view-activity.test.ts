/**
 * The activity panel's filters, pager, texts and chart (renderer/src/views/keys/activity.ts and
 * activity-chart.ts).
 */
import { describe, expect, it } from 'vitest';
import { ACTIVITY_KINDS } from '../../shared/domain/activity';
import { ActivityQuerySchema, type ActivityRow } from '../../shared/ipc/channels/activity';
import {
  accountText,
  activityQuery,
  dailyQuery,
  detailText,
  durationText,
  emptyText,
  KIND_FILTERS,
  kindLabel,
  NO_ACTIVITY_FILTERS,
  PAGE_SIZE,
  pageInfo,
} from '../../renderer/src/views/keys/activity';
import { activityData, activityLabel, activityTotals } from '../../renderer/src/views/keys/activity-chart';

function entry(over: Partial<ActivityRow> = {}): ActivityRow {
  return {
    seq: 1,
    at: 0,
    kind: 'api-call',
    accountId: null,
    exchange: 'binance',
    method: 'GET',
    endpoint: '/api/v3/account',
    status: 200,
    errorClass: null,
    durationMs: 12.6,
    ok: true,
    detail: {},
    redacted: 0,
    ...over,
  };
}

describe('queries', () => {
  it('asks for one page with only the filters that are set, valid for the channel', () => {
    const none = activityQuery(NO_ACTIVITY_FILTERS, 0);
    expect(none).toEqual({ limit: PAGE_SIZE, offset: 0 });
    const all = activityQuery({ accountId: 'acc-1', kind: 'lifecycle', errorsOnly: true, search: '  balance ' }, 2);
    expect(all).toEqual({
      accountId: 'acc-1',
      kind: 'lifecycle',
      errorsOnly: true,
      search: 'balance',
      limit: PAGE_SIZE,
      offset: 2 * PAGE_SIZE,
    });
    expect(ActivityQuerySchema.safeParse(none).success).toBe(true);
    expect(ActivityQuerySchema.safeParse(all).success).toBe(true);
    expect(activityQuery({ ...NO_ACTIVITY_FILTERS, search: '   ' }, 0)).not.toHaveProperty('search');
  });

  it('charts every account, or one', () => {
    expect(dailyQuery('')).toEqual({ days: 30 });
    expect(dailyQuery('acc-1')).toEqual({ days: 30, accountId: 'acc-1' });
  });
});

describe('kinds', () => {
  it('offers everything, both groups, then each lifecycle kind by name', () => {
    expect(KIND_FILTERS.slice(0, 3).map((k) => k.value)).toEqual(['', 'api-call', 'lifecycle']);
    expect(KIND_FILTERS.slice(3).map((k) => k.value)).toEqual(ACTIVITY_KINDS.filter((k) => k !== 'api-call'));
    expect(KIND_FILTERS.find((k) => k.value === 'key-renamed')?.label).toBe('— Renamed');
  });

  it('names known kinds and shows unknown ones as they are', () => {
    expect(kindLabel('key-rotated')).toBe('Key rotated');
    expect(kindLabel('future-kind')).toBe('future-kind');
  });
});

describe('pager', () => {
  it('shows the range of the page and which way there is more', () => {
    expect(pageInfo(0, 0)).toEqual({ text: 'No entries', hasNewer: false, hasOlder: false });
    expect(pageInfo(60, 0)).toEqual({ text: '1–25 of 60', hasNewer: false, hasOlder: true });
    expect(pageInfo(60, 1)).toEqual({ text: '26–50 of 60', hasNewer: true, hasOlder: true });
    expect(pageInfo(60, 2)).toEqual({ text: '51–60 of 60', hasNewer: true, hasOlder: false });
    expect(pageInfo(25, 0).hasOlder).toBe(false);
  });
});

describe('table texts', () => {
  const labels = new Map([['acc-1', 'Binance main']]);

  it('names the account, a removed one, or a key checked before it was stored', () => {
    expect(accountText(entry({ accountId: 'acc-1' }), labels)).toBe('Binance main');
    expect(accountText(entry({ accountId: 'gone' }), labels)).toBe('Removed account');
    expect(accountText(entry(), labels)).toBe('Key check');
    expect(accountText(entry({ kind: 'key-refused' }), labels)).toBe('—');
  });

  it('spells out lifecycle details', () => {
    expect(detailText(entry({ detail: { newLabel: 'Main', tradeAccepted: false, count: 2 } }))).toBe(
      'new label: Main · trade accepted: false · count: 2',
    );
  });

  it('rounds durations and explains an empty table', () => {
    expect(durationText(12.6)).toBe('13 ms');
    expect(durationText(null)).toBe('');
    expect(emptyText(true, NO_ACTIVITY_FILTERS)).toBe('Loading…');
    expect(emptyText(false, NO_ACTIVITY_FILTERS)).toMatch(/^No activity yet/);
    expect(emptyText(false, { ...NO_ACTIVITY_FILTERS, errorsOnly: true })).toBe('No activity matches these filters.');
  });
});

describe('call volume chart', () => {
  const days = [
    { date: '2026-05-30', start: 0, calls: 4, errors: 1 },
    { date: '2026-05-31', start: 1, calls: 7, errors: 0 },
  ];

  it('adds up calls and errors for its name', () => {
    expect(activityTotals(days)).toEqual({ calls: 11, errors: 1 });
    expect(activityLabel(activityTotals(days))).toBe('Exchange API calls per day, last 30 days: 11 calls, 1 errors');
  });

  it('draws calls and errors per day, labelled by month and day', () => {
    const data = activityData(days);
    expect(data.labels).toEqual(['05-30', '05-31']);
    expect(data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['Calls', [4, 7]],
      ['Errors', [1, 0]],
    ]);
  });
});
