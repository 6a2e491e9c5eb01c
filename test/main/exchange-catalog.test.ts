/**
 * Exchange catalog: featured list, per-exchange details read from ccxt, and the full picker list.
 */
import { describe, expect, it } from 'vitest';
import {
  exchangeDisplayName,
  exchangeInfo,
  FEATURED_EXCHANGES,
  hasPermissionCheck,
  supportedExchanges,
} from '../../electron/services/exchange/catalog';
import { FEATURED_EXCHANGE_IDS } from './support/exchanges';

describe('exchange catalog', () => {
  it('featured entries agree with what ccxt requires', async () => {
    expect(FEATURED_EXCHANGES.map((e) => e.id)).toEqual(FEATURED_EXCHANGE_IDS);
    for (const f of FEATURED_EXCHANGES) {
      const info = await exchangeInfo(f.id);
      expect(info.id).toBe(f.id);
      expect(info.name).toBe(f.name);
      expect(info.requiresPassword, f.id).toBe(f.requiresPassword);
      expect(info.hasPermissionCheck).toBe(hasPermissionCheck(f.id));
    }
    expect((await exchangeInfo('okx')).requiresPassword).toBe(true);
    expect((await exchangeInfo('binance')).requiresPassword).toBe(false);
    expect(hasPermissionCheck('gate')).toBe(false);
  });

  it('names non-featured exchanges from ccxt', async () => {
    const info = await exchangeInfo('bitvavo');
    expect(info.name).toBe('Bitvavo');
    expect(info.hasPermissionCheck).toBe(false);
    expect(exchangeDisplayName('okx')).toBe('OKX');
    expect(exchangeDisplayName('somewhere')).toBe('Somewhere');
  });

  it('rejects unknown exchanges', async () => {
    await expect(exchangeInfo('no-such-exchange')).rejects.toThrow(/Unsupported exchange/);
  });

  it('lists every ccxt exchange that can fetch balances, featured first', async () => {
    const list = await supportedExchanges();
    expect(list.length).toBeGreaterThan(FEATURED_EXCHANGES.length);
    expect(list.slice(0, FEATURED_EXCHANGES.length).map((e) => e.id)).toEqual(FEATURED_EXCHANGES.map((e) => e.id));
    expect(list.filter((e) => e.featured)).toHaveLength(FEATURED_EXCHANGES.length);
    const ids = list.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const rest = list.slice(FEATURED_EXCHANGES.length).map((e) => e.name);
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b)));
    expect(list.find((e) => e.id === 'bitvavo')).toMatchObject({ featured: false, requiresPassword: false });
    // cached: the same array comes back
    expect(await supportedExchanges()).toBe(list);
  });
});
