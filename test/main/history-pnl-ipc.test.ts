/**
 * What an emulated user with imported history sees over IPC: earn and staking balances in the
 * portfolio (and an unreadable earn wallet never failing the account), the net worth from the first
 * deposit with the install marker, cost basis and P&L per asset, the three returns, and the CSV
 * exports. Real services behind the real router, exchanges from the emulator.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/domain/types';
import { TRANSACTION_CSV_FIELDS } from '../../electron/services/history/export';
import { historyAccounts, testConfig } from '../emulator/fixtures';
import type { EmulatedExchangeId } from '../emulator/index';
import { startApp, type TestApp } from './support/app';
import { cleanUpAfterAll, cleanUpAfterEach } from './support/cleanup';
import { addAccounts, emulatorOptions, useEmulator } from './support/emulator';
import { realKeychain, TEST_KEYCHAIN } from './support/keychain';

const CANDLE_DAYS = 800;
const HIST = historyAccounts({ now: Date.now(), candleDays: CANDLE_DAYS });
const emu = useEmulator(() => testConfig({ candleDays: CANDLE_DAYS, history: HIST }));
cleanUpAfterEach();
cleanUpAfterAll();
const runReal = await realKeychain('history-pnl-ipc');

async function start(exchanges: EmulatedExchangeId[]): Promise<TestApp & { ids: Record<EmulatedExchangeId, string> }> {
  const app = await startApp({
    prefix: 'ballast-pnl-',
    vault: { service: TEST_KEYCHAIN },
    forgetKeys: true,
    ...emulatorOptions(emu),
    syncRetry: { attempts: 2, baseMs: 1, capMs: 2 },
    syncSleep: async () => undefined,
    historyImport: { paceScale: 0, retry: { attempts: 3, baseMs: 1, capMs: 2 }, sleep: async () => undefined },
  });
  const ids = await addAccounts(app, Object.fromEntries(exchanges.map((x) => [x, HIST[x]])));
  await app.call('sync:now', { wait: true });
  return Object.assign(app, { ids });
}

describe('the sample, before any account', () => {
  it('has no P&L or returns, and the sample chart', async () => {
    const app = await startApp({ prefix: 'ballast-pnl-sample-' });
    const pnl = await app.call('pnl:get');
    expect(pnl).toMatchObject({ sample: true, imported: false, totals: { total: 0 } });
    expect(pnl.rows.length).toBeGreaterThan(0);
    expect(pnl.rows.every((r) => r.units === 0 && r.sparkline.length > 30)).toBe(true);
    expect(await app.call('pnl:returns')).toMatchObject({ sample: true, periods: [] });
    expect(await app.call('snapshots:list', { range: '1M' })).toMatchObject({ sample: true, source: 'history' });
    expect((await app.fail('history:export', {})).code).toBe('nothing-to-export');
    expect(await app.call('history:list')).toEqual([]);
  });
});

describe.skipIf(!runReal)('with imported history', () => {
  it('counts Simple Earn and staking positions with the spot balances, tagged by wallet', async () => {
    const app = await start(['binance', 'okx']);
    for (const ex of ['binance', 'okx'] as const) {
      const stored = app.context.sync.balances.balances()[app.ids[ex]]!;
      const eth = stored.holdings.find((h) => h.asset === 'ETH')!;
      expect(eth.wallets.earn).toBeCloseTo(HIST[ex].earn!['ETH']!, 8);
      expect(eth.total).toBeCloseTo(HIST[ex].generated.balances['ETH']!, 8);
      const sol = stored.holdings.find((h) => h.asset === 'SOL')!;
      expect(sol.wallets.staking).toBeCloseTo(HIST[ex].staking!['SOL']!, 8);
      expect(stored.wallets!.map((w) => [w.wallet, w.status])).toEqual([
        ['funding', 'ok'],
        ['earn', 'ok'],
        ['staking', 'ok'],
      ]);
    }
    // an earn wallet that cannot be read leaves the account ok, the earn amounts kept and reported stale
    emu.setFault('binance', { kind: 'server-error', path: '/simple-earn/flexible' });
    await app.call('sync:now', { wait: true });
    const status = await app.call('sync:status');
    expect(status.accounts.find((a) => a.accountId === app.ids.binance)).toMatchObject({
      lastError: null,
      stale: false,
    });
    const report = app.context.sync.balances.balances()[app.ids.binance]!.wallets!.find((w) => w.wallet === 'earn')!;
    expect(report.status).toBe('stale');
    expect(report.holdings.find((h) => h.asset === 'ETH')!.total).toBeCloseTo(HIST.binance.earn!['ETH']!, 8);
    const info = await app.call('app:info');
    expect(info.notices.some((n) => n.id === `sync-wallet:${app.ids.binance}:earn:stale`)).toBe(true);
    // a refusal skips it
    emu.setFault('okx', { kind: 'forbidden', path: '/finance/staking-defi' });
    await app.call('sync:now', { wait: true });
    const okx = app.context.sync.balances.balances()[app.ids.okx]!.wallets!.find((w) => w.wallet === 'staking')!;
    expect(okx).toMatchObject({ status: 'skipped', holdings: [] });
  });

  it('shows net worth from the first deposit, P&L per asset, returns, and exports both as CSV', async () => {
    const app = await start(['binance', 'kraken']);
    const installedAt = app.context.sync.snapshots.list()[0]!.t;
    for (const ex of ['binance', 'kraken'] as const) await app.call('history:import', { accountId: app.ids[ex] });
    await app.context.history.idle();
    // USDT in a USD base is priced at par, so no import says it has no market
    for (const v of await app.call('history:list')) {
      expect(v.lastRun!.state).toBe('done');
      expect(v.lastRun!.notes.filter((n) => n.startsWith('No market'))).toEqual([]);
    }

    const all = await app.call('snapshots:list', { range: 'All' });
    expect(all).toMatchObject({ sample: false, source: 'imported', installedAt });
    const firstDay =
      Math.floor(Math.min(HIST.binance.generated.firstDepositAt, HIST.kraken.generated.firstDepositAt) / DAY_MS) *
      DAY_MS;
    expect(all.points[0]!.t).toBe(firstDay);
    expect(all.points[0]!.total).toBeGreaterThan(19_000);
    expect(all.points.at(-1)!.t).toBeGreaterThanOrEqual(installedAt);
    expect(all.points.filter((p) => p.t < installedAt).length).toBeGreaterThan(300);
    expect(all.notes?.[0]).toContain('Binance, Kraken');
    // what has no history to rebuild is named, not silently left out
    expect(all.notes?.[0]).toContain('Manual holdings and watch-only wallets have no history to import');
    // the months before install come from the history, not from today's amounts
    const year = await app.call('snapshots:list', { range: '1Y' });
    expect(year.points[0]!.t).toBeGreaterThan(Date.now() - 366 * DAY_MS);

    const pnl = await app.call('pnl:get');
    expect(pnl).toMatchObject({ sample: false, imported: true, method: 'fifo', base: 'USD' });
    const btc = pnl.rows.find((r) => r.asset === 'BTC')!;
    expect(btc.costBasis).toBeGreaterThan(0);
    expect(btc.fees).toBeGreaterThan(0);
    expect(btc.value).not.toBeNull();
    expect(btc.sparkline.length).toBeGreaterThan(80);
    expect(pnl.rows.find((r) => r.asset === 'ETH')!.income).toBeGreaterThan(0);
    const t = pnl.totals;
    expect(t.total).toBeCloseTo(t.unrealized + t.realized - t.fees + t.income, 6);
    // the BTC sent out of Binance went nowhere Ballast knows: listed, not matched
    expect(pnl.transfers.unmatched.filter((u) => u.kind === 'withdrawal').map((u) => u.asset)).toEqual(['BTC', 'BTC']);
    expect(pnl.notes.some((n) => n.startsWith('Deposits from outside count at their value on arrival'))).toBe(true);

    await app.call('settings:update', { costBasisMethod: 'average' });
    const avg = await app.call('pnl:get');
    expect(avg.method).toBe('average');
    // the methods take different units out of the lots (the BTC withdrawn too, so even the totals differ)
    expect(avg.totals.realized).not.toBeCloseTo(t.realized, 4);
    expect(avg.totals.total).toBeCloseTo(
      avg.totals.unrealized + avg.totals.realized - avg.totals.fees + avg.totals.income,
      6,
    );
    expect(avg.rows.find((r) => r.asset === 'BTC')!.units).toBeCloseTo(btc.units, 8);

    const returns = await app.call('pnl:returns');
    expect(returns.periods.map((p) => p.period)).toEqual(expect.arrayContaining(['1M', '3M', '1Y', 'All']));
    const whole = returns.periods.find((p) => p.period === 'All')!;
    expect(whole.partial).toBe(false);
    expect(whole.deposits).toBeGreaterThan(0);
    for (const p of returns.periods) {
      for (const x of [p.simple, p.twr, p.mwr]) expect(Number.isFinite(x)).toBe(true);
    }
    expect(returns.scope).toContain('Binance');

    const csv = await app.call('history:export', {});
    expect(csv.rows).toBe((await app.call('history:list')).reduce((s, v) => s + v.entries, 0));
    const rows = Papa.parse<string[]>(readFileSync(csv.path!, 'utf8')).data;
    expect(rows[0]).toEqual([...TRANSACTION_CSV_FIELDS]);
    expect(rows.length - 1).toBe(csv.rows);
    const pcsv = await app.call('pnl:export');
    expect(readFileSync(pcsv.path!, 'utf8').split('\n')[0]).toBe(
      'asset,units,cost_basis,value,unrealized,realized,fees,income,uncovered_units,method,base',
    );
  });
});
