/**
 * A 2xx answer that is not a balance never wipes balances: the real services and ccxt clients
 * against the exchange emulator (Binance, Kraken, OKX), with answers that are empty, `null`, HTML,
 * `{}`, `[]`, or a valid balance in which every amount is zero.
 *
 * - An unreadable or malformed balance answer leaves the account stale with `bad-response`, its last
 *   good balances kept, and any snapshot written in that run values them as before.
 * - An account whose every balance reads as zero is held for confirmation: last balances kept, no
 *   snapshot from it, a plain question in its sync state; confirming (sync:confirmEmpty) accepts the
 *   empty balance and the next snapshot uses it.
 */
import { describe, expect, it } from 'vitest';
import type { EmulatedExchangeId, FaultKind } from '../emulator/index';
import { TEST_BALANCES, testConfig } from '../emulator/fixtures';
import { amountsIn, startApp, type TestApp } from './support/app';
import { cleanUpAfterEach } from './support/cleanup';
import { addAccounts, emulatorOptions, requestsSince, useEmulator } from './support/emulator';
import { READ_KEYS } from './support/keys';
import { memoryKeytar } from './support/keychain';

const EXCHANGES: readonly EmulatedExchangeId[] = ['binance', 'kraken', 'okx'];
const BALANCE_PATH: Record<EmulatedExchangeId, string> = {
  binance: '/api/v3/account',
  kraken: '/0/private/BalanceEx',
  okx: '/api/v5/account/balance',
};
const NAME: Record<EmulatedExchangeId, string> = { binance: 'Binance', kraken: 'Kraken', okx: 'OKX' };
const LABEL: Record<EmulatedExchangeId, string> = { binance: 'Binance', kraken: 'Kraken', okx: 'Okx' };

cleanUpAfterEach();
const emu = useEmulator(() => testConfig({ candleDays: 30 }));

async function start(): Promise<{ app: TestApp; ids: Record<EmulatedExchangeId, string> }> {
  const app = await startApp({
    prefix: 'ballast-guard-',
    ...emulatorOptions(emu, { timeoutMs: 3_000 }),
    vault: { service: 'Ballast Guard', keytar: memoryKeytar() },
    syncRetry: { attempts: 3, baseMs: 1, capMs: 2 },
    syncSleep: () => new Promise((r) => setImmediate(r)),
  });
  const ids = await addAccounts(app, READ_KEYS);
  return { app, ids };
}

const syncNow = (app: TestApp) => app.call('sync:now', { wait: true });
const snapshotTotals = (app: TestApp) => app.context.sync.snapshots.list().map((s) => s.total);

const UNREADABLE: FaultKind[] = ['empty-body', 'null-body', 'html-body', 'empty-object', 'empty-array'];

describe('a 2xx answer that is not a balance', () => {
  for (const ex of EXCHANGES) {
    it.each(UNREADABLE)(`${ex}: a %s balance answer keeps the last balances and is bad-response`, async (kind) => {
      const { app, ids } = await start();
      await syncNow(app);
      await app.context.sync.historyIdle();
      const [firstTotal] = snapshotTotals(app);
      emu.setFault(ex, { kind, path: BALANCE_PATH[ex] });
      const mark = emu.requests.length;
      const run = await syncNow(app);

      const mine = run.accounts.find((a) => a.accountId === ids[ex])!;
      expect(mine).toMatchObject({ status: 'error', error: { code: 'bad-response' } });
      expect(mine.error!.message).toContain(NAME[ex]);
      // an unreadable answer is worth retrying, within the policy
      expect(requestsSince(emu, mark, ex, BALANCE_PATH[ex]).length).toBe(3);
      const status = await app.call('sync:status');
      expect(status.accounts.find((a) => a.accountId === ids[ex])).toMatchObject({
        stale: true,
        lastError: { code: 'bad-response' },
      });
      expect(amountsIn(await app.call('portfolio:get'), ids[ex])).toEqual(TEST_BALANCES[ex]);
      // the other accounts synced, so a snapshot was written: with this account's last balances
      const totals = snapshotTotals(app);
      expect(totals).toHaveLength(2);
      expect(totals[1]).toBeCloseTo(firstTotal!, 6);
    });
  }
});

describe('every balance of an account reads as zero', () => {
  it('keeps the last balances, writes no snapshot from it and asks for confirmation', async () => {
    const { app, ids } = await start();
    await syncNow(app);
    await app.context.sync.historyIdle();
    const before = snapshotTotals(app);
    for (const ex of EXCHANGES) emu.setFault(ex, { kind: 'zero-balances' });
    const run = await syncNow(app);
    expect(run.accounts.map((a) => a.status)).toEqual(['confirm', 'confirm', 'confirm']);

    const status = await app.call('sync:status');
    for (const ex of EXCHANGES) {
      const a = status.accounts.find((x) => x.accountId === ids[ex])!;
      expect(a.needsConfirmation?.message).toBe(
        `Every balance of ${LABEL[ex]} read as zero. If you emptied the account, confirm it; otherwise Ballast keeps the last balances.`,
      );
      expect(a.stale).toBe(true);
      expect(amountsIn(await app.call('portfolio:get'), ids[ex])).toEqual(TEST_BALANCES[ex]);
    }
    // no account gave a usable balance: no snapshot at all
    expect(snapshotTotals(app)).toEqual(before);
  });

  it('accepts the empty balance once confirmed, and the next snapshot uses it', async () => {
    const { app, ids } = await start();
    await syncNow(app);
    await app.context.sync.historyIdle();
    emu.setFault('okx', { kind: 'zero-balances' });
    await syncNow(app);
    // the snapshot of that run still counts OKX's last balances
    const [first, second] = snapshotTotals(app);
    expect(second).toBeCloseTo(first!, 6);

    const err = await app.fail('sync:confirmEmpty', { accountId: ids.binance });
    expect(err.code).toBe('not-found');
    const confirmed = await app.call('sync:confirmEmpty', { accountId: ids.okx });
    expect(confirmed.accounts.find((a) => a.accountId === ids.okx)).toMatchObject({
      stale: false,
      lastError: null,
      needsConfirmation: null,
    });
    expect(amountsIn(await app.call('portfolio:get'), ids.okx)).toEqual({});

    await syncNow(app);
    const totals = snapshotTotals(app);
    expect(totals).toHaveLength(3);
    expect(totals[2]!).toBeLessThan(first! - 1);
  });

  it('clears the question by itself when a later sync reads balances again', async () => {
    const { app, ids } = await start();
    await syncNow(app);
    emu.setFault('kraken', { kind: 'zero-balances', path: BALANCE_PATH.kraken, times: 1 });
    await syncNow(app);
    expect(
      (await app.call('sync:status')).accounts.find((a) => a.accountId === ids.kraken)?.needsConfirmation,
    ).not.toBeNull();
    const run = await syncNow(app);
    expect(run.accounts.find((a) => a.accountId === ids.kraken)?.status).toBe('ok');
    const kraken = (await app.call('sync:status')).accounts.find((a) => a.accountId === ids.kraken)!;
    expect(kraken.needsConfirmation ?? null).toBeNull();
    expect(kraken.stale).toBe(false);
    expect(amountsIn(await app.call('portfolio:get'), ids.kraken)).toEqual(TEST_BALANCES.kraken);
  });
});
