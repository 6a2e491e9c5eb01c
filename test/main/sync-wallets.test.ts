/**
 * Wallets besides spot in the balance sync (Binance and OKX funding), with the real ccxt client
 * against the local exchange emulator and the real OS keychain (service "Ballast Test"; on Linux
 * run through scripts/with-keyring.sh). Without a keychain these tests skip locally and fail when
 * CI=true.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Notice } from '../../shared/ipc/channels/app';
import { holdingsFromBalance, mergeHoldings } from '../../shared/portfolio/holdings';
import type { SyncService } from '../../electron/services/sync';
import { EXTRA_WALLETS } from '../../electron/services/sync/wallets';
import { DEFAULT_RETRY } from '../../electron/services/sync/retry';
import type { EmulatedExchangeId, FaultKind } from '../emulator/index';
import {
  TEST_ACCOUNTS,
  TEST_BALANCES,
  TEST_FUNDING_ACCOUNTS,
  TEST_FUNDING_BALANCES,
  testConfig,
  type FundingExchangeId,
} from '../emulator/fixtures';
import { cleanUpAfterEach } from './support/cleanup';
import { amountsIn, startApp, type TestApp } from './support/app';
import { addAccounts, emulatorOptions, requestsSince as requestsOf, useEmulator } from './support/emulator';
import { realKeychain, TEST_KEYCHAIN } from './support/keychain';

const TIMEOUT_MS = 600;

const FUNDING_PATH: Record<FundingExchangeId, string> = {
  binance: '/sapi/v1/asset/get-funding-asset',
  okx: '/api/v5/asset/balances',
};
const SPOT_PATH: Record<FundingExchangeId, string> = {
  binance: '/api/v3/account',
  okx: '/api/v5/account/balance',
};

const runReal = await realKeychain('sync-wallets');
cleanUpAfterEach();
const emu = useEmulator(() => testConfig({ candleDays: 60, fundingAccounts: true }));

interface Harness extends TestApp {
  sync: SyncService;
  /** Backoff delays the engine asked for (the sleep itself is skipped). */
  sleeps: number[];
  ids: Record<EmulatedExchangeId, string>;
}

