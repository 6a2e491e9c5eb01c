/**
 * Watch-only wallet benchmark: a BIP-84 extended key with 200 used receive addresses (and 5 change
 * ones), scanned with the default gap limit of 20 through the whole app (createServices, activity log
 * and all) against the local Esplora emulator: one sync run, median of 3. Target < 5 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from './run';
import { createServices } from '../electron/services/app-services';
import { createConfStore } from '../electron/services/store';
import { startChainEmulator } from '../test/emulator/chain-server';
import { BIP84_ZPUB, bip84Address } from '../test/emulator/chain-fixtures';
import { memoryKeytar } from '../test/main/support/keychain';

const USED_RECEIVE = 200;
const USED_CHANGE = 5;
const RUNS = 3;

export default async function run(): Promise<BenchRow[]> {
  const emu = await startChainEmulator();
  for (let i = 0; i < USED_RECEIVE; i++)
    emu.esplora.addresses.set(bip84Address(0, i), { funded: 1000, spent: 0, txs: 2 });
  for (let i = 0; i < USED_CHANGE; i++)
    emu.esplora.addresses.set(bip84Address(1, i), { funded: 500, spent: 0, txs: 1 });
  const dir = mkdtempSync(join(tmpdir(), 'ballast-bench-wallets-'));
  try {
    const services = await createServices({
      dataDir: dir,
      assetsDir: join(import.meta.dirname, '../assets'),
      storeFactory: createConfStore,
      appVersion: 'bench',
      emit: () => undefined,
      notify: () => undefined,
      vault: { keytar: memoryKeytar(), service: 'Ballast Bench' },
      walletProviderUrls: { bitcoin: emu.urls.esplora },
    });
    const ctx = services.context;
    ctx.settings.update({ syncIntervalMinutes: 0 });
    await ctx.wallets.add({ kind: 'bitcoin', label: 'Bench', input: BIP84_ZPUB });
    const times: number[] = [];
    let used = 0;
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      const summary = await ctx.sync.syncNow();
      times.push(performance.now() - t);
      if (summary.accounts[0]?.status !== 'ok') throw new Error('the scan failed');
      used = ctx.wallets.list()[0]!.lastRead!.used ?? 0;
    }
    await ctx.sync.historyIdle();
    await services.dispose();
    const ms = [...times].sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
    return [
      {
        name: `xpub scan: ${used} used addresses, gap limit 20 (${emu.requests.length / RUNS} requests a run)`,
        ms,
        target: '< 5000 ms',
        ok: ms < 5000 && used === USED_RECEIVE + USED_CHANGE,
      },
    ];
  } finally {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
