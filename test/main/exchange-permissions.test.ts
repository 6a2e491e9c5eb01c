/**
 * Least-privilege check: what an API key may do, asked of the exchange through ccxt.
 */
import { describe, expect, it } from 'vitest';
import { createExchangeClient } from '../../electron/services/exchange/client';
import { FEATURED_EXCHANGES, PERMISSION_CHECKED_EXCHANGES } from '../../electron/services/exchange/catalog';
import { ccxtErrorClass, isAuthenticationFailure } from '../../electron/services/exchange/errors';
import { inspectKey } from '../../electron/services/exchange/index';
import { checkPermissions, exchangeGuidance } from '../../electron/services/exchange/permissions';
import type { EmulatedExchangeId, Emulator, KeyPermission } from '../emulator/index';
import { credsOf, TEST_ACCOUNTS, testConfig } from '../emulator/fixtures';
import { useEmulator } from './support/emulator';

const emu = useEmulator(() => testConfig({ candleDays: 10 }));
const emuNoKeyInfo = useEmulator(() => testConfig({ candleDays: 10, krakenApiKeyInfo: false }));

const EXPECTED = { read: 'read-only', trade: 'trade', withdraw: 'withdraw' } as const;

function clientFor(id: EmulatedExchangeId, perm: KeyPermission, e: Emulator = emu) {
  return createExchangeClient(id, credsOf(TEST_ACCOUNTS[id][perm]), { apiUrls: e.urlsFor(id), rateLimitMs: 5 });
}

describe.each(['binance', 'okx', 'kraken'] as const)('%s key permissions', (id) => {
  it.each(['read', 'trade', 'withdraw'] as const)('a %s key is reported as such', async (perm) => {
    const report = await checkPermissions(await clientFor(id, perm), id, () => 1_700_000_000_000);
    expect(report.status).toBe(EXPECTED[perm]);
    expect(report.canRead).toBe(true);
    expect(report.canTrade).toBe(perm !== 'read');
    expect(report.canWithdraw).toBe(perm === 'withdraw');
    expect(report.granted.length).toBeGreaterThan(0);
    expect(report.checkedAt).toBe(1_700_000_000_000);
    expect(report.guidance).toBe(exchangeGuidance(id));
    // the read keys of the fixtures are IP-restricted, the others are not
    expect(report.ipRestricted).toBe(perm === 'read');
  });

  it('a wrong secret throws the authentication error instead of a report', async () => {
    const good = credsOf(TEST_ACCOUNTS[id].read);
    const secret = id === 'kraken' ? Buffer.from('another secret entirely').toString('base64') : `${good.secret}0`;
    const client = await createExchangeClient(id, { ...good, secret }, { apiUrls: emu.urlsFor(id), rateLimitMs: 5 });
    const err = await checkPermissions(client, id).catch((e: unknown) => e);
    expect(ccxtErrorClass(err)).toBe('AuthenticationError');
    expect(isAuthenticationFailure(err)).toBe(true);
  });

  it('a failing check (exchange error) gives unverified with guidance', async () => {
    const client = await clientFor(id, 'withdraw');
    emu.setFault(id, { kind: 'server-error', times: 1 });
    const report = await checkPermissions(client, id);
    emu.setFault(id, null);
    expect(report.status).toBe('unverified');
    expect(report.canWithdraw).toBe(false);
    expect(report.guidance).toContain(exchangeGuidance(id));
    expect(report.guidance).toMatch(/read-only/);
  });
});