/** Binance and OKX accounts with a funding wallet, Kraken with its standard read key. */
async function start(): Promise<Harness> {
  const sleeps: number[] = [];
  const app = await startApp({
    prefix: 'ballast-wallets-',
    ...emulatorOptions(emu, { timeoutMs: TIMEOUT_MS }),
    vault: { service: TEST_KEYCHAIN },
    forgetKeys: true,
    syncSleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  const ids = await addAccounts(app, {
    binance: TEST_FUNDING_ACCOUNTS.binance,
    kraken: TEST_ACCOUNTS.kraken.read,
    okx: TEST_FUNDING_ACCOUNTS.okx,
  });
  return Object.assign(app, { sync: app.context.sync, sleeps, ids });
}

const syncNow = (h: Harness) => h.call('sync:now', { wait: true });

const requestsSince = (from: number, exchange: EmulatedExchangeId, path?: string) =>
  requestsOf(emu, from, exchange, path);

/** Amount per asset of one account in the portfolio the app shows. */
async function amountsOf(h: Harness, ex: EmulatedExchangeId): Promise<Record<string, number>> {
  return amountsIn(await h.call('portfolio:get'), h.ids[ex]);
}

/** Per-asset sum of several balance maps. */
function sum(...maps: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of maps) for (const [k, v] of Object.entries(m)) out[k] = (out[k] ?? 0) + v;
  return out;
}

function notices(h: Harness): Notice[] {
  return h.events.filter((e) => e.event === 'notice').map((e) => e.payload as Notice);
}

async function statusOf(h: Harness, ex: EmulatedExchangeId) {
  return (await h.call('sync:status')).accounts.find((a) => a.accountId === h.ids[ex])!;
}

describe('holdings of several wallets', () => {
  it('tags amounts with the wallet they were fetched from and merges wallets per asset', () => {
    const spot = holdingsFromBalance('binance', { free: { BTC: 1, ETH: 2 }, used: { ETH: 0.5 } });
    const funding = holdingsFromBalance('binance', { free: { ETH: 3 }, total: { ETH: 4, ADA: 10 } }, 'funding');
    expect(funding.map((h) => [h.asset, h.wallets])).toEqual([
      ['ADA', { funding: 10 }],
      ['ETH', { funding: 4 }],
    ]);
    const merged = mergeHoldings([spot, funding]);
    expect(merged.map((h) => h.asset)).toEqual(['ADA', 'BTC', 'ETH']);
    const eth = merged.find((h) => h.asset === 'ETH')!;
    expect(eth).toEqual({ asset: 'ETH', total: 6.5, free: 5, used: 1.5, wallets: { spot: 2.5, funding: 4 } });
    // Kraken's suffixed codes keep their own wallet whatever wallet they were fetched from
    const kraken = holdingsFromBalance('kraken', { total: { 'SOL.S': 3, SOL: 1 } }, 'funding');
    expect(kraken[0]!.wallets).toEqual({ staking: 3, funding: 1 });
  });

  it('reads the funding, earn and staking wallets of Binance and OKX only', () => {
    expect(Object.keys(EXTRA_WALLETS).sort()).toEqual(['binance', 'okx']);
    for (const ex of ['binance', 'okx']) {
      expect(EXTRA_WALLETS[ex]!.map((w) => [w.wallet, w.params?.['type'] ?? null, typeof w.read])).toEqual([
        ['funding', 'funding', 'undefined'],
        ['earn', null, 'function'],
        ['staking', null, 'function'],
      ]);
    }
  });
});

describe.skipIf(!runReal)('funding wallets against the exchange emulator', () => {
  it('adds funding balances to spot per asset, tagged per wallet, one funding request per account', async () => {
    const h = await start();
    const mark = emu.requests.length;
    const run = await syncNow(h);
    expect(run.accounts.map((a) => [a.status, a.attempt])).toEqual([
      ['ok', 1],
      ['ok', 1],
      ['ok', 1],
    ]);

    const stored = h.sync.balances.balances();
    for (const ex of ['binance', 'okx'] as const) {
      const spot = TEST_BALANCES[ex];
      const funding = TEST_FUNDING_BALANCES[ex];
      // the portfolio counts spot + funding
      const amounts = await amountsOf(h, ex);
      expect(Object.keys(amounts).sort()).toEqual(Object.keys(sum(spot, funding)).sort());
      for (const [asset, amount] of Object.entries(sum(spot, funding))) expect(amounts[asset]).toBeCloseTo(amount, 10);
      // an asset held in both wallets really is the sum of both
      expect(amounts['USDT']).toBeCloseTo(spot['USDT']! + funding['USDT']!, 10);
      // drill-down: the amount per wallet
      const mine = stored[h.ids[ex]]!;
      for (const hold of mine.holdings) {
        expect(hold.wallets.spot ?? 0).toBeCloseTo(spot[hold.asset] ?? 0, 10);
        expect(hold.wallets.funding ?? 0).toBeCloseTo(funding[hold.asset] ?? 0, 10);
      }
      expect(mine.wallets!.map((w) => [w.wallet, w.status, w.holdings])).toEqual([
        ['funding', 'ok', expect.any(Array)],
        ['earn', 'ok', []],
        ['staking', 'ok', []],
      ]);
      expect(mine.wallets![0]).toMatchObject({ wallet: 'funding', status: 'ok' });
      expect(mine.wallets![0]!.fetchedAt).toBeGreaterThanOrEqual(run.startedAt);
      expect(mine.wallets![0]!.fetchedAt).toBeLessThanOrEqual(mine.fetchedAt);
      expect(mine.wallets![0]!.issue).toBeUndefined();
      // one signed, accepted funding request; one spot request
      const fund = requestsSince(mark, ex, FUNDING_PATH[ex]);
      expect(fund.map((r) => [r.signed, r.authOk, r.status])).toEqual([[true, true, 200]]);
      expect(requestsSince(mark, ex, SPOT_PATH[ex])).toHaveLength(1);
    }
    expect(requestsSince(mark, 'binance', FUNDING_PATH.binance)[0]!.method).toBe('POST');
    // Kraken has no separate wallet to read
    expect(stored[h.ids.kraken]!.wallets).toBeUndefined();
    expect(await amountsOf(h, 'kraken')).toEqual(TEST_BALANCES.kraken);

    // an asset held only in the funding wallet is priced like any other
    const view = await h.call('portfolio:get');
    const ada = view.portfolio.positions.find((p) => p.custodyId === h.ids.binance && p.asset === 'ADA')!;
    expect(ada.price).toBeCloseTo(0.45, 10);
    expect(view.unpriced).toEqual([]);
    expect(notices(h).filter((n) => n.id.startsWith('sync-wallet:'))).toEqual([]);
    expect(h.sleeps).toEqual([]);
  });

  const TRANSIENT: [FaultKind, string][] = [
    ['server-error', 'exchange-down'],
    ['timeout', 'timeout'],
  ];

  it.each(TRANSIENT)(
    'a %s on the Binance funding endpoint only: retried under the policy, then the account is ok with its spot balances and a warning',
    async (kind, code) => {
      const h = await start();
      emu.setFault('binance', { kind, path: FUNDING_PATH.binance });
      const mark = emu.requests.length;
      const run = await syncNow(h);
      // the account retried (the funding wallet is read with the account) and ended ok
      expect(run.accounts.find((a) => a.accountId === h.ids.binance)).toMatchObject({
        status: 'ok',
        attempt: DEFAULT_RETRY.attempts,
      });
      expect(run.accounts.find((a) => a.accountId === h.ids.binance)!.error).toBeUndefined();
      const st = await statusOf(h, 'binance');
      expect(st).toMatchObject({ stale: false, lastError: null });
      expect(st.lastSuccessAt).not.toBeNull();
      // spot balances only: the funding wallet was never read
      expect(await amountsOf(h, 'binance')).toEqual(TEST_BALANCES.binance);
      const report = h.sync.balances.balances()[h.ids.binance]!.wallets![0]!;
      expect(report).toMatchObject({ wallet: 'funding', status: 'stale', fetchedAt: null, holdings: [] });
      expect(report.issue?.code).toBe(code);
      expect(report.issue?.message).toMatch(/funding wallet could not be read/);
      expect(report.issue?.message).toMatch(/spot balances were synced/);
      expect(report.issue?.message).not.toMatch(/https?:|127\.0\.0\.1/);
      // a warning notice tells the user
      const warn = notices(h).filter((n) => n.id.startsWith(`sync-wallet:${h.ids.binance}:`));
      expect(warn).toHaveLength(1);
      expect(warn[0]).toMatchObject({ level: 'warning', message: report.issue!.message });
      expect(warn[0]!.title).toContain('Binance');
      // bounded: one funding and one spot request per attempt, one backoff between attempts
      const fund = requestsSince(mark, 'binance', FUNDING_PATH.binance);
      expect(fund).toHaveLength(DEFAULT_RETRY.attempts);
      expect(fund.every((r) => r.fault === kind)).toBe(true);
      expect(requestsSince(mark, 'binance', SPOT_PATH.binance)).toHaveLength(DEFAULT_RETRY.attempts);
      expect(h.sleeps).toHaveLength(DEFAULT_RETRY.attempts - 1);
      // the other accounts are untouched, with their funding wallet read once
      expect(run.accounts.filter((a) => a.accountId !== h.ids.binance).map((a) => [a.status, a.attempt])).toEqual([
        ['ok', 1],
        ['ok', 1],
      ]);
      expect(requestsSince(mark, 'okx', FUNDING_PATH.okx)).toHaveLength(1);
    },
    30_000,
  );

  it('keeps the last good funding balances of OKX through a later failure, with their date', async () => {
    const h = await start();
    await syncNow(h);
    const first = h.sync.balances.balances()[h.ids.okx]!;
    const withFunding = sum(TEST_BALANCES.okx, TEST_FUNDING_BALANCES.okx);
    expect(Object.keys(await amountsOf(h, 'okx')).sort()).toEqual(Object.keys(withFunding).sort());

    emu.setFault('okx', { kind: 'server-error', status: 502, path: FUNDING_PATH.okx });
    const mark = emu.requests.length;
    const run = await syncNow(h);
    expect(run.accounts.find((a) => a.accountId === h.ids.okx)).toMatchObject({ status: 'ok' });
    expect((await statusOf(h, 'okx')).stale).toBe(false);
    const now = h.sync.balances.balances()[h.ids.okx]!;
    expect(now.fetchedAt).toBeGreaterThanOrEqual(first.fetchedAt);
    const report = now.wallets![0]!;
    // the funding wallet's last good read is counted, dated, and said so
    expect(report).toMatchObject({ status: 'stale', fetchedAt: first.wallets![0]!.fetchedAt });
    expect(report.holdings).toEqual(first.wallets![0]!.holdings);
    expect(report.issue?.message).toContain(new Date(first.wallets![0]!.fetchedAt!).toISOString().slice(0, 10));
    const amounts = await amountsOf(h, 'okx');
    for (const [asset, amount] of Object.entries(withFunding)) expect(amounts[asset]).toBeCloseTo(amount, 10);
    expect(requestsSince(mark, 'okx', FUNDING_PATH.okx)).toHaveLength(DEFAULT_RETRY.attempts);

    // once the wallet answers again it is read fresh
    emu.setFault('okx', null);
    const third = await syncNow(h);
    const after = h.sync.balances.balances()[h.ids.okx]!;
    expect(after.wallets![0]).toMatchObject({ status: 'ok' });
    expect(after.wallets![0]!.fetchedAt).toBeGreaterThanOrEqual(third.startedAt);
    expect(after.wallets![0]!.issue).toBeUndefined();
  }, 30_000);

  // Binance answers -2015 "Invalid API-key, IP, or permissions for action" (HTTP 401); after the
  // key's first successful call ccxt reports it as a rate limit, for a wallet it is a refusal.
  const REFUSED: [FundingExchangeId, FaultKind, string][] = [
    ['binance', 'unauthorized', 'permission'],
    ['binance', 'forbidden', 'permission'],
    ['okx', 'unauthorized', 'auth'],
    ['okx', 'forbidden', 'permission'],
  ];

  it.each(REFUSED)(
    '%s: a %s answer on the funding endpoint only skips that wallet without a retry; the account is ok',
    async (ex, kind, code) => {
      const h = await start();
      emu.setFault(ex, { kind, path: FUNDING_PATH[ex] });
      const mark = emu.requests.length;
      const run = await syncNow(h);
      expect(run.accounts.find((a) => a.accountId === h.ids[ex])).toMatchObject({ status: 'ok', attempt: 1 });
      expect(await statusOf(h, ex)).toMatchObject({ stale: false, lastError: null });
      expect(await amountsOf(h, ex)).toEqual(TEST_BALANCES[ex]);
      const report = h.sync.balances.balances()[h.ids[ex]]!.wallets![0]!;
      expect(report).toMatchObject({ wallet: 'funding', status: 'skipped', fetchedAt: null, holdings: [] });
      expect(report.issue?.code).toBe(code);
      expect(report.issue?.message).toMatch(/not included/);
      const info = notices(h).filter((n) => n.id.startsWith(`sync-wallet:${h.ids[ex]}:`));
      expect(info.map((n) => n.level)).toEqual(['info']);
      // not retried: one funding request, one spot request, no backoff
      expect(requestsSince(mark, ex, FUNDING_PATH[ex]).map((r) => r.fault)).toEqual([kind]);
      expect(requestsSince(mark, ex, SPOT_PATH[ex])).toHaveLength(1);
      expect(h.sleeps).toEqual([]);
      // the key is not treated as wrong: its account stays active with its verified permission
      expect(h.services.context.accounts.get(h.ids[ex])).toMatchObject({ status: 'active' });
    },
    30_000,
  );

  it('a single transient funding failure is retried and the wallet is read on the next attempt', async () => {
    const h = await start();
    emu.setFault('okx', { kind: 'server-error', status: 503, times: 1, path: FUNDING_PATH.okx });
    const run = await syncNow(h);
    expect(run.accounts.find((a) => a.accountId === h.ids.okx)).toMatchObject({ status: 'ok', attempt: 2 });
    const mine = h.sync.balances.balances()[h.ids.okx]!;
    expect(mine.wallets![0]).toMatchObject({ status: 'ok' });
    const amounts = await amountsOf(h, 'okx');
    expect(amounts['ETH']).toBeCloseTo(TEST_FUNDING_BALANCES.okx['ETH']!, 10);
    expect(h.sleeps).toHaveLength(1);
    expect(notices(h).filter((n) => n.id.startsWith('sync-wallet:'))).toEqual([]);
  }, 30_000);
});

describe('emulated Binance funding endpoint', () => {
  const url = () => `${emu.urlsFor('binance')['sapi']}/asset/get-funding-asset`;
  const key = TEST_FUNDING_ACCOUNTS.binance;

  async function post(body: string, secret = key.secret): Promise<{ status: number; json: unknown }> {
    const signature = createHmac('sha256', secret).update(body).digest('hex');
    const r = await fetch(url(), {
      method: 'POST',
      headers: { 'X-MBX-APIKEY': key.apiKey, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `${body}&signature=${signature}`,
    });
    return { status: r.status, json: await r.json() };
  }

  it('answers a correctly signed POST in Binance format and rejects a wrong signature', async () => {
    const good = await post(`timestamp=${Date.now()}`);
    expect(good.status).toBe(200);
    const rows = good.json as { asset: string; free: string; locked: string; freeze: string; withdrawing: string }[];
    expect(Object.fromEntries(rows.map((r) => [r.asset, Number(r.free)]))).toEqual(TEST_FUNDING_BALANCES.binance);
    for (const r of rows) expect([r.locked, r.freeze, r.withdrawing]).toEqual(['0', '0', '0']);
    const one = await post(`asset=ETH&timestamp=${Date.now()}`);
    expect((one.json as { asset: string }[]).map((r) => r.asset)).toEqual(['ETH']);
    const bad = await post(`timestamp=${Date.now()}`, 'not-the-secret');
    expect(bad).toEqual({ status: 400, json: { code: -1022, msg: 'Signature for this request is not valid.' } });
    // a standard test key has an empty funding wallet
    const plain = TEST_ACCOUNTS.binance.read;
    const body = `timestamp=${Date.now()}`;
    const r = await fetch(url(), {
      method: 'POST',
      headers: { 'X-MBX-APIKEY': plain.apiKey, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `${body}&signature=${createHmac('sha256', plain.secret).update(body).digest('hex')}`,
    });
    expect(await r.json()).toEqual([]);
  });
});
