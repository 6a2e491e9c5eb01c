import { describe, expect, it } from 'vitest';
import { currencyDecimals, roundSignificant } from '../../shared/money';
import { money, price } from '../../renderer/src/lib/format';

describe('currency precision', () => {
  it('shows cents in dollars, whole yen, satoshis in BTC', () => {
    expect(currencyDecimals('USD')).toBe(2);
    expect(currencyDecimals('EUR')).toBe(2);
    expect(currencyDecimals('JPY')).toBe(0);
    expect(currencyDecimals('BTC')).toBe(8);
    expect(currencyDecimals('USD', 0)).toBe(0);
    expect(currencyDecimals('BTC', 0)).toBe(6);
    expect(currencyDecimals('JPY', 0)).toBe(0);
  });

  it('formats totals at the currency precision', () => {
    expect(money(1234.567, 'USD')).toBe('$1,234.57');
    expect(money(2500, 'USD')).toBe('$2,500.00');
    expect(money(1234567.8, 'JPY')).toBe('¥1,234,568');
    expect(money(0.123456789, 'BTC')).toBe('0.12345679 BTC');
    // axis ticks and round figures: whole dollars, but never "0 BTC" for half a bitcoin
    expect(money(1500.4, 'USD', 0)).toBe('$1,500');
    expect(money(0.5, 'BTC', 0)).toBe('0.5 BTC');
    expect(money(Number.NaN, 'USD')).toBe('unpriced');
  });

  it('keeps the significant digits of small prices', () => {
    expect(price(0.00001234, 'USD')).toBe('$0.00001234');
    expect(price(0.5, 'USD')).toBe('$0.50');
    expect(price(2953.8462, 'EUR')).toBe('€2,953.85');
    expect(price(0.05123456, 'BTC')).toBe('0.05123 BTC');
    expect(price(65000, 'USD')).toBe('$65,000.00');
    expect(price(null, 'USD')).toBe('unpriced');
  });

  it('rounds away binary noise, keeping small values', () => {
    expect(roundSignificant(3.6000000000000005, 12)).toBe(3.6);
    expect(roundSignificant(0.1 + 0.2, 12)).toBe(0.3);
    expect(roundSignificant(0.000012345678912345, 8)).toBe(0.000012345679);
    expect(roundSignificant(0, 8)).toBe(0);
  });
});