describe('kraken without GetApiKeyInfo', () => {
  it('reports unverified with Kraken guidance', async () => {
    const report = await checkPermissions(await clientFor('kraken', 'withdraw', emuNoKeyInfo), 'kraken');
    expect(report.status).toBe('unverified');
    expect(report.guidance).toContain('Kraken');
    expect(report.guidance).toContain('Query Funds');
  });

  it('inspectKey verifies the key with a balance call when the check cannot tell', async () => {
    const before = emuNoKeyInfo.requests.length;
    const report = await inspectKey('kraken', credsOf(TEST_ACCOUNTS.kraken.read), {
      apiUrls: emuNoKeyInfo.urlsFor('kraken'),
      rateLimitMs: 5,
    });
    expect(report.status).toBe('unverified');
    const paths = emuNoKeyInfo.requests.slice(before).map((r) => r.path);
    expect(paths[0]).toBe('/0/private/GetApiKeyInfo');
    expect(paths[paths.length - 1]).toBe('/0/private/BalanceEx');
  });

  it('inspectKey catches a wrong secret even when the permission check itself fails', async () => {
    const good = credsOf(TEST_ACCOUNTS.kraken.read);
    const bad = { ...good, secret: Buffer.from('not the kraken secret').toString('base64') };
    // the check is answered by an outage before the key is looked at; the balance call then fails on auth
    emuNoKeyInfo.setFault('kraken', { kind: 'server-error', path: 'GetApiKeyInfo', times: 1 });
    const err = (await inspectKey('kraken', bad, { apiUrls: emuNoKeyInfo.urlsFor('kraken'), rateLimitMs: 5 }).catch(
      (e: unknown) => e,
    )) as { code?: string; message?: string };
    expect(err.code).toBe('auth');
    expect(err.message).not.toContain(bad.secret);
    const last = emuNoKeyInfo.requests[emuNoKeyInfo.requests.length - 1]!;
    expect(last).toMatchObject({ path: '/0/private/BalanceEx', authOk: false });
  });

  it('inspectKey maps a wrong secret to code auth', async () => {
    const good = credsOf(TEST_ACCOUNTS.kraken.read);
    const bad = { ...good, secret: Buffer.from('yet another wrong secret').toString('base64') };
    const err = (await inspectKey('kraken', bad, { apiUrls: emu.urlsFor('kraken'), rateLimitMs: 5 }).catch(
      (e: unknown) => e,
    )) as { code?: string };
    expect(err.code).toBe('auth');
  });
});

describe('inspectKey with a checkable exchange', () => {
  it('reports withdraw keys on okx and maps wrong credentials to code auth', async () => {
    const report = await inspectKey('okx', credsOf(TEST_ACCOUNTS.okx.withdraw), {
      apiUrls: emu.urlsFor('okx'),
      rateLimitMs: 5,
    });
    expect(report.status).toBe('withdraw');
    const err = (await inspectKey(
      'okx',
      { ...credsOf(TEST_ACCOUNTS.okx.read), apiKey: 'unknown-key-000' },
      { apiUrls: emu.urlsFor('okx'), rateLimitMs: 5 },
    ).catch((e: unknown) => e)) as { code?: string };
    expect(err.code).toBe('auth');
  });
});

