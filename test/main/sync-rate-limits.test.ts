/**
 * Honest rate limiting: the real services and ccxt clients against the exchange emulator, on a test
 * clock that the sync's waits move forward (nothing waits for real).
 *
 * - A 429 with `Retry-After: 30` is waited out exactly (30 s) once, then the sync goes on.
 * - A long Retry-After or Binance's 418 IP ban is never retried: the account goes stale saying until
 *   when, and the exchange is paused for every client of the app (sync, key checks, price history)
 *   until then — a call before that fails at once without touching the network — even after a
 *   restart. sync:status lists the pause.
 */
import { describe, expect, it } from 'vitest';
import { createExchangeClient } from '../../electron/services/exchange';
import type { EmulatedExchangeId } from '../emulator/index';
import { TEST_BALANCES, testConfig } from '../emulator/fixtures';
import { amountsIn, startApp, type TestApp } from './support/app';
import { cleanUpAfterEach, tempDir } from './support/cleanup';
import { fixedClock, sleeperOn, type ClockSleeper, type TestClock } from './support/clock';
import { addAccounts, emulatorOptions, requestsSince, useEmulator } from './support/emulator';
import { READ_KEYS } from './support/keys';
import { memoryKeytar } from './support/keychain';

const ACCOUNT = '/api/v3/account';

cleanUpAfterEach();
const emu = useEmulator(() => testConfig({ candleDays: 30 }));
const keytar = memoryKeytar();

interface Harness {
  app: TestApp;
  clock: TestClock;
  sleeper: ClockSleeper;
  ids: Record<EmulatedExchangeId, string>;
}

async function start(opts: { dataDir?: string; clock?: TestClock; keys?: boolean } = {}): Promise<Harness> {
  const clock = opts.clock ?? fixedClock(Date.now());
  const sleeper = sleeperOn(clock);
  const app = await startApp({
    prefix: 'ballast-ratelimit-',
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...emulatorOptions(emu, { timeoutMs: 3_000 }),
    vault: { service: 'Ballast Rate Limits', keytar },
    now: clock.now,
    syncSleep: sleeper.sleep,
  });
  const ids =
    opts.keys === false
      ? (Object.fromEntries(app.context.accounts.list().map((a) => [a.exchange, a.id])) as Record<
          EmulatedExchangeId,
          string
        >)
      : await addAccounts(app, READ_KEYS);
  return { app, clock, sleeper, ids };
}

const syncNow = (h: Harness) => h.app.call('sync:now', { wait: true });
const binanceOf = (h: Harness, run: Awaited<ReturnType<typeof syncNow>>) =>
  run.accounts.find((a) => a.accountId === h.ids.binance)!;

describe('Retry-After', () => {
  it('waits out a 429 with Retry-After: 30 exactly once, then syncs', async () => {
    const h = await start();
    emu.setFault('binance', { kind: 'rate-limit', path: ACCOUNT, times: 1 });
    const mark = emu.requests.length;
    const run = await syncNow(h);
    expect(binanceOf(h, run)).toMatchObject({ status: 'ok', attempt: 2 });
    expect(h.sleeper.waits).toEqual([30_000]);
    const account = requestsSince(emu, mark, 'binance', ACCOUNT);
    expect(account.map((r) => r.status)).toEqual([429, 200]);
    expect(amountsIn(await h.app.call('portfolio:get'), h.ids.binance)).toEqual(TEST_BALANCES.binance);
  });

  it('does not retry a long Retry-After: the account says until when, and Binance is paused', async () => {
    const h = await start();
    await syncNow(h);
    emu.setFault('binance', { kind: 'rate-limit', path: ACCOUNT, retryAfter: '600' });
    const mark = emu.requests.length;
    const run = await syncNow(h);
    const binance = binanceOf(h, run);
    expect(binance).toMatchObject({ status: 'error', attempt: 1, error: { code: 'rate-limit' } });
    expect(binance.error!.message).toMatch(/^Binance asked Ballast to wait until \d\d:\d\d/);
    expect(requestsSince(emu, mark, 'binance', ACCOUNT)).toHaveLength(1);
    expect(h.sleeper.waits).toEqual([]);
    // the other exchanges are not held back
    expect(run.accounts.filter((a) => a.status === 'ok')).toHaveLength(2);

    const status = await h.app.call('sync:status');
    expect(status.pauses).toEqual([
      { exchange: 'binance', name: 'Binance', until: h.clock.now() + 600_000, reason: 'rate-limit' },
    ]);
    expect(status.accounts.find((a) => a.accountId === h.ids.binance)).toMatchObject({
      stale: true,
      lastError: { code: 'rate-limit' },
    });

    // a manual sync before then makes no call to Binance at all
    emu.setFault('binance', null);
    const before = emu.requests.length;
    const again = await syncNow(h);
    expect(binanceOf(h, again)).toMatchObject({ status: 'error', error: { code: 'rate-limit' } });
    expect(requestsSince(emu, before, 'binance')).toEqual([]);
    // nor does a key check
    const check = await h.app.fail('accounts:reverify', { id: h.ids.binance });
    expect(check.code).toBe('rate-limit');
    expect(requestsSince(emu, before, 'binance')).toEqual([]);

    // once the time has come, it syncs again
    h.clock.advance(600_001);
    const later = await syncNow(h);
    expect(binanceOf(h, later).status).toBe('ok');
    expect((await h.app.call('sync:status')).pauses).toEqual([]);
  });
});

