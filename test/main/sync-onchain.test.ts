/**
 * Watch-only wallets in the exchange sync: one run reads the accounts and the wallets in parallel, reports
 * progress for both, prices the wallets' assets through the accounts' tickers, writes one snapshot with
 * everything, and keeps a failing wallet's last good read (stale) without failing the accounts.
 */
import { describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../shared/ipc/channels/sync';
import { EVM_ADDRESS, SOLANA_ADDRESS } from '../emulator/chain-fixtures';
import { amountsIn, startApp } from './support/app';
import { chainOptions, useChainEmulator } from './support/chains';
import { cleanUpAfterEach } from './support/cleanup';
import { addAccounts, emulatorOptions, useEmulator } from './support/emulator';
import { memoryKeytar } from './support/keychain';
import { READ_KEYS } from './support/keys';

const emu = useEmulator();
const chains = useChainEmulator();
cleanUpAfterEach();

describe('wallets in the sync run', () => {
  it('syncs accounts and wallets in one run, prices wallet assets and snapshots them together', async () => {
    const a = await startApp({
      ...emulatorOptions(emu, { exchanges: ['binance'] }),
      ...chainOptions(chains),
      vault: { keytar: memoryKeytar(), service: 'Ballast Test' },
    });
    const { binance } = await addAccounts(a, { binance: READ_KEYS.binance });
    const evm = await a.call('wallets:add', { kind: 'evm', label: 'Hot', input: EVM_ADDRESS, networks: ['ethereum'] });
    const sol = await a.call('wallets:add', { kind: 'solana', label: 'Phantom', input: SOLANA_ADDRESS });
    const run = await a.call('sync:now', { wait: true });
    expect(run.accounts.map((x) => [x.accountId, x.label, x.status])).toEqual([
      [binance, 'Binance', 'ok'],
      [evm.id, 'on-chain: Hot', 'ok'],
      [sol.id, 'on-chain: Phantom', 'ok'],
    ]);
    const progress = a.events.filter((e) => e.event === 'sync:progress').map((e) => e.payload as SyncProgress);
    expect(progress.some((p) => p.accounts.some((x) => x.accountId === sol.id && x.status === 'fetching'))).toBe(true);

    const view = await a.call('portfolio:get');
    const priced = (custody: string, asset: string) =>
      view.portfolio.positions.find((p) => p.custodyId === custody && p.asset === asset)?.value ?? null;
    expect(priced(evm.id, 'ETH')).toBeCloseTo(2 * 3_200, 0);
    expect(priced(sol.id, 'SOL')).toBeCloseTo(12 * 150, 0);
    expect(priced(evm.id, 'USDC')).toBeCloseTo(1_500, 0);

    const snapshots = a.context.sync.snapshots.list();
    expect(snapshots).toHaveLength(1);
    const total = view.portfolio.positions.reduce((s, p) => s + (p.value ?? 0), 0);
    expect(snapshots[0]!.total).toBeCloseTo(total, 2);

    // the Solana node fails: the wallet is stale with its last good read; the others are fine
    chains.setFault('solana', { kind: 'server-error' });
    const failed = await a.call('sync:now', { wait: true });
    expect(failed.accounts.map((x) => x.status)).toEqual(['ok', 'ok', 'error']);
    expect(failed.accounts[2]!.error).toMatchObject({ code: 'exchange-down' });
    expect(amountsIn(await a.call('portfolio:get'), sol.id)).toMatchObject({ SOL: 12, USDC: 250 });
    const status = await a.call('sync:status');
    expect(status.accounts.find((x) => x.accountId === sol.id)).toMatchObject({ exchange: 'on-chain', stale: true });
    expect(a.context.sync.snapshots.list()).toHaveLength(2);
  });
});
