/**
 * Account-history imports against the exchange emulator, through the real services and router: each
 * exchange's endpoints in their real paged formats, the markets searched, reconciliation with the
 * synced balances, every call in the activity log, progress events, faults (429 with Retry-After, a
 * page failing once, an empty page in the middle), cancel and resume, pause on a long wait, and
 * incremental imports. Waits go through an injected sleep (recorded, never real).
 */
import { describe, expect, it } from 'vitest';
import type { AccountHistoryView, HistoryProgress } from '../../shared/ipc/channels/history';
import type { PortfolioChange } from '../../shared/ipc/channels/portfolio';
import { finalAmounts } from '../../shared/history/changes';
import { historyAccounts, testConfig } from '../emulator/fixtures';
import type { EmulatedExchangeId } from '../emulator/index';
import { startApp, type TestApp } from './support/app';
import { cleanUpAfterAll, cleanUpAfterEach } from './support/cleanup';
import { addAccounts, emulatorOptions, requestsSince, useEmulator } from './support/emulator';
import { realKeychain, TEST_KEYCHAIN } from './support/keychain';
import { MAX_RETRY_AFTER_MS } from '../../electron/services/net/retry-after';

const CANDLE_DAYS = 800;
const HIST = historyAccounts({ now: Date.now(), candleDays: CANDLE_DAYS });
const emu = useEmulator(() => testConfig({ candleDays: CANDLE_DAYS, history: HIST }));
cleanUpAfterEach();
cleanUpAfterAll();
const runReal = await realKeychain('history-import');

/** Called with every `history:progress` event of the apps started here (a test sets it). */
let onProgress: ((p: HistoryProgress) => void) | null = null;

interface Harness extends TestApp {
  ids: Record<EmulatedExchangeId, string>;
  sleeps: number[];
  /** Moves the app's clock on (the exchange gate's pauses end by it). */
  advance(ms: number): void;
}

async function start(opts: { pageSize?: number; exchanges?: EmulatedExchangeId[] } = {}): Promise<Harness> {
  const sleeps: number[] = [];
  // the app's clock moves with every wait it sleeps, so the exchange gate's pauses end as they would
  let skew = 0;
  const app = await startApp({
    now: () => Date.now() + skew,
    prefix: 'ballast-history-',
    vault: { service: TEST_KEYCHAIN },
    forgetKeys: true,
    ...emulatorOptions(emu),
    syncRetry: { attempts: 2, baseMs: 1, capMs: 2 },
    syncSleep: async () => undefined,
    emit: (event, payload) => {
      if (event === 'history:progress') onProgress?.(payload as HistoryProgress);
    },
    historyImport: {
      paceScale: 0,
      retry: { attempts: 4, baseMs: 1, capMs: 4 },
      sleep: async (ms) => {
        sleeps.push(ms);
        skew += ms;
      },
      ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
    },
  });
  const keys = Object.fromEntries((opts.exchanges ?? ['binance', 'kraken', 'okx']).map((x) => [x, HIST[x]]));
  const ids = await addAccounts(app, keys);
  await app.call('sync:now', { wait: true });
  return Object.assign(app, { ids, sleeps, advance: (ms: number) => void (skew += ms) });
}

async function importAll(
  h: Harness,
  ex: EmulatedExchangeId,
  extra: { since?: number; extraAssets?: string[] } = {},
): Promise<AccountHistoryView> {
  await h.call('history:import', { accountId: h.ids[ex], ...extra });
  await h.context.history.idle();
  return (await h.call('history:list')).find((v) => v.accountId === h.ids[ex])!;
}

const progress = (h: Harness, accountId: string) =>
  h.events
    .filter((e) => e.event === 'history:progress')
    .map((e) => e.payload as HistoryProgress)
    .filter((p) => p.accountId === accountId);