describe('IP ban (Binance 418)', () => {
  it('is never retried, pauses every Binance client, and survives a restart', async () => {
    const dataDir = tempDir('ballast-ratelimit-ban-');
    const clock = fixedClock(Date.now());
    const h = await start({ dataDir, clock });
    await syncNow(h);
    await h.app.context.sync.historyIdle();
    emu.setFault('binance', { kind: 'ip-ban', path: ACCOUNT, retryAfter: '300' });
    const mark = emu.requests.length;
    const run = await syncNow(h);
    const binance = binanceOf(h, run);
    expect(binance).toMatchObject({ status: 'error', attempt: 1, error: { code: 'rate-limit' } });
    expect(binance.error!.message).toMatch(/Binance has blocked this computer's IP address/);
    expect(requestsSince(emu, mark, 'binance', ACCOUNT).map((r) => r.status)).toEqual([418]);
    expect(h.sleeper.waits).toEqual([]);
    const pause = (await h.app.call('sync:status')).pauses[0]!;
    expect(pause).toMatchObject({ exchange: 'binance', reason: 'ban' });
    expect(pause.until).toBeGreaterThanOrEqual(clock.now() + 300_000);
    // the last good balances are kept
    expect(amountsIn(await h.app.call('portfolio:get'), h.ids.binance)).toEqual(TEST_BALANCES.binance);

    // keyless clients (price history) do not call Binance either
    emu.setFault('binance', null);
    const beforeHistory = emu.requests.length;
    const publicClient = await createExchangeClient('binance', null, h.app.context.exchangeOptions('binance'));
    await expect(publicClient.fetchTicker('BTC/USDT')).rejects.toMatchObject({ code: 'rate-limit' });
    expect(requestsSince(emu, beforeHistory, 'binance')).toEqual([]);

    // a restart on the same data folder still waits
    await h.app.stop();
    const restarted = await start({ dataDir, clock, keys: false });
    expect((await restarted.app.call('sync:status')).pauses).toMatchObject([{ exchange: 'binance', reason: 'ban' }]);
    const beforeRestart = emu.requests.length;
    const afterRestart = await syncNow(restarted);
    expect(binanceOf(restarted, afterRestart)).toMatchObject({ status: 'error', error: { code: 'rate-limit' } });
    expect(requestsSince(emu, beforeRestart, 'binance')).toEqual([]);
    clock.advance(pause.until - clock.now() + 1);
    expect(binanceOf(restarted, await syncNow(restarted)).status).toBe('ok');
  });

  it('reads the end of the ban from Binance\'s "IP banned until" answer when it has no Retry-After', async () => {
    const h = await start();
    emu.setFault('binance', { kind: 'ip-ban', path: ACCOUNT, retryAfter: '' });
    const run = await syncNow(h);
    expect(binanceOf(h, run)).toMatchObject({ status: 'error', attempt: 1, error: { code: 'rate-limit' } });
    // the emulator bans for 120 s by default, stated in the body only
    const pause = (await h.app.call('sync:status')).pauses[0]!;
    expect(pause.reason).toBe('ban');
    expect(pause.until).toBeGreaterThan(Date.now() + 100_000);
  });
});
