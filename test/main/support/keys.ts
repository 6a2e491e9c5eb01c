/**
 * Exchange keys the tests use besides the emulator's fixtures (test/emulator/fixtures.ts): the read-only
 * key of every exchange, a second Binance read-only key to rotate to, and wrong secrets. A plain module
 * (no test-runner imports), so the E2E specs use the same keys.
 */
import { TEST_ACCOUNTS, TEST_BALANCES } from '../../emulator/fixtures';
import type { AccountSpec, EmulatedExchangeId } from '../../emulator/index';

/** The read-only key of every emulated exchange. */
export const READ_KEYS: Readonly<Record<EmulatedExchangeId, AccountSpec>> = {
  binance: TEST_ACCOUNTS.binance.read,
  kraken: TEST_ACCOUNTS.kraken.read,
  okx: TEST_ACCOUNTS.okx.read,
};

/** A second read-only Binance key, to rotate to; add it to the emulator's Binance accounts first. */
export const SECOND_BINANCE_READ_KEY: AccountSpec = {
  apiKey: 'key-binance-read2-Vb73RtYq',
  secret: 'secret-binance-read2-Lm40Qs8e',
  permission: 'read',
  balances: TEST_BALANCES.binance,
  ipRestricted: true,
};

/** A secret that does not belong to any Binance key. */
export const WRONG_BINANCE_SECRET = 'secret-binance-wrong-Xc55Pw1n';
/** A well-formed (base64) secret that does not belong to any Kraken key. */
export const WRONG_KRAKEN_SECRET = Buffer.from('not the kraken secret at all 9d2e').toString('base64');
