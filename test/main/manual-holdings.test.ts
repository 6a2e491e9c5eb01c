import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MANUAL_HOLDINGS_DEFAULTS,
  ManualHoldings,
  type ManualHoldingsData,
  type ManualHoldingsStore,
} from '../../electron/services/manual-holdings';
import { createConfStore } from '../../electron/services/store';
import { CONTRACT } from '../../shared/ipc/contract';
import { cleanUpAfterEach, tempDir } from './support/cleanup';
import { startApp } from './support/app';
import { fixedClock } from './support/clock';
import { codeOf } from './support/errors';

cleanUpAfterEach();

const T0 = Date.UTC(2026, 1, 2, 12, 0, 0);

function setup(store?: ManualHoldingsStore) {
  const dir = tempDir('ballast-manual-');
  const s =
    store ??
    createConfStore<{ data: ManualHoldingsData }>({
      name: 'manual-holdings',
      cwd: dir,
      defaults: structuredClone(MANUAL_HOLDINGS_DEFAULTS),
    }).store;
  const clock = fixedClock(T0);
  let n = 0;
  const manual = new ManualHoldings({ store: s, now: clock.now, newId: () => `id-${++n}` });
  return { manual, store: s, dir, tick: (ms = 1000) => clock.advance(ms) };
}

/** An in-memory store whose writes can be made to fail. */
class MemoryStore implements ManualHoldingsStore {
  data: ManualHoldingsData = structuredClone(MANUAL_HOLDINGS_DEFAULTS.data);
  failWrites = false;
  writes = 0;
  readonly path = '/memory/manual-holdings.json';
  get<K extends 'data'>(_key: K) {
    return structuredClone(this.data);
  }
  set<K extends 'data'>(_key: K, value: ManualHoldingsData) {
    if (this.failWrites) throw new Error('disk full');
    this.writes++;
    this.data = structuredClone(value);
  }
}

const FILE = [
  'asset,amount,wallet,note',
  'BTC,0.5,Ledger,cold',
  'ETH,4,Ledger,',
  'SOL,-1,Ledger,', // invalid
  'ADA,1500,Nexo,earning',
  'nope!,1,Nexo,', // invalid
  'btc,9,ledger,', // duplicate of line 2
].join('\n');

