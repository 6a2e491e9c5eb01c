/**
 * Error mapping: injected emulator faults and credential errors, through the real ccxt client,
 * end up as the right user-facing error code.
 */
import { describe, expect, it } from 'vitest';
import type { ApiCallRecord } from '../../shared/domain/activity';
import { createExchangeClient } from '../../electron/services/exchange/client';
import {
  ccxtErrorClass,
  mapExchangeError,
  sanitizeText,
  toExchangeCallError,
  type ExchangeErrorCode,
} from '../../electron/services/exchange/errors';
import type { EmulatedExchangeId, Fault } from '../emulator/index';
import { allSecretValues, credsOf, TEST_ACCOUNTS, testConfig } from '../emulator/fixtures';
import { useEmulator } from './support/emulator';

const EXCHANGES: EmulatedExchangeId[] = ['binance', 'kraken', 'okx'];

// faults are cleared after each test
const emu = useEmulator(() => testConfig({ candleDays: 50 }));

function client(id: EmulatedExchangeId, opts: { timeoutMs?: number; onCall?: (r: ApiCallRecord) => void } = {}) {
  return createExchangeClient(id, credsOf(TEST_ACCOUNTS[id].read), {
    apiUrls: emu.urlsFor(id),
    rateLimitMs: 5,
    timeoutMs: opts.timeoutMs ?? 5_000,
    ...(opts.onCall ? { onCall: opts.onCall } : {}),
  });
}

async function failureOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

const FAULT_CASES: Array<{ fault: Fault; code: ExchangeErrorCode; retryable: boolean; status: number | null }> = [
  { fault: { kind: 'unauthorized' }, code: 'auth', retryable: false, status: 401 },
  { fault: { kind: 'forbidden' }, code: 'permission', retryable: false, status: 403 },
  { fault: { kind: 'rate-limit' }, code: 'rate-limit', retryable: true, status: 429 },
  { fault: { kind: 'server-error' }, code: 'exchange-down', retryable: true, status: 503 },
  { fault: { kind: 'server-error', status: 502 }, code: 'exchange-down', retryable: true, status: 502 },
  { fault: { kind: 'timeout' }, code: 'timeout', retryable: true, status: null },
  { fault: { kind: 'malformed-json' }, code: 'bad-response', retryable: true, status: 200 },
  { fault: { kind: 'slow', delayMs: 1_500 }, code: 'timeout', retryable: true, status: null },
];

describe.each(EXCHANGES)('%s faults', (id) => {
  it.each(FAULT_CASES)('$fault.kind ($fault.status) -> $code', async ({ fault, code, retryable, status }) => {
    const records: ApiCallRecord[] = [];
    const ex = await client(id, { timeoutMs: 400, onCall: (r) => records.push(r) });
    await ex.loadMarkets();
    emu.setFault(id, fault);
    const err = await failureOf(ex.fetchBalance());
    const mapped = mapExchangeError(err, id);
    expect(mapped.code).toBe(code);
    expect(mapped.retryable).toBe(retryable);
    const last = records[records.length - 1]!;
    expect(last.ok).toBe(false);
    expect(last.status).toBe(status);
    expect(last.errorClass).toBe(ccxtErrorClass(err));
    expect(mapped.message).not.toMatch(/https?:|\?|signature/i);
  });

  it('a slow answer within the timeout succeeds', async () => {
    const ex = await client(id, { timeoutMs: 3_000 });
    await ex.loadMarkets();
    emu.setFault(id, { kind: 'slow', delayMs: 150 });
    const balance = await ex.fetchBalance();
    expect(Object.keys(balance.total as object).length).toBeGreaterThan(0);
    expect(emu.requests[emu.requests.length - 1]!.fault).toBe('slow');
  });

  it('a fault for the next N requests stops after N', async () => {
    const ex = await client(id);
    await ex.loadMarkets();
    emu.setFault(id, { kind: 'rate-limit', times: 1 });
    expect(mapExchangeError(await failureOf(ex.fetchBalance()), id).code).toBe('rate-limit');
    await expect(ex.fetchBalance()).resolves.toBeDefined();
  });

  it('a fault limited to a path leaves other endpoints alone', async () => {
    const ex = await client(id);
    const balancePath = { binance: '/api/v3/account', kraken: '/0/private/BalanceEx', okx: '/api/v5/account/balance' }[
      id
    ];
    emu.setFault(id, { kind: 'server-error', path: balancePath });
    await ex.loadMarkets();
    await ex.fetchTickers();
    expect(mapExchangeError(await failureOf(ex.fetchBalance()), id).code).toBe('exchange-down');
  });

  it('a wrong secret is an authentication error (code auth)', async () => {
    const good = credsOf(TEST_ACCOUNTS[id].read);
    const secret = id === 'kraken' ? Buffer.from('some other secret bytes').toString('base64') : `${good.secret}x`;
    const ex = await createExchangeClient(id, { ...good, secret }, { apiUrls: emu.urlsFor(id), rateLimitMs: 5 });
    const before = emu.requests.length;
    const err = await failureOf(ex.fetchBalance());
    expect(ccxtErrorClass(err)).toBe('AuthenticationError');
    expect(mapExchangeError(err, id)).toMatchObject({ code: 'auth', retryable: false });
    // the emulator really checked (and rejected) the signature
    const signed = emu.requests.slice(before).filter((r) => r.signed);
    expect(signed.length).toBeGreaterThan(0);
    expect(signed.every((r) => r.authOk === false)).toBe(true);
  });

  it('an unknown API key is an authentication error (code auth)', async () => {
    const good = credsOf(TEST_ACCOUNTS[id].read);
    const ex = await createExchangeClient(
      id,
      { ...good, apiKey: 'key-that-does-not-exist-91' },
      {
        apiUrls: emu.urlsFor(id),
        rateLimitMs: 5,
      },
    );
    const err = await failureOf(ex.fetchBalance());
    expect(mapExchangeError(err, id).code).toBe('auth');
  });
});

