/**
 * The data folder as the app leaves it: every file readable by its owner only (0o600) and every folder
 * its owner's only (0o700), whichever store, cache, log, export or backup wrote it; a folder left by an
 * earlier version narrowed at start; and the temporary files of writes a crash interrupted removed at
 * start once older than a minute (younger ones, and symbolic links, left alone). Modes are checked
 * where the platform has them (not on Windows).
 */
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanUpAfterAll, tempDir } from './support/cleanup';
import { startApp } from './support/app';
import { chainOptions, useChainEmulator } from './support/chains';
import { addAccounts, emulatorOptions, useEmulator } from './support/emulator';
import { filesUnder } from './support/files';
import { READ_KEYS } from './support/keys';
import { memoryKeytar } from './support/keychain';
import { SOLANA_ADDRESS } from '../emulator/chain-fixtures';

const emu = useEmulator();
const chains = useChainEmulator();
cleanUpAfterAll();

const posix = process.platform !== 'win32';
const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Every folder under `dir` (itself included), relative to it. */
function foldersUnder(dir: string): string[] {
  const out = ['.'];
  for (const f of filesUnder(dir)) {
    const parts = f.split('/');
    for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'));
  }
  return [...new Set(out)];
}

/** Files and folders under `dir` whose mode is not the owner-only one, as "mode path". */
function tooOpen(dir: string): string[] {
  return [
    ...filesUnder(dir)
      .filter((f) => modeOf(join(dir, f)) !== 0o600)
      .map((f) => `${modeOf(join(dir, f)).toString(8)} ${f}`),
    ...foldersUnder(dir)
      .filter((f) => modeOf(join(dir, f)) !== 0o700)
      .map((f) => `${modeOf(join(dir, f)).toString(8)} ${f}/`),
  ];
}

describe.skipIf(!posix)('file and folder modes', () => {
  it('are owner-only for everything a session writes, backups and exports included', async () => {
    const dataDir = join(tempDir('ballast-modes-'), 'userData');
    // Electron creates the app's data folder readable by others.
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const keytar = memoryKeytar();
    const options = { dataDir, ...emulatorOptions(emu), ...chainOptions(chains), vault: { keytar } };
    const app = await startApp(options);
    await addAccounts(app, READ_KEYS);
    await app.call('wallets:add', { kind: 'solana', label: 'Phantom', input: SOLANA_ADDRESS });
    await app.call('sync:now', { wait: true });
    await app.context.sync.historyIdle();
    const wallet = await app.call('holdings:addWallet', { label: 'Ledger' });
    await app.call('holdings:add', { walletId: wallet.id, asset: 'BTC', amount: 1 });
    await app.call('indexlab:saveSpec', { name: 'Top 5', spec: { universe: { type: 'top', n: 5 } } });
    await app.call('indexlab:export', { kind: 'spec-json', name: 'top-5', content: '{}' });
    await app.call('settings:update', { baseCurrency: 'EUR' });
    await app.stop();
    // A damaged store is moved aside at the next start; the copy kept is owner-only too.
    writeFileSync(join(dataDir, 'settings.json'), '{ not json', { mode: 0o600 });
    expect(modeOf(join(dataDir, 'wallets.json'))).toBe(0o600);
    writeFileSync(join(dataDir, 'wallets.json'), '{ not json', { mode: 0o600 });
    const again = await startApp(options);
    await again.stop();

    const files = filesUnder(dataDir);
    expect(files).toEqual(expect.arrayContaining(['balances.json', 'activity.jsonl', 'snapshots.jsonl']));
    expect(files.some((f) => f.startsWith('exports/'))).toBe(true);
    expect(files.some((f) => f.startsWith('ohlcv/'))).toBe(true);
    expect(files.some((f) => f.startsWith('settings.corrupt-'))).toBe(true);
    expect(files.some((f) => f.startsWith('wallets.corrupt-'))).toBe(true);
    expect(tooOpen(dataDir)).toEqual([]);
  });

  it('narrows a data folder an earlier version left readable by others', async () => {
    const dataDir = tempDir('ballast-modes-');
    mkdirSync(join(dataDir, 'ohlcv'), { mode: 0o755 });
    writeFileSync(join(dataDir, 'accounts.json'), '{"accounts":[]}', { mode: 0o644 });
    writeFileSync(join(dataDir, 'ohlcv', 'binance__BTC--USDT.json'), '{}', { mode: 0o644 });
    writeFileSync(join(dataDir, 'snapshots.jsonl'), '{"torn', { mode: 0o644 });
    for (const f of ['accounts.json', 'ohlcv/binance__BTC--USDT.json', 'snapshots.jsonl'])
      chmodSync(join(dataDir, f), 0o644);
    chmodSync(join(dataDir, 'ohlcv'), 0o755);
    chmodSync(dataDir, 0o755);
    const app = await startApp({ dataDir, vault: { keytar: memoryKeytar() } });
    await app.stop();
    expect(filesUnder(dataDir).some((f) => f.startsWith('snapshots.corrupt-'))).toBe(true);
    expect(tooOpen(dataDir)).toEqual([]);
  });
});

describe('temporary files of interrupted writes', () => {
  it('are removed at start once older than a minute; younger ones and links are left alone', async () => {
    const dataDir = tempDir('ballast-temp-');
    const outside = join(tempDir('ballast-temp-outside-'), 'keep.json');
    writeFileSync(outside, 'outside');
    mkdirSync(join(dataDir, 'ohlcv'));
    const old = (Date.now() - 5 * 60_000) / 1000;
    const stale = [
      'balances.json.tmp-1764400000a1b2c3',
      'wallets.json.tmp-77-0123abcd',
      'ohlcv/kraken__BTC--USD.json.tmp-4242-deadbeef',
    ];
    for (const f of stale) {
      writeFileSync(join(dataDir, f), 'half a write');
      utimesSync(join(dataDir, f), old, old);
    }
    const fresh = 'settings.json.tmp-1764400099f0e1d2';
    writeFileSync(join(dataDir, fresh), 'a write still running');
    const link = 'accounts.json.tmp-1-00c0ffee';
    if (posix) symlinkSync(outside, join(dataDir, link));

    const app = await startApp({ dataDir, vault: { keytar: memoryKeytar() } });
    await app.stop();
    for (const f of stale) expect(existsSync(join(dataDir, f)), f).toBe(false);
    expect(existsSync(join(dataDir, fresh))).toBe(true);
    if (posix) {
      expect(lstatSync(join(dataDir, link)).isSymbolicLink()).toBe(true);
      expect(readFileSync(outside, 'utf8')).toBe('outside');
    }
  });
});