describe('ManualHoldings CRUD', () => {
  it('adds wallets and holdings, persists them, and lists them sorted', () => {
    const { manual, dir } = setup();
    const ledger = manual.addWallet({ label: ' Ledger ', platform: 'Hardware wallet' });
    const bank = manual.addWallet({ label: 'Bank app' });
    expect(ledger.label).toBe('Ledger');
    manual.add({ walletId: ledger.id, asset: 'eth', amount: 2 });
    manual.add({ walletId: ledger.id, asset: 'BTC', amount: 0.25, note: 'seed in safe' });
    manual.add({ walletId: bank.id, asset: 'USDC', amount: 100 });

    const list = manual.list();
    expect(list.wallets.map((w) => w.label)).toEqual(['Bank app', 'Ledger']);
    const l = list.wallets.find((w) => w.id === ledger.id)!;
    expect(l.holdings.map((h) => [h.asset, h.amount, h.note])).toEqual([
      ['BTC', 0.25, 'seed in safe'],
      ['ETH', 2, undefined],
    ]);
    expect(l.holdings.every((h) => h.updatedAt === T0)).toBe(true);

    // Another instance on the same file sees the same data.
    const again = new ManualHoldings({
      store: createConfStore<{ data: ManualHoldingsData }>({
        name: 'manual-holdings',
        cwd: dir,
        defaults: structuredClone(MANUAL_HOLDINGS_DEFAULTS),
      }).store,
    });
    expect(again.list()).toEqual(list);
  });

  it('refuses bad input with user-facing errors', () => {
    const { manual } = setup();
    const w = manual.addWallet({ label: 'Ledger' });
    expect(codeOf(() => manual.addWallet({ label: 'ledger' }))).toBe('wallet-exists');
    expect(codeOf(() => manual.addWallet({ label: '   ' }))).toBe('invalid');
    expect(codeOf(() => manual.add({ walletId: w.id, asset: 'BT C', amount: 1 }))).toBe('invalid');
    expect(codeOf(() => manual.add({ walletId: w.id, asset: 'BTC', amount: -1 }))).toBe('invalid');
    expect(codeOf(() => manual.add({ walletId: w.id, asset: 'BTC', amount: Number.NaN }))).toBe('invalid');
    expect(codeOf(() => manual.add({ walletId: 'missing', asset: 'BTC', amount: 1 }))).toBe('not-found');
    manual.add({ walletId: w.id, asset: 'BTC', amount: 1 });
    expect(codeOf(() => manual.add({ walletId: w.id, asset: 'btc', amount: 2 }))).toBe('holding-exists');
    expect(manual.list().wallets[0]?.holdings).toHaveLength(1);
  });

  it('updates amounts and notes, touching updatedAt only on a real change', () => {
    const { manual, tick } = setup();
    const w = manual.addWallet({ label: 'Ledger' });
    const h = manual.add({ walletId: w.id, asset: 'BTC', amount: 1, note: 'old' });
    tick();
    const same = manual.update(h.id, { amount: 1 });
    expect(same.updatedAt).toBe(T0);
    const changed = manual.update(h.id, { amount: 1.5, note: null, costBasis: 40000 });
    expect(changed).toMatchObject({ amount: 1.5, costBasis: 40000, updatedAt: T0 + 1000 });
    expect(changed.note).toBeUndefined();
    expect(manual.list().wallets[0]?.holdings[0]).toEqual(changed);
    expect(codeOf(() => manual.update('missing', { amount: 1 }))).toBe('not-found');
  });

  it('renames wallets, removes holdings and removes a wallet with its holdings', () => {
    const { manual } = setup();
    const a = manual.addWallet({ label: 'Ledger' });
    const b = manual.addWallet({ label: 'Trezor' });
    const h1 = manual.add({ walletId: a.id, asset: 'BTC', amount: 1 });
    manual.add({ walletId: a.id, asset: 'ETH', amount: 2 });
    manual.add({ walletId: b.id, asset: 'BTC', amount: 3 });

    expect(manual.renameWallet(a.id, { label: 'Ledger Nano', platform: 'Hardware' })).toMatchObject({
      label: 'Ledger Nano',
      platform: 'Hardware',
    });
    expect(codeOf(() => manual.renameWallet(a.id, { label: 'TREZOR' }))).toBe('wallet-exists');

    expect(manual.remove(h1.id)).toEqual({ removed: true });
    expect(manual.remove(h1.id)).toEqual({ removed: false });
    expect(manual.removeWallet(a.id)).toEqual({ removedHoldings: 1 });
    const list = manual.list();
    expect(list.wallets.map((w) => w.label)).toEqual(['Trezor']);
    expect(list.wallets[0]?.holdings.map((h) => h.amount)).toEqual([3]);
    expect(codeOf(() => manual.removeWallet(a.id))).toBe('not-found');
  });
});

