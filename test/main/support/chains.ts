/**
 * The blockchain provider emulators (test/emulator/chain-server.ts) for a test file, seeded with the
 * fixture wallets (test/emulator/chain-fixtures.ts) and reset after each test, and the service options
 * that point every watch-only wallet provider at them.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ServicesOptions } from '../../../electron/services/app-services';
import { startChainEmulator } from '../../emulator/chain-server';
import { seedChains } from '../../emulator/chain-fixtures';
import type { ChainEmulator } from '../../emulator/chain-types';

/** Starts (and seeds) the chain emulator before the file's tests; faults cleared after each; closed after all. */
export function useChainEmulator(): ChainEmulator {
  let running: ChainEmulator | null = null;
  beforeAll(async () => {
    running = await startChainEmulator();
    seedChains(running);
  });
  afterEach(() => {
    for (const s of ['esplora', 'evm', 'solana'] as const) running?.setFault(s, null);
  });
  afterAll(async () => {
    await running?.close();
    running = null;
  });
  return new Proxy({} as ChainEmulator, {
    get(_t, key) {
      if (!running) throw new Error('the chain emulator runs only while the tests of its file run');
      const value: unknown = Reflect.get(running, key);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(running) : value;
    },
  });
}

/** Service options sending every watch-only wallet request to the emulator (short timeout, no waiting). */
export function chainOptions(
  emu: ChainEmulator,
): Pick<ServicesOptions, 'walletProviderUrls' | 'walletTimeoutMs' | 'syncSleep' | 'syncRetry'> {
  return {
    walletProviderUrls: {
      bitcoin: emu.urls.esplora,
      ethereum: emu.urls.evm(1),
      arbitrum: emu.urls.evm(42161),
      base: emu.urls.evm(8453),
      optimism: emu.urls.evm(10),
      polygon: emu.urls.evm(137),
      bsc: emu.urls.evm(56),
      solana: emu.urls.solana,
    },
    walletTimeoutMs: 500,
    syncSleep: () => Promise.resolve(),
    syncRetry: { attempts: 3, baseMs: 1, capMs: 2 },
  };
}
