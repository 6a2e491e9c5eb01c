/**
 * The portfolio revision (electron/services/portfolio-feed.ts): every change that alters what the
 * views derive from the portfolio (a sync, a manual holding, a setting, a key added, revoked or
 * removed) raises it once and is pushed as 'portfolio:changed' with its reason and the sample flag;
 * 'portfolio:get' answers at the current revision. Also the throttle used for activity events, and
 * removing a revoked account (its activity entries stay, the log still verifies).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPortfolioFeed, throttle } from '../../electron/services/portfolio-feed';
import type { PortfolioChange } from '../../shared/ipc/channels/portfolio';
import { startApp, type TestApp } from './support/app';
import { cleanUpAfterEach } from './support/cleanup';
import { addAccounts, emulatorOptions, useEmulator } from './support/emulator';
import { memoryKeytar } from './support/keychain';
import { READ_KEYS } from './support/keys';

cleanUpAfterEach();
const emu = useEmulator();

const changes = (app: TestApp) =>
  app.events.filter((e) => e.event === 'portfolio:changed').map((e) => e.payload as PortfolioChange);

async function start(): Promise<TestApp> {
  return startApp({ ...emulatorOptions(emu), vault: { keytar: memoryKeytar() } });
}

describe('portfolio:changed', () => {
  it('counts every change once, with its reason and whether the sample is shown', async () => {
    const app = await start();
    const start0 = (await app.call('portfolio:get')).revision;
    const seen = changes(app).length;

    app.context.settings.update({ dustThreshold: 2 });
    const wallet = await app.call('holdings:addWallet', { label: 'Ledger' });
    await app.call('holdings:add', { walletId: wallet.id, asset: 'BTC', amount: 0.5 });
    const after = changes(app).slice(seen);
    expect(after.map((c) => c.reason)).toEqual(['settings', 'holdings', 'holdings']);
    expect(after.map((c) => c.revision)).toEqual([start0 + 1, start0 + 2, start0 + 3]);
    // The wallet alone holds nothing: still the sample; the holding makes it the user's.
    expect(after.map((c) => c.sample)).toEqual([true, true, false]);
    const view = await app.call('portfolio:get');
    expect(view.revision).toBe(start0 + 3);
    expect(view.sample).toBe(false);
  });

  it('follows keys and syncs: added, synced, revoked, removed', async () => {
    const app = await start();
    const { binance } = await addAccounts(app, { binance: READ_KEYS.binance });
    expect(changes(app).at(-1)).toMatchObject({ reason: 'accounts', sample: false });

    await app.call('sync:now', { wait: true });
    const done = app.events.findIndex(
      (e) => e.event === 'sync:progress' && (e.payload as { state: string }).state === 'done',
    );
    expect(done).toBeGreaterThanOrEqual(0);
    // Announced right after the run's last progress, once its balances and snapshot are stored.
    expect(app.events[done + 1]).toMatchObject({ event: 'portfolio:changed', payload: { reason: 'sync' } });
    expect(app.context.sync.snapshots.list()).toHaveLength(1);

    const before = changes(app).length;
    await app.call('accounts:revoke', { id: binance });
    await app.call('accounts:remove', { id: binance });
    expect(
      changes(app)
        .slice(before)
        .map((c) => c.reason),
    ).toEqual(['accounts', 'accounts']);
    expect(changes(app).at(-1)?.sample).toBe(true);
    expect(await app.call('accounts:list')).toEqual([]);
  });
});

describe('removing an account', () => {
  it('is refused until the key is revoked, then keeps the activity and the chain', async () => {
    const app = await start();
    const { binance } = await addAccounts(app, { binance: READ_KEYS.binance });
    expect((await app.fail('accounts:remove', { id: binance })).code).toBe('invalid-account');
    await app.call('accounts:revoke', { id: binance });
    await app.call('accounts:remove', { id: binance });
    const kinds = (await app.call('activity:query', { accountId: binance, limit: 50, offset: 0 })).entries.map(
      (e) => e.kind,
    );
    expect(kinds[0]).toBe('account-removed');
    expect(kinds).toContain('key-added');
    expect(await app.call('activity:verify')).toMatchObject({ ok: true });
    expect(app.events.some((e) => e.event === 'activity:appended')).toBe(true);
  });
});

describe('the feed and its throttle', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('raises the revision and emits what it says', () => {
    const emitted: PortfolioChange[] = [];
    let sample = true;
    const feed = createPortfolioFeed({ emit: (c) => emitted.push(c), isSample: () => sample });
    expect(feed.revision()).toBe(0);
    feed.changed('holdings');
    sample = false;
    feed.changed('sync');
    expect(emitted).toEqual([
      { revision: 1, reason: 'holdings', sample: true },
      { revision: 2, reason: 'sync', sample: false },
    ]);
    expect(feed.revision()).toBe(2);
  });

  it('runs at once, then at most once per window with the calls made meanwhile', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const t = throttle(fn, 1000);
    t();
    expect(fn).toHaveBeenCalledTimes(1);
    t();
    t();
    t();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(2);
    t();
    expect(fn).toHaveBeenCalledTimes(3);
  });
});