/** The import states and portfolio-change reasons pushed by an app, in the order they went out. */
const timeline = (h: Harness) =>
  h.events.flatMap((e) =>
    e.event === 'history:progress'
      ? [(e.payload as HistoryProgress).state]
      : e.event === 'portfolio:changed'
        ? [`changed:${(e.payload as PortfolioChange).reason}`]
        : [],
  );

const counts = (ex: EmulatedExchangeId) => {
  const g = HIST[ex].generated.history;
  return {
    trade: (g.trades?.length ?? 0) + (g.conversions?.length ?? 0),
    deposit: g.deposits?.length ?? 0,
    withdrawal: g.withdrawals?.length ?? 0,
    income: g.rewards?.length ?? 0,
  };
};

describe.skipIf(!runReal)('history import against the exchange emulator', () => {
  it('Binance: deposits, withdrawals, rewards, conversions, then trades of the markets found; reconciles exactly', async () => {
    const h = await start({ exchanges: ['binance'] });
    const mark = emu.requests.length;
    const v = await importAll(h, 'binance');
    expect(v.lastRun).toMatchObject({ state: 'done', error: null });
    expect(v.lastRun!.steps.slice(0, 4).map((s) => [s.key, s.state])).toEqual([
      ['deposits', 'done'],
      ['withdrawals', 'done'],
      ['rewards', 'done'],
      ['conversions', 'done'],
    ]);
    // held, deposited, earned and converted assets against their own and the common quotes
    expect(v.marketsSearched).toEqual(['ADA/USDT', 'BTC/USDT', 'ETH/BTC', 'ETH/USDT', 'SOL/USDT']);
    expect(v.lastRun!.steps.filter((s) => s.key.startsWith('trades:')).map((s) => s.label)).toEqual(
      v.marketsSearched.map((m) => `Trades ${m}`),
    );
    expect(v.counts).toMatchObject(counts('binance'));
    // what the history adds up to is what the exchange reports, every wallet included
    expect(v.reconciliation.length).toBeGreaterThan(0);
    expect(v.reconciliation.filter((r) => r.status !== 'match')).toEqual([]);
    const entries = await h.context.history.store.entries(h.ids.binance);
    for (const [asset, amount] of Object.entries(HIST.binance.generated.balances)) {
      expect(finalAmounts(entries)[asset]).toBeCloseTo(amount, 6);
    }
    // every history call is in the activity log under the account
    const seen = requestsSince(emu, mark, 'binance').filter((r) => r.signed);
    expect(seen.length).toBeGreaterThan(5);
    await h.context.activity.flush();
    const logged = h.context.activity.query({ accountId: h.ids.binance, kind: 'api-call', since: 0 }).entries;
    for (const path of [
      '/sapi/v1/capital/deposit/hisrec',
      '/sapi/v1/capital/withdraw/history',
      '/sapi/v1/asset/assetDividend',
      '/sapi/v1/convert/tradeFlow',
      '/api/v3/myTrades',
    ]) {
      expect(logged.filter((e) => e.endpoint?.endsWith(path)).length, path).toBe(
        seen.filter((r) => r.path === path).length,
      );
    }
    // progress: queued, running step by step, done
    const p = progress(h, h.ids.binance);
    expect(p[0]!.state).toBe('queued');
    expect(p.at(-1)).toMatchObject({
      state: 'done',
      stepsDone: v.lastRun!.steps.length,
      stepsTotal: v.lastRun!.steps.length,
    });
    expect(p.some((x) => x.step === 'Trades BTC/USDT')).toBe(true);
    expect(h.sleeps).toEqual([]);
    // the import that ended raised the portfolio revision once, right after its last progress event
    const t = timeline(h);
    expect(t.filter((x) => x === 'changed:account-history')).toHaveLength(1);
    expect(t[t.indexOf('done') + 1]).toBe('changed:account-history');
  });

  it('pages through every endpoint with small pages and finds the same entries', async () => {
    const big = await start({ exchanges: ['binance', 'okx'] });
    const small = await start({ exchanges: ['binance', 'okx'], pageSize: 7 });
    for (const ex of ['binance', 'okx'] as const) {
      const a = await importAll(big, ex);
      const b = await importAll(small, ex);
      expect(b.counts, ex).toEqual(a.counts);
      expect(b.lastRun!.pages).toBeGreaterThan(a.lastRun!.pages);
      const ids = async (h: Harness) => (await h.context.history.store.entries(h.ids[ex])).map((e) => e.id).sort();
      expect(await ids(small)).toEqual(await ids(big));
    }
  });

  it('Kraken: trades from TradesHistory, the rest from the ledger (trade legs and moves between its wallets left out)', async () => {
    const h = await start({ exchanges: ['kraken'] });
    const v = await importAll(h, 'kraken');
    expect(v.lastRun).toMatchObject({ state: 'done' });
    expect(v.lastRun!.steps.map((s) => [s.endpoint, s.state])).toEqual([
      ['POST /0/private/Ledgers', 'done'],
      ['POST /0/private/TradesHistory', 'done'],
    ]);
    expect(v.counts).toMatchObject({ ...counts('kraken'), adjustment: 0 });
    expect(v.reconciliation.filter((r) => r.status !== 'match')).toEqual([]);
    expect(v.lastRun!.pages).toBeGreaterThan(4);
  });

  it('OKX: the last 3 months of fills only, so older trades leave an unexplained difference, said in words', async () => {
    const h = await start({ exchanges: ['okx'] });
    const v = await importAll(h, 'okx');
    expect(v.lastRun).toMatchObject({ state: 'done' });
    const all = HIST.okx.generated.history.trades!;
    const recent = all.filter((t) => t.t >= Date.now() - 89 * 86_400_000).length;
    expect(v.counts.trade).toBeGreaterThanOrEqual(recent);
    expect(v.counts.trade).toBeLessThan(all.length);
    expect(v.counts).toMatchObject({ deposit: 2, withdrawal: 1, income: counts('okx').income });
    const gaps = v.reconciliation.filter((r) => r.status !== 'match');
    expect(gaps.length).toBeGreaterThan(0);
    for (const g of gaps) expect(g.message).toContain('OKX serves trades of the last 3 months only.');
    expect(v.gaps[0]).toMatch(/last 3 months/);
  });

  it('honours a 429 with Retry-After, tries a failing page again, and reads past an empty page in the middle', async () => {
    const h = await start({ exchanges: ['binance', 'kraken'] });
    emu.setFault('binance', { kind: 'rate-limit', path: '/api/v3/myTrades', times: 1, retryAfter: '7' });
    const b = await importAll(h, 'binance');
    expect(b.lastRun).toMatchObject({ state: 'done' });
    // the wait runs to the time the exchange gave (7 s from its answer, as the exchange gate records it)
    expect(h.sleeps.filter((ms) => ms > 6000 && ms <= 7000)).toHaveLength(1);
    expect(b.reconciliation.filter((r) => r.status !== 'match')).toEqual([]);

    emu.setFault('kraken', { kind: 'server-error', path: '/0/private/Ledgers', times: 1 });
    const once = await importAll(h, 'kraken');
    expect(once.lastRun).toMatchObject({ state: 'done' });

    const fresh = await start({ exchanges: ['kraken'] });
    const mark = emu.requests.length;
    // a page of the ledger comes back empty once: Kraken's count says more are left
    emu.setFault('kraken', { kind: 'empty-page', path: '/0/private/Ledgers', times: 1 });
    const k = await importAll(fresh, 'kraken');
    expect(k.lastRun).toMatchObject({ state: 'done' });
    expect(requestsSince(emu, mark, 'kraken', '/0/private/Ledgers').some((r) => r.fault === 'empty-page')).toBe(true);
    expect(k.counts).toMatchObject(counts('kraken'));
    expect(k.reconciliation.filter((r) => r.status !== 'match')).toEqual([]);
  });

  it('pauses on a long wait the exchange asks for, and goes on from the same page afterwards', async () => {
    const h = await start({ exchanges: ['binance'] });
    const before = emu.requests.length;
    emu.setFault('binance', { kind: 'rate-limit', path: '/sapi/v1/capital/withdraw/history', retryAfter: '900' });
    const paused = await importAll(h, 'binance');
    expect(paused.lastRun).toMatchObject({ state: 'paused', error: { code: 'rate-limit' } });
    // the exchange asked for 15 minutes; Ballast waits at most MAX_RETRY_AFTER_MS (10) for any answer
    expect(paused.lastRun!.resumeAfter! - Date.now()).toBeGreaterThan(MAX_RETRY_AFTER_MS - 60_000);
    expect(paused.lastRun!.steps.map((s) => s.state).slice(0, 2)).toEqual(['done', 'pending']);
    // one refused call, then no more calls until the wait is over
    expect(requestsSince(emu, before, 'binance', '/sapi/v1/capital/withdraw/history').map((r) => r.status)).toEqual([
      429,
    ]);
    emu.setFault('binance', null);
    h.advance(MAX_RETRY_AFTER_MS);
    const mark = emu.requests.length;
    const done = await importAll(h, 'binance');
    expect(done.lastRun).toMatchObject({ state: 'done' });
    expect(done.counts).toMatchObject(counts('binance'));
    // the deposits step finished before the pause and starts again only a few days back
    const deposits = requestsSince(emu, mark, 'binance', '/sapi/v1/capital/deposit/hisrec');
    expect(deposits.length).toBe(1);
  });

  it('cancels after the page in flight and resumes from the stored cursors without counting anything twice', async () => {
    const h = await start({ exchanges: ['kraken'] });
    const id = h.ids.kraken;
    let cancelled = false;
    onProgress = (p) => {
      if (!cancelled && p.accountId === id && p.pages >= 2) cancelled = h.context.history.cancel(id);
    };
    const first = await importAll(h, 'kraken');
    onProgress = null;
    expect(first.lastRun).toMatchObject({ state: 'cancelled' });
    // what a cancelled import read is kept, so views reload for it too
    const t = timeline(h);
    expect(t.filter((x) => x === 'changed:account-history')).toHaveLength(1);
    expect(t[t.indexOf('cancelled') + 1]).toBe('changed:account-history');
    const partial = first.entries;
    expect(partial).toBeGreaterThan(0);
    const mark = emu.requests.length;
    const second = await importAll(h, 'kraken');
    expect(second.lastRun).toMatchObject({ state: 'done' });
    expect(second.counts).toMatchObject(counts('kraken'));
    // the ledger's first pages were not asked for again
    const ofs = requestsSince(emu, mark, 'kraken', '/0/private/Ledgers').length;
    expect(ofs).toBeLessThan(second.lastRun!.pages);
  });

  it('an incremental import reads only the last days again and adds nothing twice', async () => {
    const h = await start({ exchanges: ['okx'] });
    const first = await importAll(h, 'okx');
    const mark = emu.requests.length;
    const again = await importAll(h, 'okx');
    expect(again.entries).toBe(first.entries);
    expect(again.lastRun!.pages).toBeLessThanOrEqual(again.lastRun!.steps.length + 1);
    expect(requestsSince(emu, mark, 'okx').filter((r) => r.path.startsWith('/api/v5/trade/fills-history')).length).toBe(
      1,
    );
  });

  it('refuses unknown and revoked accounts and an unsupported exchange with plain errors', async () => {
    const h = await start({ exchanges: ['okx'] });
    expect((await h.fail('history:import', { accountId: 'no-such-account' })).code).toBe('not-found');
    expect((await h.fail('history:import', { accountId: h.ids.okx, since: 5 })).code).toBe('bad-request');
    expect((await h.fail('history:import', { accountId: h.ids.okx, extraAssets: ['=HYPERLINK()'] })).code).toBe(
      'bad-request',
    );
    await h.call('accounts:revoke', { id: h.ids.okx });
    expect((await h.fail('history:import', { accountId: h.ids.okx })).code).toBe('account-revoked');
  });
});