describe('exchanges checked through payloads (no emulator)', () => {
  /** A client whose implicit method answers with `payload`, so no network is used. */
  async function stubbed(id: string, method: string, payload: unknown) {
    const client = await createExchangeClient(id, { apiKey: 'k-1234', secret: 's-5678', password: 'p-90' });
    expect(typeof (client as unknown as Record<string, unknown>)[method]).toBe('function');
    (client as unknown as Record<string, unknown>)[method] = async () => payload;
    return client;
  }

  it('bybit: readOnly, Wallet/Withdraw and IP binding', async () => {
    const ro = await stubbed('bybit', 'privateGetV5UserQueryApi', {
      retCode: 0,
      result: { readOnly: 1, permissions: { ContractTrade: [], Spot: [], Wallet: [] }, ips: ['*'] },
    });
    expect(await checkPermissions(ro, 'bybit')).toMatchObject({ status: 'read-only', ipRestricted: false });
    const tr = await stubbed('bybit', 'privateGetV5UserQueryApi', {
      result: { readOnly: 0, permissions: { Spot: ['SpotTrade'], Wallet: ['AccountTransfer'] }, ips: ['198.51.100.4'] },
    });
    expect(await checkPermissions(tr, 'bybit')).toMatchObject({ status: 'trade', ipRestricted: true });
    const wd = await stubbed('bybit', 'privateGetV5UserQueryApi', {
      result: { readOnly: 0, permissions: { Wallet: ['AccountTransfer', 'Withdraw'] }, ips: [] },
    });
    expect((await checkPermissions(wd, 'bybit')).status).toBe('withdraw');
  });

  it('kucoin: General only is read-only, Spot is trade, Transfer is withdraw', async () => {
    const cases: Array<[string, string]> = [
      ['General', 'read-only'],
      ['General,Spot', 'trade'],
      ['General,InnerTransfer', 'trade'],
      ['General,Spot,Transfer', 'withdraw'],
      ['General,SomethingNew', 'trade'],
    ];
    for (const [permission, status] of cases) {
      const c = await stubbed('kucoin', 'privateGetUserApiKey', {
        code: '200000',
        data: { permission, ipWhitelist: '' },
      });
      expect((await checkPermissions(c, 'kucoin')).status, permission).toBe(status);
    }
  });

  it('coinbase: can_view / can_trade / can_transfer', async () => {
    const mk = (t: boolean, w: boolean) =>
      stubbed('coinbase', 'v3PrivateGetBrokerageKeyPermissions', {
        can_view: true,
        can_trade: t,
        can_transfer: w,
        portfolio_uuid: 'x',
        portfolio_type: 'DEFAULT',
      });
    expect((await checkPermissions(await mk(false, false), 'coinbase')).status).toBe('read-only');
    expect((await checkPermissions(await mk(true, false), 'coinbase')).status).toBe('trade');
    expect((await checkPermissions(await mk(false, true), 'coinbase')).status).toBe('withdraw');
  });

  it('an unreadable answer is never taken as read-only', async () => {
    const c = await stubbed('bybit', 'privateGetV5UserQueryApi', { result: { note: 'new format' } });
    const report = await checkPermissions(c, 'bybit');
    expect(report.status).toBe('unverified');
    expect(report.guidance).toContain('Bybit');
  });

  it('binance: unknown enable* flags count as trade-capable', async () => {
    const c = await stubbed('binance', 'sapiGetAccountApiRestrictions', {
      ipRestrict: false,
      enableReading: true,
      enableWithdrawals: false,
      enableSpotAndMarginTrading: false,
      enableShinyNewThing: true,
    });
    expect((await checkPermissions(c, 'binance')).status).toBe('trade');
  });
});

describe('exchanges without a permission endpoint', () => {
  it.each(['gate', 'bitget'])('%s is unverified without any network call', async (id) => {
    const client = await createExchangeClient(id, { apiKey: 'k-1234', secret: 's-5678', password: 'p-90' });
    client.fetch = async () => {
      throw new Error('no network expected');
    };
    const report = await checkPermissions(client, id);
    expect(report.status).toBe('unverified');
    expect(report.guidance).toContain(exchangeGuidance(id));
  });
});

describe('guidance', () => {
  it('has specific advice for every featured exchange and a generic fallback', () => {
    const generic = exchangeGuidance('someexchange');
    expect(generic).toMatch(/read-only/i);
    const texts = FEATURED_EXCHANGES.map((e) => exchangeGuidance(e.id));
    for (const [i, t] of texts.entries()) {
      expect(t).not.toBe(generic);
      expect(t).toContain(FEATURED_EXCHANGES[i]!.name);
      expect(t).toMatch(/IP/);
    }
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('every exchange said to have a check has a ccxt method for it', async () => {
    const methods: Record<string, string> = {
      binance: 'sapiGetAccountApiRestrictions',
      okx: 'privateGetAccountConfig',
      kraken: 'privatePostGetApiKeyInfo',
      bybit: 'privateGetV5UserQueryApi',
      kucoin: 'privateGetUserApiKey',
      coinbase: 'v3PrivateGetBrokerageKeyPermissions',
    };
    expect([...PERMISSION_CHECKED_EXCHANGES].sort()).toEqual(Object.keys(methods).sort());
    for (const [id, method] of Object.entries(methods)) {
      const c = await createExchangeClient(id, null);
      expect(typeof (c as unknown as Record<string, unknown>)[method], `${id}.${method}`).toBe('function');
    }
  });
});
