import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/domain/types';
import { matchTransfers, TRANSFER_WINDOW_MS } from '../../shared/pnl/transfers';
import { day, deposit, on, withdrawal } from './support/history';

describe('transfers between own accounts', () => {
  it('matches a withdrawal with the deposit of the amount net of the fee on another account', () => {
    const r = matchTransfers([
      ...on('binance', [withdrawal(day(1), 'BTC', 0.4995, 0.0005)]),
      ...on('kraken', [deposit(day(1) + 3600_000, 'BTC', 0.4995)]),
    ]);
    expect(r.matches).toHaveLength(1);
    expect(r.matches[0]).toMatchObject({
      asset: 'BTC',
      amount: 0.4995,
      withdrawal: { accountId: 'binance' },
      deposit: { accountId: 'kraken' },
    });
    expect(r.unmatchedWithdrawals).toEqual([]);
    expect(r.unmatchedDeposits).toEqual([]);
  });

  it('also matches an exchange that reports the gross amount, and a shared transaction id whatever the amount', () => {
    const gross = matchTransfers([
      ...on('a', [withdrawal(day(1), 'ETH', 2, 0.01)]),
      ...on('b', [deposit(day(2), 'ETH', 1.99)]),
    ]);
    expect(gross.matches).toHaveLength(1);
    const byTx = matchTransfers([
      ...on('a', [withdrawal(day(1), 'ETH', 2, 0, '0xabc')]),
      ...on('b', [deposit(day(1), 'ETH', 1.7, '0xabc')]),
    ]);
    expect(byTx.matches).toHaveLength(1);
  });

  it('leaves unmatched: another asset, the same account, an amount too far off, a deposit outside the window', () => {
    const r = matchTransfers([
      ...on('a', [
        withdrawal(day(1), 'BTC', 1),
        withdrawal(day(1), 'ETH', 1),
        withdrawal(day(1), 'SOL', 10),
        withdrawal(day(1), 'ADA', 100),
        deposit(day(1), 'ETH', 1),
      ]),
      ...on('b', [
        deposit(day(1), 'SOL', 9),
        deposit(day(1) + TRANSFER_WINDOW_MS + DAY_MS, 'ADA', 100),
        deposit(day(1) - 2 * 3600_000, 'BTC', 1),
      ]),
    ]);
    expect(r.matches).toEqual([]);
    expect(r.unmatchedWithdrawals.map((w) => w.asset).sort()).toEqual(['ADA', 'BTC', 'ETH', 'SOL']);
    expect(r.unmatchedDeposits.map((d) => d.asset)).toEqual(['BTC', 'ETH', 'SOL', 'ADA']);
  });

  it('uses each deposit once, the closest amount first', () => {
    const r = matchTransfers([
      ...on('a', [withdrawal(day(1), 'BTC', 1), withdrawal(day(2), 'BTC', 1.001)]),
      ...on('b', [deposit(day(2) + 60_000, 'BTC', 1.001), deposit(day(1) + 60_000, 'BTC', 1)]),
    ]);
    expect(r.matches.map((m) => [m.withdrawal.id, m.amount])).toEqual([
      [expect.any(String), 1],
      [expect.any(String), 1.001],
    ]);
    expect(r.unmatchedDeposits).toEqual([]);
  });
});
