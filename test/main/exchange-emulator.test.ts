/**
 * The emulator itself: it must verify request signatures the way the real exchanges do, so the
 * client tests prove something. Raw HTTP requests signed by hand (node:crypto), no ccxt.
 */
import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index';
import { TEST_ACCOUNTS, testConfig } from '../emulator/fixtures';

let emu: Emulator;
let base: string;
beforeAll(async () => {
  emu = await startEmulator(testConfig({ candleDays: 30 }));
  base = `http://127.0.0.1:${emu.port}`;
});
afterAll(async () => {
  await emu.close();
});

async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: res.status, body };
}

describe('binance signatures', () => {
  const acct = TEST_ACCOUNTS.binance.read;
  const sign = (query: string, secret = acct.secret): string =>
    `${query}&signature=${createHmac('sha256', secret).update(query).digest('hex')}`;

  it('accepts a correctly signed request and rejects a tampered one', async () => {
    const q = `timestamp=${Date.now()}&recvWindow=5000`;
    const ok = await call(`${base}/binance/api/v3/account?${sign(q)}`, { headers: { 'X-MBX-APIKEY': acct.apiKey } });
    expect(ok.status).toBe(200);
    expect((ok.body as { balances: unknown[] }).balances.length).toBeGreaterThan(0);
    const tampered = sign(q).replace('recvWindow=5000', 'recvWindow=6000');
    const bad = await call(`${base}/binance/api/v3/account?${tampered}`, { headers: { 'X-MBX-APIKEY': acct.apiKey } });
    expect(bad).toEqual({ status: 400, body: { code: -1022, msg: 'Signature for this request is not valid.' } });
    expect(emu.requests.slice(-2).map((r) => r.authOk)).toEqual([true, false]);
  });

  it('rejects a missing or unknown key and a stale timestamp', async () => {
    const q = sign(`timestamp=${Date.now()}`);
    expect((await call(`${base}/binance/api/v3/account?${q}`)).body).toMatchObject({ code: -2014 });
    const unknown = await call(`${base}/binance/api/v3/account?${q}`, { headers: { 'X-MBX-APIKEY': 'nope' } });
    expect(unknown).toMatchObject({ status: 401, body: { code: -2015 } });
    const stale = sign(`timestamp=${Date.now() - 60_000}`);
    const old = await call(`${base}/binance/api/v3/account?${stale}`, { headers: { 'X-MBX-APIKEY': acct.apiKey } });
    expect(old.body).toMatchObject({ code: -1021 });
  });
});

describe('kraken signatures', () => {
  const acct = TEST_ACCOUNTS.kraken.read;
  function signed(path: string, nonce: number, signPath = path): RequestInit {
    const body = `nonce=${nonce}`;
    const hash = createHash('sha256').update(`${nonce}${body}`).digest();
    const sig = createHmac('sha512', Buffer.from(acct.secret, 'base64'))
      .update(Buffer.concat([Buffer.from(signPath), hash]))
      .digest('base64');
    return {
      method: 'POST',
      body,
      headers: { 'API-Key': acct.apiKey, 'API-Sign': sig, 'Content-Type': 'application/x-www-form-urlencoded' },
    };
  }

  it('accepts a good signature, then rejects a replayed nonce', async () => {
    const nonce = Date.now() * 1000;
    const first = await call(`${base}/kraken/0/private/BalanceEx`, signed('/0/private/BalanceEx', nonce));
    expect((first.body as { error: string[] }).error).toEqual([]);
    const replay = await call(`${base}/kraken/0/private/BalanceEx`, signed('/0/private/BalanceEx', nonce));
    expect(replay.body).toEqual({ error: ['EAPI:Invalid nonce'] });
  });

  it('rejects a signature made over another path', async () => {
    const r = await call(
      `${base}/kraken/0/private/BalanceEx`,
      signed('/0/private/BalanceEx', Date.now() * 1000 + 5, '/0/private/Balance'),
    );
    expect(r.body).toEqual({ error: ['EAPI:Invalid signature'] });
  });
});

describe('okx signatures', () => {
  const acct = TEST_ACCOUNTS.okx.read;
  function headers(path: string, ts = new Date().toISOString(), passphrase = acct.passphrase!): Record<string, string> {
    return {
      'OK-ACCESS-KEY': acct.apiKey,
      'OK-ACCESS-PASSPHRASE': passphrase,
      'OK-ACCESS-TIMESTAMP': ts,
      'OK-ACCESS-SIGN': createHmac('sha256', acct.secret).update(`${ts}GET${path}`).digest('base64'),
    };
  }

  it('accepts a good signature and checks the query string is signed', async () => {
    const path = '/api/v5/account/balance?ccy=BTC';
    expect((await call(`${base}/okx${path}`, { headers: headers(path) })).body).toMatchObject({ code: '0' });
    const unsignedQuery = await call(`${base}/okx${path}`, { headers: headers('/api/v5/account/balance') });
    expect(unsignedQuery).toMatchObject({ status: 401, body: { code: '50113' } });
  });

  it('rejects an expired timestamp and a wrong passphrase', async () => {
    const path = '/api/v5/account/config';
    const old = new Date(Date.now() - 120_000).toISOString();
    expect((await call(`${base}/okx${path}`, { headers: headers(path, old) })).body).toMatchObject({ code: '50102' });
    const wrong = await call(`${base}/okx${path}`, { headers: headers(path, undefined, 'bad') });
    expect(wrong.body).toMatchObject({ code: '50105' });
  });
});

describe('market data', () => {
  it('serves deterministic candles whose last close is the configured price', async () => {
    const other = await startEmulator(testConfig({ candleDays: 30 }));
    try {
      expect(other.candles('binance', 'BTC', 'USDT')).toEqual(emu.candles('binance', 'BTC', 'USDT'));
    } finally {
      await other.close();
    }
    const candles = emu.candles('okx', 'SOL', 'USDT');
    expect(candles).toHaveLength(30);
    expect(candles[candles.length - 1]!.c).toBe(150);
    for (const c of candles) {
      expect(c.h).toBeGreaterThanOrEqual(Math.max(c.o, c.c));
      expect(c.l).toBeLessThanOrEqual(Math.min(c.o, c.c));
    }
    const withSeed = await startEmulator({ ...testConfig({ candleDays: 30 }), seed: 99 });
    try {
      expect(withSeed.candles('okx', 'SOL', 'USDT')[0]!.c).not.toBe(candles[0]!.c);
    } finally {
      await withSeed.close();
    }
  });
});
