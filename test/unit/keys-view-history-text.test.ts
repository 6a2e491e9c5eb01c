import { describe, expect, it } from 'vitest';
import type { AccountHistoryView } from '../../shared/ipc/channels/history';
import { importButtonLabel, importSummary, parseAssets, sinceOf } from '../../renderer/src/views/keys/history-text';

const view = (over: Partial<AccountHistoryView> = {}): AccountHistoryView => ({
  accountId: 'a',
  label: 'Binance',
  exchange: 'binance',
  exchangeName: 'Binance',
  supported: true,
  lastRun: null,
  running: false,
  entries: 0,
  counts: { trade: 0, deposit: 0, withdrawal: 0, income: 0, fee: 0, adjustment: 0 },
  firstEntryAt: null,
  lastEntryAt: null,
  marketsSearched: [],
  extraAssets: [],
  since: null,
  gaps: [],
  reconciliation: [],
  ...over,
});

const run = (state: 'done' | 'paused' | 'error' | 'cancelled') => ({
  state,
  startedAt: Date.UTC(2025, 0, 2),
  finishedAt: Date.UTC(2025, 0, 2, 1),
  steps: [],
  pages: 3,
  entries: 10,
  skipped: 0,
  error:
    state === 'paused'
      ? { code: 'rate-limit', message: 'Binance asked Ballast to wait.' }
      : state === 'error'
        ? { code: 'auth', message: 'Binance did not accept the key.' }
        : null,
  resumeAfter: state === 'paused' ? Date.UTC(2025, 0, 2, 14, 5) : null,
  notes: [],
});

describe('account-history panel wording', () => {
  it('says the state of the import in one line', () => {
    expect(importSummary(view(), null)).toMatch(/^Not imported yet/);
    expect(importSummary(view({ lastRun: run('done'), entries: 10, firstEntryAt: Date.UTC(2023, 4, 1) }), null)).toBe(
      'Imported 2025-01-02: 10 entries since 2023-05-01.',
    );
    expect(importSummary(view({ lastRun: run('paused'), entries: 10 }), null)).toBe(
      'Paused: Binance asked Ballast to wait. It can go on after 14:05 UTC. 10 entries kept.',
    );
    expect(importSummary(view({ lastRun: run('error') }), null)).toBe('Binance did not accept the key.');
    const live = {
      accountId: 'a',
      label: 'Binance',
      state: 'running' as const,
      step: 'Deposits',
      stepsDone: 0,
      stepsTotal: 4,
      pages: 1,
      entries: 1,
      message: null,
    };
    expect(importSummary(view(), live)).toBe('Deposits: 1 page read, 1 new entry (step 1 of 4).');
    expect(importSummary(view({ supported: false, gaps: ['Ballast cannot import Bybit history yet.'] }), null)).toBe(
      'Ballast cannot import Bybit history yet.',
    );
    expect([
      importButtonLabel(view()),
      importButtonLabel(view({ lastRun: run('done') })),
      importButtonLabel(view({ lastRun: run('paused') })),
    ]).toEqual(['Import history', 'Import new entries', 'Continue import']);
  });

  it('reads the coins and the start date typed', () => {
    expect(parseAssets(' xrp, DOT;ada  xrp ')).toEqual({ assets: ['XRP', 'DOT', 'ADA'], invalid: [] });
    expect(parseAssets('=cmd, B$TC')).toEqual({ assets: [], invalid: ['=CMD', 'B$TC'] });
    expect(sinceOf('2021-03-01')).toBe(Date.UTC(2021, 2, 1));
    expect(sinceOf('')).toBeNull();
    expect(sinceOf('2021-13-45')).toBeNull();
  });
});
