/**
 * Standard emulator accounts for the exchange tests: one key per permission level per exchange.
 */
import type { AccountSpec, EmulatedExchangeId, EmulatorConfig, KeyPermission } from './types';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

export interface TestKey {
  apiKey: string;
  secret: string;
  password?: string;
}

function account(
  exchange: EmulatedExchangeId,
  permission: KeyPermission,
  balances: Record<string, number>,
  ipRestricted = false,
): AccountSpec {
  const tag = `${exchange}-${permission}`;
  return {
    apiKey: `key-${tag}-7Hq2LmX9`,
    secret: exchange === 'kraken' ? b64(`kraken secret bytes for ${tag} 4f1c`) : `secret-${tag}-Zp81Kd0w3`,
    ...(exchange === 'okx' ? { passphrase: `pass-${tag}-Qw` } : {}),
    permission,
    balances,
    ipRestricted,
  };
}

export const TEST_BALANCES: Record<EmulatedExchangeId, Record<string, number>> = {
  binance: { BTC: 0.5, ETH: 4.25, USDT: 1250.5, SOL: 12 },
  kraken: { BTC: 0.125, ETH: 2, USD: 830.25, SOL: 40 },
  okx: { BTC: 1.5, USDT: 99.5, DOGE: 15000 },
};

export const TEST_ACCOUNTS: Record<EmulatedExchangeId, Record<KeyPermission, AccountSpec>> = {
  binance: {
    read: account('binance', 'read', TEST_BALANCES.binance, true),
    trade: account('binance', 'trade', TEST_BALANCES.binance),
    withdraw: account('binance', 'withdraw', TEST_BALANCES.binance),
  },
  kraken: {
    read: account('kraken', 'read', TEST_BALANCES.kraken, true),
    trade: account('kraken', 'trade', TEST_BALANCES.kraken),
    withdraw: account('kraken', 'withdraw', TEST_BALANCES.kraken),
  },
  okx: {
    read: account('okx', 'read', TEST_BALANCES.okx, true),
    trade: account('okx', 'trade', TEST_BALANCES.okx),
    withdraw: account('okx', 'withdraw', TEST_BALANCES.okx),
  },
};

/** Emulator configuration holding every test account. */
export function testConfig(
  extra: Omit<EmulatorConfig, 'exchanges'> & { krakenApiKeyInfo?: boolean } = {},
): EmulatorConfig {
  const { krakenApiKeyInfo, ...rest } = extra;
  return {
    ...rest,
    exchanges: {
      binance: { accounts: Object.values(TEST_ACCOUNTS.binance) },
      kraken: { accounts: Object.values(TEST_ACCOUNTS.kraken), apiKeyInfo: krakenApiKeyInfo ?? true },
      okx: { accounts: Object.values(TEST_ACCOUNTS.okx) },
    },
  };
}

/** Credentials (client side) of a test account. */
export function credsOf(a: AccountSpec): TestKey {
  return { apiKey: a.apiKey, secret: a.secret, ...(a.passphrase !== undefined ? { password: a.passphrase } : {}) };
}

/** Every credential value of every test account, for leak scans. */
export function allSecretValues(): string[] {
  return Object.values(TEST_ACCOUNTS).flatMap((byPerm) =>
    Object.values(byPerm).flatMap((a) => [a.apiKey, a.secret, ...(a.passphrase ? [a.passphrase] : [])]),
  );
}