describe('ManualHoldings CSV import', () => {
  it('imports the valid rows, creates named wallets and reports invalid and duplicate rows', () => {
    const { manual } = setup();
    const r = manual.importCsv(FILE);
    expect(r).toMatchObject({ imported: 3, added: 3, updated: 0, unchanged: 0, removed: 0 });
    expect(r.walletsCreated.sort()).toEqual(['Ledger', 'Nexo']);
    expect(r.errors.map((e) => e.line)).toEqual([4, 6]);
    expect(r.duplicates).toEqual([{ line: 7, ofLine: 2, wallet: 'ledger', asset: 'BTC' }]);

    const holdings = Object.fromEntries(
      manual.list().wallets.map((w) => [w.label, w.holdings.map((h) => `${h.asset}=${h.amount}`)]),
    );
    expect(holdings).toEqual({ Ledger: ['BTC=0.5', 'ETH=4'], Nexo: ['ADA=1500'] });
  });

  it('is idempotent: importing the same file again changes nothing', () => {
    const { manual, store, tick } = setup(new MemoryStore());
    manual.importCsv(FILE);
    const before = manual.list();
    const writes = (store as MemoryStore).writes;
    tick();
    const again = manual.importCsv(FILE);
    expect(again).toMatchObject({ imported: 3, added: 0, updated: 0, unchanged: 3, walletsCreated: [] });
    expect(manual.list()).toEqual(before);
    expect((store as MemoryStore).writes).toBe(writes);
  });

  it('merge mode updates amounts of existing wallet+asset pairs instead of duplicating them', () => {
    const { manual, tick } = setup();
    const ledger = manual.addWallet({ label: 'Ledger' });
    manual.add({ walletId: ledger.id, asset: 'BTC', amount: 0.1, note: 'kept' });
    manual.add({ walletId: ledger.id, asset: 'DOT', amount: 50 });
    tick();
    const r = manual.importCsv('asset;amount;wallet\nBTC;0,7;LEDGER\nLINK;12;Ledger\n');
    expect(r).toMatchObject({ added: 1, updated: 1, unchanged: 0, walletsCreated: [] });
    const l = manual.list().wallets;
    expect(l).toHaveLength(1);
    const byAsset = Object.fromEntries(l[0]!.holdings.map((h) => [h.asset, h]));
    expect(byAsset['BTC']).toMatchObject({ amount: 0.7, note: 'kept', updatedAt: T0 + 1000 });
    expect(byAsset['DOT']).toMatchObject({ amount: 50, updatedAt: T0 });
    expect(byAsset['LINK']?.amount).toBe(12);
  });

  it('replace-wallet mode leaves each named wallet with exactly the file rows, other wallets untouched', () => {
    const { manual } = setup();
    const ledger = manual.addWallet({ label: 'Ledger' });
    const other = manual.addWallet({ label: 'Other' });
    manual.add({ walletId: ledger.id, asset: 'BTC', amount: 1 });
    manual.add({ walletId: ledger.id, asset: 'DOGE', amount: 1000 });
    manual.add({ walletId: other.id, asset: 'DOGE', amount: 5 });

    const preview = manual.previewCsv('asset,amount,wallet\nBTC,2,Ledger\n', { mode: 'replace-wallet' });
    expect(preview.removals).toEqual([{ wallet: 'Ledger', asset: 'DOGE' }]);
    expect(preview.actions).toEqual(['update']);
    expect(manual.list().wallets.find((w) => w.id === ledger.id)?.holdings).toHaveLength(2);

    const r = manual.importCsv('asset,amount,wallet\nBTC,2,Ledger\n', { mode: 'replace-wallet' });
    expect(r).toMatchObject({ updated: 1, removed: 1 });
    const list = manual.list().wallets;
    expect(list.find((w) => w.id === ledger.id)?.holdings.map((h) => `${h.asset}=${h.amount}`)).toEqual(['BTC=2']);
    expect(list.find((w) => w.id === other.id)?.holdings.map((h) => `${h.asset}=${h.amount}`)).toEqual(['DOGE=5']);
  });

  it('sends rows without a wallet to the chosen wallet', () => {
    const { manual } = setup();
    const trezor = manual.addWallet({ label: 'Trezor' });
    const preview = manual.previewCsv('asset,amount\nBTC,1\nETH,2\n', { walletId: trezor.id });
    expect(preview.newWallets).toEqual([]);
    expect(preview.rows.every((r) => r.wallet === 'Trezor')).toBe(true);
    manual.importCsv('asset,amount\nBTC,1\nETH,2\n', { walletId: trezor.id });
    expect(manual.list().wallets.map((w) => [w.label, w.holdings.length])).toEqual([['Trezor', 2]]);
    // Without a target, such rows go to a "Manual" wallet created on the way.
    const r = manual.importCsv('asset,amount\nBTC,1\n');
    expect(r.walletsCreated).toEqual(['Manual']);
  });

  it('previews without saving and accepts raw bytes', () => {
    const store = new MemoryStore();
    const { manual } = setup(store);
    const bytes = new Uint8Array([
      0xff,
      0xfe,
      ...Array.from('asset,amount\nBTC,1\n').flatMap((c) => [c.charCodeAt(0), 0]),
    ]);
    const preview = manual.previewCsv(bytes);
    expect(preview.rows.map((r) => r.asset)).toEqual(['BTC']);
    expect(preview.actions).toEqual(['add']);
    expect(preview.newWallets).toEqual(['Manual']);
    expect(store.writes).toBe(0);
    expect(manual.importCsv(bytes).added).toBe(1);
    expect(store.writes).toBe(1);
  });

  it('writes a whole import in one store write, and nothing at all when that write fails', () => {
    const store = new MemoryStore();
    const { manual } = setup(store);
    const w = manual.addWallet({ label: 'Ledger' });
    manual.add({ walletId: w.id, asset: 'BTC', amount: 0.1 });
    const before = structuredClone(store.data);
    const writes = store.writes;

    store.failWrites = true;
    expect(codeOf(() => manual.importCsv(FILE))).toBe('save-failed');
    expect(store.data).toEqual(before);
    expect(manual.list().wallets.map((x) => x.label)).toEqual(['Ledger']);

    store.failWrites = false;
    const r = manual.importCsv(FILE);
    expect(store.writes).toBe(writes + 1);
    expect(r.added + r.updated).toBe(3);
  });

  it('refuses a file-level problem without writing', () => {
    const store = new MemoryStore();
    const { manual } = setup(store);
    expect(codeOf(() => manual.importCsv('name,value\nBTC,1\n'))).toBe('csv-invalid');
    expect(codeOf(() => manual.importCsv(new Uint8Array(3 * 1024 * 1024)))).toBe('csv-invalid');
    expect(codeOf(() => manual.importCsv('asset,amount\nBTC,1\n', { walletId: 'missing' }))).toBe('not-found');
    expect(store.writes).toBe(0);
  });
});

