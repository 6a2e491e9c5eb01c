/**
 * Prices without an exchange key: a user with only manual holdings or only watch-only wallets syncs
 * and gets them valued from the public tickers of the emulated exchanges, asked for a broad list of
 * markets (not only the held ones) and recorded in the activity log with purpose 'prices'; a provider
 * that cannot be reached leaves the assets unpriced without failing the sync.
 */
import { describe, expect, it } from 'vitest';
import { EVM_ADDRESS } from '../emulator/chain-fixtures';
import { startApp, type TestApp } from './support/app';
import { chainOptions, useChainEmulator } from './support/chains';
import { cleanUpAfterEach } from './support/cleanup';
import { emulatorOptions, useEmulator } from './support/emulator';
import { memoryKeytar } from './support/keychain';

const emu = useEmulator();
const chains = useChainEmulator();
cleanUpAfterEach();

const TICKERS = '/api/v3/ticker/24hr';
/** The emulated exchanges asked for prices, in this order. */
const PROVIDERS = ['binance', 'kraken'] as const;

async function ledgerWithBtc(a: TestApp): Promise<void> {
  const ledger = await a.call('holdings:addWallet', { label: 'Ledger' });
  await a.call('holdings:add', { walletId: ledger.id, asset: 'BTC', amount: 0.5 });
}

const valueOf = (view: Awaited<ReturnType<TestApp['call']>>, asset: string): number | null =>
  (view as { portfolio: { positions: { asset: string; value: number | null }[] } }).portfolio.positions.find(
    (p) => p.asset === asset,
  )?.value ?? null;

describe('prices without an exchange key', () => {
  it('values manual holdings from a public ticker asked for a broad list of markets', async () => {
    const a = await startApp({ ...emulatorOptions(emu, { exchanges: PROVIDERS }), priceProviders: PROVIDERS });
    await ledgerWithBtc(a);
    const from = emu.requests.length;
    const run = await a.call('sync:now', { wait: true });
    expect(run.state).toBe('done');

    const view = await a.call('portfolio:get');
    expect(view.sample).toBe(false);
    expect(view.unpriced).toEqual([]);
    expect(valueOf(view, 'BTC')).toBeCloseTo(0.5 * 65_000, 0);
    const snapshots = a.context.sync.snapshots.list();
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]!.total).toBeCloseTo(0.5 * 65_000, 0);

    // one batch on Binance, for more markets than the one held asset's; Kraken was not needed
    const asked = emu.requests.slice(from).filter((r) => r.path === TICKERS);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.signed).toBe(false);
    const symbols = JSON.parse(new URLSearchParams(asked[0]!.query).get('symbols') ?? '[]') as string[];
    expect(symbols).toContain('BTCUSDT');
    expect(symbols.length).toBeGreaterThan(1);
    expect(emu.requests.slice(from).some((r) => r.exchange === 'kraken')).toBe(false);

    await a.context.activity.flush();
    const log = await a.call('activity:query', { kind: 'api-call', limit: 100, offset: 0 });
    const priced = log.entries.filter((e) => e.endpoint?.endsWith(TICKERS));
    expect(priced.length).toBeGreaterThan(0);
    expect(priced.every((e) => e.purpose === 'prices' && e.exchange === 'binance' && e.accountId == null)).toBe(true);
  });

  it('tries the next provider when the first cannot be reached', async () => {
    const a = await startApp({ ...emulatorOptions(emu, { exchanges: PROVIDERS }), priceProviders: PROVIDERS });
    await ledgerWithBtc(a);
    emu.setFault('binance', { kind: 'server-error' });
    const from = emu.requests.length;
    await a.call('sync:now', { wait: true });
    const view = await a.call('portfolio:get');
    expect(valueOf(view, 'BTC')).toBeCloseTo(0.5 * 65_000, 0);
    expect(emu.requests.slice(from).some((r) => r.exchange === 'kraken' && r.path === '/0/public/Ticker')).toBe(true);
  });

  it('does not ask a provider the exchange gate paused', async () => {
    const a = await startApp({ ...emulatorOptions(emu, { exchanges: PROVIDERS }), priceProviders: PROVIDERS });
    await ledgerWithBtc(a);
    emu.setFault('binance', { kind: 'ip-ban', times: 1 });
    await a.call('sync:now', { wait: true });
    expect((await a.call('sync:status')).pauses.map((p) => p.exchange)).toEqual(['binance']);
    const from = emu.requests.length;
    await a.call('sync:now', { wait: true });
    expect(emu.requests.slice(from).some((r) => r.exchange === 'binance')).toBe(false);
    expect(valueOf(await a.call('portfolio:get'), 'BTC')).toBeCloseTo(0.5 * 65_000, 0);
  });

  it('values a watch-only wallet with no exchange account', async () => {
    const a = await startApp({
      ...emulatorOptions(emu, { exchanges: PROVIDERS }),
      priceProviders: PROVIDERS,
      ...chainOptions(chains),
      vault: { keytar: memoryKeytar(), service: 'Ballast Test' },
    });
    const evm = await a.call('wallets:add', { kind: 'evm', label: 'Hot', input: EVM_ADDRESS, networks: ['ethereum'] });
    const run = await a.call('sync:now', { wait: true });
    expect(run.accounts.map((x) => [x.accountId, x.status])).toEqual([[evm.id, 'ok']]);
    const view = await a.call('portfolio:get');
    const eth = view.portfolio.positions.find((p) => p.custodyId === evm.id && p.asset === 'ETH');
    expect(eth?.value).toBeCloseTo(2 * 3_200, 0);
    expect(a.context.sync.snapshots.list()).toHaveLength(1);
  });

  it('leaves the assets unpriced, without failing the sync, when no provider answers', async () => {
    const a = await startApp({ ...emulatorOptions(emu, { exchanges: PROVIDERS }), priceProviders: PROVIDERS });
    await ledgerWithBtc(a);
    emu.setFault('binance', { kind: 'server-error' });
    emu.setFault('kraken', { kind: 'server-error' });
    const run = await a.call('sync:now', { wait: true });
    expect(run.state).toBe('done');
    const view = await a.call('portfolio:get');
    expect(view.sample).toBe(false);
    expect(view.unpriced).toEqual(['BTC']);
    expect(valueOf(view, 'BTC')).toBeNull();
  });
});