describe('okx passphrase', () => {
  it('a wrong passphrase is an authentication error', async () => {
    const good = credsOf(TEST_ACCOUNTS.okx.read);
    const ex = await createExchangeClient(
      'okx',
      { ...good, password: 'wrong-pass' },
      {
        apiUrls: emu.urlsFor('okx'),
        rateLimitMs: 5,
      },
    );
    const err = await failureOf(ex.fetchBalance());
    const mapped = mapExchangeError(err, 'okx');
    expect(mapped.code).toBe('auth');
    expect(mapped.message).toContain('passphrase');
  });
});

describe('mapExchangeError without ccxt', () => {
  it('maps Node network failures and aborts', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(mapExchangeError(refused, 'kraken')).toMatchObject({ code: 'network', retryable: true, errorClass: null });
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(mapExchangeError(abort).code).toBe('timeout');
    expect(mapExchangeError('a string').code).toBe('unknown');
    expect(mapExchangeError(null).code).toBe('unknown');
  });

  it('recognises ccxt classes by name, following the hierarchy', () => {
    class OnMaintenance extends Error {
      constructor() {
        super('x');
        this.name = 'OnMaintenance';
      }
    }
    expect(mapExchangeError(new OnMaintenance(), 'okx')).toMatchObject({
      code: 'exchange-down',
      errorClass: 'OnMaintenance',
    });
    const denied = Object.assign(new Error('x'), { name: 'AccountNotEnabled' });
    expect(mapExchangeError(denied).code).toBe('permission');
    const nonce = Object.assign(new Error('x'), { name: 'InvalidNonce' });
    expect(mapExchangeError(nonce)).toMatchObject({ code: 'clock-skew', retryable: false });
  });

  it('treats unrecognised 5xx answers and generic temporary failures as exchange trouble', () => {
    const generic5xx = Object.assign(new Error('x'), { name: 'ExchangeError', httpStatus: 500 });
    expect(mapExchangeError(generic5xx)).toMatchObject({ code: 'exchange-down', retryable: true, httpStatus: 500 });
    const generic4xx = Object.assign(new Error('x'), { name: 'ExchangeError', httpStatus: 400 });
    expect(mapExchangeError(generic4xx)).toMatchObject({ code: 'unknown', retryable: false });
    const failed = Object.assign(new Error('x'), { name: 'OperationFailed' });
    expect(mapExchangeError(failed)).toMatchObject({ code: 'exchange-down', retryable: true });
    const blocked = Object.assign(new Error('x'), { name: 'ExchangeNotAvailable', httpStatus: 403 });
    expect(mapExchangeError(blocked)).toMatchObject({ code: 'permission', retryable: false });
  });

  it('wraps into an AppError-compatible error with the code', () => {
    const e = toExchangeCallError(Object.assign(new Error('x'), { name: 'RateLimitExceeded' }), 'binance');
    expect(e.code).toBe('rate-limit');
    expect(e.retryable).toBe(true);
    expect(e.message).toContain('Binance');
  });

  it('sanitizeText drops query strings and secret values', () => {
    const [key, secret] = allSecretValues();
    const raw = `binance GET http://127.0.0.1:5/binance/api/v3/account?timestamp=1&signature=abcdef 401 ${key} ${secret} apiKey=zzz`;
    const clean = sanitizeText(raw, [key!, secret!]);
    expect(clean).toContain('http://127.0.0.1:5/binance/api/v3/account');
    expect(clean).not.toMatch(/timestamp=|abcdef|zzz/);
    expect(clean).not.toContain(key!);
    expect(clean).not.toContain(secret!);
  });
});