describe('ManualHoldings for the portfolio', () => {
  it('exposes positions (positive amounts) and manual custodies', () => {
    const { manual } = setup();
    const a = manual.addWallet({ label: 'Ledger', platform: 'Hardware wallet' });
    const b = manual.addWallet({ label: 'Aunt Mary' });
    manual.add({ walletId: a.id, asset: 'BTC', amount: 0.5 });
    manual.add({ walletId: a.id, asset: 'ETH', amount: 0 });
    manual.add({ walletId: b.id, asset: 'BTC', amount: 0.1 });

    expect(manual.positions().sort((x, y) => x.amount - y.amount)).toEqual([
      { custodyId: b.id, asset: 'BTC', amount: 0.1 },
      { custodyId: a.id, asset: 'BTC', amount: 0.5 },
    ]);
    expect(manual.custodies()).toEqual([
      { id: b.id, label: 'Aunt Mary', kind: 'manual', platform: 'Manual' },
      { id: a.id, label: 'Ledger', kind: 'manual', platform: 'Hardware wallet' },
    ]);
    expect(manual.hasHoldings()).toBe(true);
  });

  it('notifies listeners after changes', () => {
    const { manual } = setup();
    let calls = 0;
    const off = manual.onChange(() => calls++);
    const w = manual.addWallet({ label: 'Ledger' });
    manual.add({ walletId: w.id, asset: 'BTC', amount: 1 });
    off();
    manual.add({ walletId: w.id, asset: 'ETH', amount: 1 });
    expect(calls).toBe(2);
  });

  it('ignores hand-edited entries that break the schema instead of failing', () => {
    const store = new MemoryStore();
    store.data = {
      wallets: [{ id: 'w1', label: 'Ledger', platform: '', createdAt: T0 }],
      holdings: [
        { id: 'h1', walletId: 'w1', asset: 'BTC', amount: 1, updatedAt: T0 },
        { id: 'h2', walletId: 'w1', asset: 'ETH', amount: -5, updatedAt: T0 },
        { id: 'h3', walletId: 'gone', asset: 'SOL', amount: 1, updatedAt: T0 },
      ],
    };
    const { manual } = setup(store);
    expect(manual.positions()).toEqual([{ custodyId: 'w1', asset: 'BTC', amount: 1 }]);
  });

  it('stores everything under one key of the manual-holdings file', () => {
    const { manual, dir } = setup();
    const w = manual.addWallet({ label: 'Ledger' });
    manual.add({ walletId: w.id, asset: 'BTC', amount: 1 });
    const file = JSON.parse(readFileSync(join(dir, 'manual-holdings.json'), 'utf8')) as { data: ManualHoldingsData };
    expect(Object.keys(file)).toEqual(['data']);
    expect(file.data.holdings.map((h) => h.asset)).toEqual(['BTC']);
  });
});

