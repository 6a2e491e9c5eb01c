/**
 * Watch-only wallets on the real services and router, against the local blockchain provider emulators:
 * adding a BIP-84 extended key, an EVM address (and an ENS name) and a Solana address; reading them in a
 * sync (gap-limit scan, Multicall3 token balances, SPL tokens with an unknown and a junk mint); the
 * on-chain custodies in the portfolio; faults (429 with Retry-After, a hang, a lagging node) and what they
 * leave (retries, stale wallets keeping their last good read); refusals of bad input and of secrets.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyncRunSummary } from '../../shared/ipc/channels/sync';
import { SECRET_REFUSAL } from '../../shared/wallets';
import {
  BIP84_ZPUB,
  bip84Address,
  ENS_NAME,
  EVM_ADDRESS,
  SOLANA_ADDRESS,
  UNKNOWN_MINT,
} from '../emulator/chain-fixtures';
import { amountsIn, startApp, type TestApp } from './support/app';
import { chainOptions, useChainEmulator } from './support/chains';
import { cleanUpAfterEach, tempDir } from './support/cleanup';
import { filesUnder } from './support/files';
import { memoryKeytar } from './support/keychain';

const emu = useChainEmulator();
cleanUpAfterEach();

async function app(): Promise<TestApp> {
  return startApp({ ...chainOptions(emu), vault: { keytar: memoryKeytar(), service: 'Ballast Test' } });
}

const ZPUB = { kind: 'bitcoin' as const, label: 'Cold storage', input: BIP84_ZPUB };

describe('watch-only wallets', () => {
  it('scans a BIP-84 zpub with the gap limit, keeps the key in the keychain and only its short form on disk', async () => {
    const a = await app();
    const added = await a.call('wallets:add', ZPUB);
    expect(added.extendedKey).toEqual({
      script: 'wpkh',
      shortForm: expect.stringMatching(/^zpub · fp [0-9a-f]{8}$/),
      gapLimit: 20,
    });
    expect(await a.context.vault.getWatchKey(added.id)).toBe(BIP84_ZPUB);
    expect(readFileSync(join(a.dataDir, 'wallets.json'), 'utf8')).not.toContain(BIP84_ZPUB.slice(4, 40));

    const run = await a.call('sync:now', { wait: true });
    expect(run.accounts).toEqual([
      expect.objectContaining({ accountId: added.id, label: 'on-chain: Cold storage', status: 'ok' }),
    ]);
    // receive 0 and 3 and change 0; receive 30 is past a gap of 26 unused addresses
    expect(amountsIn(await a.call('portfolio:get'), added.id)).toEqual({ BTC: 0.85 });
    const list = await a.call('wallets:list');
    expect(list.wallets[0]!.usedAddresses).toBe(3);
    expect(JSON.stringify(list)).not.toContain(BIP84_ZPUB);

    // a larger gap limit finds it
    const rescanned = await a.call('wallets:rescan', { id: added.id, gapLimit: 30 });
    expect(rescanned.usedAddresses).toBe(4);
    expect(amountsIn(await a.call('portfolio:get'), added.id)).toEqual({ BTC: 1.85 });
    const view = await a.call('portfolio:get');
    expect(view.sample).toBe(false);
    expect(view.portfolio.custodies).toContainEqual({
      id: added.id,
      label: 'on-chain: Cold storage',
      kind: 'onchain',
      platform: 'Bitcoin',
    });

    // every request is in the activity log, addresses shortened, the key nowhere
    const calls = a.context.activity.query({ accountId: added.id, kind: 'api-call' }).entries;
    expect(calls.length).toBeGreaterThan(40);
    expect(calls[0]).toMatchObject({
      exchange: 'bitcoin',
      method: 'GET',
      ok: true,
      detail: { purpose: 'wallet', bytes: expect.any(Number) },
    });
    expect(calls.map((c) => c.endpoint)).toContain('/blocks/tip/height');
    expect(
      calls.some((c) => c.endpoint === `/address/${bip84Address(0, 0).slice(0, 6)}…${bip84Address(0, 0).slice(-4)}`),
    ).toBe(true);
    expect(readFileSync(join(a.dataDir, 'activity.jsonl'), 'utf8')).not.toContain(bip84Address(0, 0));

    await a.call('wallets:remove', { id: added.id });
    expect(await a.context.vault.getWatchKey(added.id)).toBeNull();
    expect((await a.call('portfolio:get')).sample).toBe(true);
  });

  it('reads an EVM address on its networks through Multicall3 and a Solana address with its SPL tokens', async () => {
    const a = await app();
    const evm = await a.call('wallets:add', {
      kind: 'evm',
      label: 'MetaMask',
      input: EVM_ADDRESS.toLowerCase(),
      networks: ['ethereum', 'base'],
    });
    expect(evm.address).toBe(EVM_ADDRESS);
    const sol = await a.call('wallets:add', { kind: 'solana', label: 'Phantom', input: SOLANA_ADDRESS });
    const run = await a.call('sync:now', { wait: true });
    expect(run.accounts.every((x) => x.status === 'ok')).toBe(true);
    const view = await a.call('portfolio:get');
    expect(amountsIn(view, evm.id)).toEqual({ ETH: 2.5, USDC: 1500 });
    // the junk mint (zero decimals, unknown) is hidden; the unknown mint is listed, unpriced
    const unknown = `SPL ${UNKNOWN_MINT.slice(0, 6)}…${UNKNOWN_MINT.slice(-4)}`;
    expect(amountsIn(view, sol.id)).toEqual({ SOL: 12, USDC: 250, [unknown]: 4.2 });
    expect(view.unpriced).toContain(unknown);
    const tokens = (await a.call('wallets:list')).wallets.find((w) => w.id === sol.id)!.tokens;
    expect(tokens.filter((t) => t.hidden)).toEqual([expect.objectContaining({ asset: null, amount: 1 })]);
    await a.call('wallets:setShowHidden', { showHidden: true });
    expect(Object.keys(amountsIn(await a.call('portfolio:get'), sol.id))).toHaveLength(4);

    // one JSON-RPC batch carried the chain id and block number; one eth_call carried every balanceOf
    expect(
      emu.requests.some((r) => r.service === 'evm' && r.what.startsWith('batch ') && r.what.includes('eth_chainId')),
    ).toBe(true);
    const evmCalls = a.context.activity.query({ accountId: evm.id }).entries.map((e) => e.endpoint);
    expect(evmCalls.some((e) => e?.includes('eth_call'))).toBe(true);
  });

  it('resolves an ENS name on Ethereum', async () => {
    const a = await app();
    const w = await a.call('wallets:add', { kind: 'evm', label: 'ENS', input: ENS_NAME, networks: ['ethereum'] });
    expect(w).toMatchObject({ address: EVM_ADDRESS, ensName: ENS_NAME });
    expect(await a.fail('wallets:add', { kind: 'evm', label: 'Nobody', input: 'nobody-here.eth' })).toEqual({
      code: 'invalid',
      message: 'This ENS name does not point to an address.',
    });
  });

  it('waits out a 429 with Retry-After, retries a hang, and keeps the last good read of a lagging node (stale)', async () => {
    const a = await app();
    const w = await a.call('wallets:add', { kind: 'solana', label: 'Phantom', input: SOLANA_ADDRESS });
    emu.setFault('solana', { kind: 'rate-limit', retryAfterSec: 1, times: 1 });
    expect((await a.call('sync:now', { wait: true })).accounts[0]!.status).toBe('ok');
    expect(a.context.activity.query({ accountId: w.id, errorsOnly: true }).entries[0]).toMatchObject({ status: 429 });

    emu.setFault('solana', { kind: 'timeout', times: 1 });
    const retried = await a.call('sync:now', { wait: true });
    expect(retried.accounts[0]).toMatchObject({ status: 'ok', attempt: 2 });

    emu.setFault('solana', { kind: 'lag', behind: 50 });
    const lagging: SyncRunSummary = await a.call('sync:now', { wait: true });
    expect(lagging.accounts[0]).toMatchObject({ status: 'error', attempt: 3, error: { code: 'exchange-down' } });
    expect(lagging.accounts[0]!.error!.message).toMatch(/behind.*last good balances are kept/);
    expect(amountsIn(await a.call('portfolio:get'), w.id)).toMatchObject({ SOL: 12 });
    const status = (await a.call('wallets:list')).wallets[0]!;
    expect(status).toMatchObject({ stale: true, lastError: { code: 'exchange-down' } });
    expect(status.lastSuccessAt).not.toBeNull();
  });

  it('refuses bad input with a clear message, and a pasted secret without storing or echoing it', async () => {
    const a = await app();
    const refused = async (req: Record<string, unknown>) => a.fail('wallets:add', { label: 'Mine', ...req });
    expect((await refused({ kind: 'bitcoin', input: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx' })).message).toMatch(
      /checksum/,
    );
    expect((await refused({ kind: 'bitcoin', input: 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx' })).message).toMatch(
      /testnet/,
    );
    expect((await refused({ kind: 'bitcoin', input: 'mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn' })).message).toMatch(
      /testnet/,
    );
    expect((await refused({ kind: 'bitcoin', input: BIP84_ZPUB, script: 'pkh' })).message).toMatch(
      /zpub is for native SegWit/,
    );
    expect((await refused({ kind: 'evm', input: '0x8ba1f109551bD432803012645Ac136ddd64DBA73' })).message).toMatch(
      /EIP-55/,
    );
    const secrets = [
      'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
      '5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ',
      '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318',
    ];
    for (const input of secrets) {
      const err = await refused({ kind: 'evm', input });
      expect(err).toEqual({ code: 'invalid', message: SECRET_REFUSAL });
    }
    expect((await a.call('wallets:list')).wallets).toEqual([]);
    await a.context.activity.flush();
    const written = filesUnder(a.dataDir)
      .map((f) => readFileSync(join(a.dataDir, f), 'utf8'))
      .join('\n');
    expect(written.length).toBeGreaterThan(0);
    for (const s of secrets) expect(written).not.toContain(s.slice(0, 20));
  });

  it('checks a provider before using it: a node of another network is refused', async () => {
    const a = await app();
    const err = await a.fail('wallets:setProvider', { network: 'ethereum', url: emu.urls.evm(11155111) });
    expect(err.code).toBe('invalid');
    expect(err.message).toMatch(/another network \(chain id 11155111, expected 1\)/);
    const providers = await a.call('wallets:setProvider', { network: 'base', url: emu.urls.evm(8453) + '/' });
    expect(providers.find((p) => p.network === 'base')).toMatchObject({ url: emu.urls.evm(8453), custom: false });
    expect((await a.fail('wallets:setProvider', { network: 'bitcoin', url: 'ftp://example.org' })).code).toBe(
      'invalid',
    );
  });

  it('starts without wallets on an unreadable wallets.json, keeps the original aside and says where', async () => {
    const dataDir = tempDir('ballast-wallets-');
    const bad = '{"version": 1, "wallets": [{"id": "x", "label": ';
    writeFileSync(join(dataDir, 'wallets.json'), bad);
    const a = await startApp({
      ...chainOptions(emu),
      dataDir,
      vault: { keytar: memoryKeytar(), service: 'Ballast Test' },
    });
    const backup = readdirSync(dataDir).find((f) => f.startsWith('wallets.corrupt-'));
    expect(backup).toBeDefined();
    expect(readFileSync(join(dataDir, backup!), 'utf8')).toBe(bad);
    const info = await a.call('app:info');
    expect(info.notices.find((n) => n.id === 'recovered:wallets')?.message).toContain(join(dataDir, backup!));
    expect((await a.call('wallets:list')).wallets).toEqual([]);
    await a.call('wallets:add', { kind: 'solana', label: 'Phantom', input: SOLANA_ADDRESS });
    expect(JSON.parse(readFileSync(join(dataDir, 'wallets.json'), 'utf8')).wallets).toHaveLength(1);
  });
});
