/**
 * The balance store (electron/services/sync/balance-store.ts): a sync round's outcome (balances,
 * prices, account states, run summary) reaches balances.json in one atomic write, so a crash can never
 * leave parts of two rounds; forgetting an account is one write too. test/main/sync-kill.test.ts
 * checks the same end to end, by killing a syncing process.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BalanceStore, type BalancesFile } from '../../electron/services/sync/balance-store';
import { createConfStore, type StoreFactory } from '../../electron/services/store';
import type { SyncRunSummary } from '../../shared/ipc/channels/sync';
import { cleanUpAfterEach, tempDir } from './support/cleanup';

cleanUpAfterEach();

/** The conf store factory, counting the writes of the stores it makes. */
function countingFactory(): { factory: StoreFactory; writes: () => number } {
  let writes = 0;
  const factory: StoreFactory = (opts) => {
    const made = createConfStore(opts);
    const store = new Proxy(made.store, {
      get(target, key) {
        const value = Reflect.get(target, key) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (key === 'set') writes++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    return { store, recovered: made.recovered };
  };
  return { factory, writes: () => writes };
}

function round(n: number): Parameters<BalanceStore['commit']>[0] {
  const at = 1_000_000 * n;
  const summary: SyncRunSummary = {
    runId: `run-${n}`,
    state: 'done',
    accounts: [{ accountId: 'acc-a', label: 'A', status: 'ok', attempt: 1 }],
    startedAt: at,
    finishedAt: at + 10,
  };
  return {
    balances: {
      'acc-a': {
        exchange: 'binance',
        fetchedAt: at + 5,
        holdings: [{ asset: 'BTC', total: n, free: n, used: 0, wallets: { spot: n } }],
      },
    },
    tickers: { binance: { at: at + 6, prices: { 'BTC/USDT': 100 * n } } },
    states: {
      'acc-a': { accountId: 'acc-a', lastAttemptAt: at + 5, lastSuccessAt: at + 5, lastError: null, stale: false },
    },
    summary,
  };
}

describe('BalanceStore', () => {
  it('writes a sync round in one write, with every part from that round', () => {
    const { factory, writes } = countingFactory();
    const store = new BalanceStore(factory, tempDir('ballast-balances-'));
    const before = writes();
    store.commit(round(1));
    store.commit(round(2));
    expect(writes() - before).toBe(2);
    const file = JSON.parse(readFileSync(store.path, 'utf8')) as BalancesFile;
    expect(file.lastRun?.runId).toBe('run-2');
    expect(file.accounts['acc-a']?.fetchedAt).toBe(2_000_005);
    expect(file.states['acc-a']?.lastAttemptAt).toBe(2_000_005);
    expect(file.tickers['binance']?.at).toBe(2_000_006);
  });

  it('forgets an account in one write', () => {
    const { factory, writes } = countingFactory();
    const store = new BalanceStore(factory, tempDir('ballast-balances-'));
    store.commit(round(1));
    const before = writes();
    store.forget('acc-a');
    expect(writes() - before).toBe(1);
    expect(store.balances()).toEqual({});
    expect(store.states()).toEqual({});
  });
});