describe('holdings channels and handlers', () => {
  it('gives one ManualHoldings per app, shared with the handlers and the portfolio', async () => {
    const app = await startApp({ prefix: 'ballast-manual-ctx-' });
    const manual = app.context.holdings;
    expect(app.services.context.holdings).toBe(manual);
    const h = app.services.handlers;
    const w = await h['holdings:addWallet']({ label: 'Ledger' });
    await h['holdings:add']({ walletId: w.id, asset: 'BTC', amount: 2 });
    expect(manual.positions()).toEqual([{ custodyId: w.id, asset: 'BTC', amount: 2 }]);
    expect(app.context.portfolio().portfolio.positions).toContainEqual(
      expect.objectContaining({ custodyId: w.id, asset: 'BTC', amount: 2 }),
    );
    expect((await startApp({ prefix: 'ballast-manual-ctx-' })).context.holdings).not.toBe(manual);
  });

  it('reports an unreadable manual-holdings file as a notice and starts empty', () => {
    const dataDir = tempDir('ballast-manual-ctx-');
    const notices: string[] = [];
    writeFileSync(join(dataDir, 'manual-holdings.json'), '{"data": {"wallets": [');
    const manual = ManualHoldings.open({
      storeFactory: createConfStore,
      dataDir,
      now: () => T0,
      notice: (n) => notices.push(n.id),
    });
    expect(manual.list().wallets).toEqual([]);
    expect(notices).toEqual(['recovered:manual-holdings']);
  });

  it('validates requests strictly and with bounds', () => {
    const add = CONTRACT['holdings:add'].request;
    expect(add.parse({ walletId: 'w', asset: ' eth ', amount: 1 })).toMatchObject({ asset: 'ETH' });
    expect(add.safeParse({ walletId: 'w', asset: 'ETH', amount: 1, extra: true }).success).toBe(false);
    expect(add.safeParse({ walletId: 'w', asset: 'ETH', amount: -1 }).success).toBe(false);
    expect(add.safeParse({ walletId: 'w', asset: 'ETH', amount: Number.POSITIVE_INFINITY }).success).toBe(false);
    expect(add.safeParse({ walletId: 'w', asset: 'E TH', amount: 1 }).success).toBe(false);
    const imp = CONTRACT['holdings:importCsv'].request;
    expect(imp.parse({ text: 'asset,amount\n' })).toMatchObject({ mode: 'merge' });
    expect(imp.safeParse({ text: 'x'.repeat(2 * 1024 * 1024 + 1) }).success).toBe(false);
    expect(imp.safeParse({ text: 'a', mode: 'append' }).success).toBe(false);
    const wallet = CONTRACT['holdings:addWallet'].request;
    expect(wallet.safeParse({ label: 'x'.repeat(61) }).success).toBe(false);
    expect(CONTRACT['holdings:update'].request.parse({ id: 'h', note: null })).toEqual({ id: 'h', note: null });
  });
});
