/**
 * Refused request times and unverifiable certificates get their own codes, through the real ccxt
 * client against the exchange emulator (electron/services/exchange/clock.ts and errors.ts):
 *
 * - a server clock 95 s behind the computer: Binance and OKX measure the difference, send the call
 *   once more and succeed, and the correction is reported (in the app: one notice); an exchange that keeps refusing ends in
 *   `clock-skew` after that one retry; Kraken's "EAPI:Invalid nonce" is `clock-skew` at once, naming
 *   a key shared with another app;
 * - a TLS server on 127.0.0.1 with a self-signed certificate (made with `openssl` in the setup; the
 *   TLS tests skip when it is not on PATH): `tls`, and no HTTP request reached the server.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExchangeClient } from '../../electron/services/exchange/client';
import { ExchangeCallError, mapExchangeError } from '../../electron/services/exchange/errors';
import type { EmulatedExchangeId } from '../emulator/index';
import { credsOf, TEST_ACCOUNTS, testConfig } from '../emulator/fixtures';
import { startApp } from './support/app';
import { cleanUpAfterAll, tempDir } from './support/cleanup';
import { addAccounts, emulatorOptions, requestsSince, useEmulator } from './support/emulator';
import { READ_KEYS } from './support/keys';
import { memoryKeytar } from './support/keychain';

const emu = useEmulator(() => testConfig({ candleDays: 30 }));
cleanUpAfterAll();

const BALANCE_PATH: Record<EmulatedExchangeId, string> = {
  binance: '/api/v3/account',
  kraken: '/0/private/BalanceEx',
  okx: '/api/v5/account/balance',
};

function client(id: EmulatedExchangeId, onClockCorrected?: (offsetMs: number) => void, apiUrls?: unknown) {
  return createExchangeClient(id, credsOf(TEST_ACCOUNTS[id].read), {
    apiUrls: apiUrls ?? emu.urlsFor(id),
    rateLimitMs: 5,
    timeoutMs: 3_000,
    ...(onClockCorrected ? { onClockCorrected } : {}),
  });
}

async function failureOf(p: Promise<unknown>): Promise<ExchangeCallError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ExchangeCallError);
    return e as ExchangeCallError;
  }
  throw new Error('expected the call to fail');
}

describe('a refused request time', () => {
  it.each(['binance', 'okx'] as const)(
    '%s: a server clock 95 s behind is measured, corrected for once, and reported',
    async (id) => {
      const offsets: number[] = [];
      const ex = await client(id, (ms) => offsets.push(ms));
      await ex.loadMarkets();
      emu.setClockOffset(id, -95_000);
      const mark = emu.requests.length;
      const balance = await ex.fetchBalance();
      expect(Object.keys(balance.total ?? {}).length).toBeGreaterThan(0);
      // refused once, then accepted with the corrected time
      expect(requestsSince(emu, mark, id, BALANCE_PATH[id]).map((r) => r.status)).toEqual([
        id === 'binance' ? 400 : 401,
        200,
      ]);
      expect(offsets).toHaveLength(1);
      expect(Math.abs(offsets[0]! - 95_000)).toBeLessThan(5_000);
    },
  );

  it.each(['binance', 'okx'] as const)(
    '%s: still refused after the correction -> clock-skew, one retry',
    async (id) => {
      const ex = await client(id);
      await ex.loadMarkets();
      emu.setFault(id, { kind: 'clock-skew', path: BALANCE_PATH[id] });
      const mark = emu.requests.length;
      const err = await failureOf(ex.fetchBalance());
      expect(err).toMatchObject({ code: 'clock-skew', retryable: false });
      expect(err.message).toMatch(/clock is set automatically/);
      expect(requestsSince(emu, mark, id, BALANCE_PATH[id])).toHaveLength(2);
    },
  );

  it('kraken: "EAPI:Invalid nonce" -> clock-skew at once, naming a key shared with another app', async () => {
    const ex = await client('kraken');
    await ex.loadMarkets();
    emu.setFault('kraken', { kind: 'clock-skew', path: BALANCE_PATH.kraken });
    const mark = emu.requests.length;
    const err = await failureOf(ex.fetchBalance());
    expect(err).toMatchObject({ code: 'clock-skew', retryable: false });
    expect(err.message).toContain('another app uses the same API key');
    expect(requestsSince(emu, mark, 'kraken', BALANCE_PATH.kraken)).toHaveLength(1);
  });
});

describe("a sync with the computer's clock off", () => {
  it('syncs Binance after correcting for it, tells the user once, and starts the next sync corrected', async () => {
    const app = await startApp({
      prefix: 'ballast-clock-',
      ...emulatorOptions(emu, { timeoutMs: 3_000 }),
      vault: { service: 'Ballast Clock', keytar: memoryKeytar() },
    });
    const ids = await addAccounts(app, READ_KEYS);
    emu.setClockOffset('binance', -95_000);
    const run = await app.call('sync:now', { wait: true });
    expect(run.accounts.find((a) => a.accountId === ids.binance)?.status).toBe('ok');
    // the next sync starts corrected: no refused balance call
    const mark = emu.requests.length;
    await app.call('sync:now', { wait: true });
    expect(requestsSince(emu, mark, 'binance', BALANCE_PATH.binance).map((r) => r.status)).toEqual([200]);
    const notices = (await app.call('app:info')).notices.filter((n) => n.id.startsWith('clock-corrected:'));
    expect(notices.map((n) => n.id)).toEqual(['clock-corrected:binance']);
    expect(notices[0]!.message).toMatch(
      /^Your computer's clock is 9\d s off; Ballast corrected for it when calling Binance\./,
    );
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!hasOpenssl())('an unverifiable certificate (needs openssl on PATH)', () => {
  let server: Server;
  let requests = 0;
  let base = '';

  beforeAll(async () => {
    const dir = tempDir('ballast-tls-');
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ],
      { stdio: 'ignore' },
    );
    server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => {
      requests += 1;
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  it.each(['binance', 'kraken', 'okx'] as const)('%s: a self-signed certificate -> tls, nothing sent', async (id) => {
    const urls = Object.fromEntries(
      Object.entries(emu.urlsFor(id)).map(([k, v]) => [k, v.replace(/^http:\/\/[^/]+/, base)]),
    );
    const ex = await client(id, undefined, urls);
    let thrown: unknown = null;
    await ex.fetchBalance().catch((e: unknown) => (thrown = e));
    const mapped = mapExchangeError(thrown, id);
    expect(mapped.code).toBe('tls');
    expect(mapped.message).toContain('is not secure (its certificate could not be verified)');
    expect(mapped.message).toContain('Ballast did not send your request');
    expect(requests).toBe(0);
  });
});
