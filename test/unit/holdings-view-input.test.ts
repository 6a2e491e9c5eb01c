import { describe, expect, it } from 'vitest';
import type { ManualWalletView } from '../../shared/holdings/types';
import {
  assetNames,
  checkEdit,
  checkNewHolding,
  deleteWalletQuestion,
  readAmount,
  readTypedAmount,
  separatorsOf,
  walletNamed,
  walletsSummary,
} from '../../renderer/src/views/holdings/holding-input';

function wallet(label: string, assets: string[]): ManualWalletView {
  return {
    id: `w-${label}`,
    label,
    platform: '',
    createdAt: 0,
    holdings: assets.map((asset, i) => ({
      id: `${label}-${i}`,
      walletId: `w-${label}`,
      asset,
      amount: 1,
      updatedAt: 0,
    })),
  };
}

describe('amounts typed by hand', () => {
  it('reads decimal commas, grouped thousands and spaces like the CSV import does', () => {
    expect(readAmount('0.5')).toBe(0.5);
    expect(readAmount('1,5')).toBe(1.5);
    expect(readAmount('1 234.5')).toBe(1234.5);
    expect(readAmount('1.234,5')).toBe(1234.5);
    expect(readAmount(' 0 ')).toBe(0);
  });

  it('reads one separator before three digits with the locale, and asks when it reads two ways', () => {
    expect(separatorsOf('en-US')).toEqual({ decimal: '.', group: ',' });
    expect(separatorsOf('de-DE')).toEqual({ decimal: ',', group: '.' });
    expect(readTypedAmount('1,000', 'en-US')).toEqual({ value: 1000 });
    expect(readTypedAmount('12.500', 'de-DE')).toEqual({ value: 12500 });
    expect(readTypedAmount('1,000', 'de-DE')).toEqual({ either: [1000, 1] });
    expect(readTypedAmount('1.000', 'en-US')).toEqual({ either: [1000, 1] });
    expect(readTypedAmount('1,000', 'fr-FR')).toEqual({ either: [1000, 1] });
    expect(readAmount('1.000', 'en-US')).toBeNull();
    // Not three digits after the separator, a leading zero, or both separators: one reading only.
    expect(readTypedAmount('1,25', 'en-US')).toEqual({ value: 1.25 });
    expect(readTypedAmount('0,500', 'en-US')).toEqual({ value: 0.5 });
    expect(readTypedAmount('1,000.5', 'de-DE')).toEqual({ value: 1000.5 });
    expect(readTypedAmount('1,000,000', 'de-DE')).toEqual({ value: 1_000_000 });
  });

  it('refuses empty, negative and unreadable amounts', () => {
    for (const text of ['', '  ', '-1', 'abc', 'NaN', 'Infinity', '1e400']) expect(readAmount(text)).toBeNull();
  });
});

describe('a new holding', () => {
  const ok = { asset: ' btc ', amount: '0,5', wallet: ' Ledger ', note: '  cold  ' };

  it('is upper-cased, trimmed and read, with a note only when one was typed', () => {
    expect(checkNewHolding(ok)).toEqual({
      ok: true,
      value: { asset: 'BTC', amount: 0.5, wallet: 'Ledger', note: 'cold' },
    });
    const noNote = checkNewHolding({ ...ok, note: '   ' });
    expect(noNote.ok && 'note' in noNote.value).toBe(false);
  });

  it('reports the first problem in the order the fields are shown', () => {
    expect(checkNewHolding({ asset: 'bit coin', amount: 'x', wallet: '', note: '' })).toEqual({
      ok: false,
      problem: 'Enter the asset symbol, e.g. BTC.',
    });
    expect(checkNewHolding({ ...ok, amount: '-2', wallet: '' })).toEqual({
      ok: false,
      problem: 'Enter an amount of 0 or more, e.g. 0.5.',
    });
    expect(checkNewHolding({ ...ok, wallet: '  ' })).toEqual({
      ok: false,
      problem: 'Name the wallet or platform, e.g. Ledger.',
    });
    expect(checkNewHolding({ ...ok, asset: 'A'.repeat(21) }).ok).toBe(false);
  });

  it('is read in the user’s locale, or asked about when the amount reads two ways', () => {
    expect(checkNewHolding({ ...ok, amount: '1,000' }, 'en-US')).toMatchObject({ ok: true, value: { amount: 1000 } });
    expect(checkNewHolding({ ...ok, amount: '1,000' }, 'de-DE')).toEqual({
      ok: false,
      problem: '“1,000” could be 1000 or 1. Which one do you mean?',
      choices: [
        { label: '1000', text: '1000' },
        { label: '1', text: '1' },
      ],
    });
    expect(checkNewHolding({ ...ok, amount: '1000' }, 'de-DE')).toMatchObject({ ok: true, value: { amount: 1000 } });
    expect(checkEdit('2.500', '', 'en-US')).toMatchObject({ ok: false, choices: [{ text: '2500' }, { text: '2.5' }] });
    expect(checkEdit('2.500', '', 'de-DE')).toEqual({ ok: true, value: { amount: 2500, note: null } });
  });
});

describe('an edited holding', () => {
  it('takes a new amount and clears a blank note', () => {
    expect(checkEdit('2,25', '  ')).toEqual({ ok: true, value: { amount: 2.25, note: null } });
    expect(checkEdit('3', ' staked ')).toEqual({ ok: true, value: { amount: 3, note: 'staked' } });
    expect(checkEdit('', 'x')).toEqual({ ok: false, problem: 'Enter an amount of 0 or more.' });
  });
});

describe('wallets', () => {
  const wallets = [wallet('Ledger', ['BTC', 'ETH']), wallet('Nexo', [])];

  it('finds a wallet by its label whatever the case', () => {
    expect(walletNamed(wallets, 'LEDGER')?.id).toBe('w-Ledger');
    expect(walletNamed(wallets, 'Trezor')).toBeUndefined();
  });

  it('counts wallets and holdings, and says nothing before the first wallet', () => {
    expect(walletsSummary(wallets)).toBe('2 wallets, 2 holdings.');
    expect(walletsSummary([wallet('Ledger', ['BTC'])])).toBe('1 wallet, 1 holding.');
    expect(walletsSummary([])).toBe('');
  });

  it('asks before deleting a wallet, naming what goes with it', () => {
    expect(deleteWalletQuestion(wallets[0]!)).toBe('Delete Ledger and its 2 holdings?');
    expect(deleteWalletQuestion(wallets[1]!)).toBe('Delete Nexo?');
  });

  it('names assets from the catalog', () => {
    const names = assetNames({ btc: { symbol: 'BTC', name: 'Bitcoin' }, eth: { symbol: 'ETH', name: 'Ether' } });
    expect([...names]).toEqual([
      ['BTC', 'Bitcoin'],
      ['ETH', 'Ether'],
    ]);
    expect(assetNames(undefined).size).toBe(0);
  });
});
