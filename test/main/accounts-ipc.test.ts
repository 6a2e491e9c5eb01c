/**
 * Exchange accounts end to end through the IPC router: the real services (createServices), the real
 * OS keychain (service "Ballast Test"), the real ccxt clients against the local exchange emulator.
 *
 * On Linux run it through `bash scripts/with-keyring.sh npx vitest run test/main/accounts-ipc`, which
 * provides a Secret Service. Without a keychain the suite skips locally, but FAILS when CI=true.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Vault, type KeytarLike } from '../../electron/services/vault';
import type { Emulator } from '../emulator/index';
import { allSecretValues, credsOf, TEST_ACCOUNTS, testConfig } from '../emulator/fixtures';
import { cleanUpAfterAll } from './support/cleanup';
import { startApp, type TestApp } from './support/app';
import { emulatorOptions, useEmulator } from './support/emulator';
import { realKeychain, TEST_KEYCHAIN, unavailableKeytar } from './support/keychain';
import { filesUnder } from './support/files';
import { SECOND_BINANCE_READ_KEY, WRONG_BINANCE_SECRET, WRONG_KRAKEN_SECRET } from './support/keys';
import { FEATURED_EXCHANGE_IDS } from './support/exchanges';

const SERVICE = TEST_KEYCHAIN;
const runReal = await realKeychain('accounts-ipc');

function allSecrets(): string[] {
  return [
    ...allSecretValues(),
    SECOND_BINANCE_READ_KEY.apiKey,
    SECOND_BINANCE_READ_KEY.secret,
    WRONG_BINANCE_SECRET,
    WRONG_KRAKEN_SECRET,
  ];
}

/** The app on the test keychain (or the given keytar) and the emulator, as the user starts it. */
function start(emu: Emulator, vault: { keytar?: KeytarLike } = {}): Promise<TestApp> {
  return startApp({
    prefix: 'ballast-accounts-ipc-',
    keepSchedule: true,
    vault: { service: SERVICE, timeoutMs: 20_000, ...vault },
    ...emulatorOptions(emu),
    forgetKeys: true,
  });
}

/** Keychain items of the test service whose stored value contains `text`. */
async function keychainItemsWith(text: string): Promise<string[]> {
  const mod = (await import('keytar')) as typeof import('keytar') & { default?: typeof import('keytar') };
  const keytar = mod.default ?? mod;
  const items = await keytar.findCredentials(SERVICE);
  return items.filter((i) => i.password.includes(text)).map((i) => i.account);
}

cleanUpAfterAll();

describe.skipIf(!runReal)('exchange accounts through IPC, with the real keychain and the emulator', () => {
  const emu = useEmulator(() => {
    const config = testConfig();
    config.exchanges!.binance!.accounts!.push(SECOND_BINANCE_READ_KEY);
    return config;
  });
  let h: TestApp;
  const vault = new Vault({ service: SERVICE, timeoutMs: 20_000 });
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await start(emu);
  });

  it('reports the keychain as available and offers the featured exchanges with their advice', async () => {
    const status = await h.call('keychain:status');
    expect(status.ok).toBe(true);
    expect(status.message).toMatch(/keyring|Keychain|Credential Manager/);

    const featured = await h.call('exchanges:featured');
    expect(featured.map((e) => e.id)).toEqual(FEATURED_EXCHANGE_IDS);
    const okx = featured.find((e) => e.id === 'okx')!;
    expect(okx.requiresPassword).toBe(true);
    expect(okx.hasPermissionCheck).toBe(true);
    expect(featured.find((e) => e.id === 'gate')!.hasPermissionCheck).toBe(false);
    // Each featured exchange gets its own advice, not the generic text.
    for (const e of featured) expect(e.guidance.startsWith(`On ${e.name}`), e.id).toBe(true);
  });

  it('lists every exchange that can fetch balances, featured first', async () => {
    const all = await h.call('exchanges:all');
    expect(all.length).toBeGreaterThan(50);
    expect(all.slice(0, 8).map((e) => e.id)).toEqual(FEATURED_EXCHANGE_IDS);
    expect(all.slice(0, 8).every((e) => e.featured)).toBe(true);
    expect(all.slice(8).some((e) => e.featured)).toBe(false);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    const other = all.find((e) => e.id === 'bitstamp')!;
    expect(other.hasPermissionCheck).toBe(false);
    expect(other.guidance).toMatch(/read-only/);
    expect(await h.call('exchanges:all')).toEqual(all);
  });

  it('adds read-only Binance, OKX and Kraken keys as verified read-only accounts', async () => {
    for (const exchange of ['binance', 'okx', 'kraken'] as const) {
      const spec = TEST_ACCOUNTS[exchange].read;
      const acc = await h.call('accounts:add', {
        exchange,
        label: `My ${exchange}`,
        ...credsOf(spec),
      });
      ids[exchange] = acc.id;
      expect(acc.status).toBe('active');
      expect(acc.permission?.status).toBe('read-only');
      expect(acc.permission?.ipRestricted).toBe(true);
      expect(acc.lastVerifiedAt).not.toBeNull();
      expect(acc.tradeAccepted).toBe(false);
      expect(acc.fingerprint).toBe(spec.apiKey.slice(-4));
      expect(acc.hints.filter((x) => x.level === 'danger')).toEqual([]);
      expect(acc).not.toHaveProperty('apiKey');
      expect(acc).not.toHaveProperty('secret');
      expect(acc).not.toHaveProperty('password');
      // The secret is in the keychain, under the account id.
      expect(await vault.getSecret(acc.id)).toEqual(credsOf(spec));
    }
    const list = await h.call('accounts:list');
    expect(list.map((a) => a.exchange).sort()).toEqual(['binance', 'kraken', 'okx']);
  });

  it('flags a trade key: refused until explicitly accepted, then stored and flagged', async () => {
    const spec = TEST_ACCOUNTS.okx.trade;
    const before = (await h.call('accounts:list')).length;
    const err = await h.fail('accounts:add', { exchange: 'okx', label: 'OKX trading', ...credsOf(spec) });
    expect(err.code).toBe('key-trade-needs-acceptance');
    expect(err.message).toMatch(/read-only/);
    expect(await h.call('accounts:list')).toHaveLength(before);
    expect(await keychainItemsWith(spec.secret)).toEqual([]);

    const acc = await h.call('accounts:add', {
      exchange: 'okx',
      label: 'OKX trading',
      ...credsOf(spec),
      acceptTrade: true,
    });
    ids['okx-trade'] = acc.id;
    expect(acc.permission?.status).toBe('trade');
    expect(acc.tradeAccepted).toBe(true);
    expect(acc.hints.map((x) => x.code)).toContain('trade-enabled');
    const flagged = await h.call('activity:query', {
      accountId: acc.id,
      kind: 'permission-flagged',
      limit: 10,
      offset: 0,
    });
    expect(flagged.total).toBe(1);
    expect(flagged.entries[0]!.detail).toMatchObject({ permission: 'trade', accepted: true });
  });

  it('refuses a withdraw-capable key and stores nothing', async () => {
    const spec = TEST_ACCOUNTS.binance.withdraw;
    const before = await h.call('accounts:list');
    const err = await h.fail('accounts:add', {
      exchange: 'binance',
      label: 'Risky',
      ...credsOf(spec),
      acceptTrade: true,
    });
    expect(err.code).toBe('key-withdraw-enabled');
    expect(err.message).toMatch(/withdraw/);
    expect(await h.call('accounts:list')).toEqual(before);
    expect(await keychainItemsWith(spec.secret)).toEqual([]);
    const refused = await h.call('activity:query', { kind: 'key-refused', limit: 10, offset: 0 });
    expect(refused.entries.some((e) => e.exchange === 'binance' && e.detail['reason'] === 'key-withdraw-enabled')).toBe(
      true,
    );
  });

  it('rejects a wrong secret with "auth" and stores nothing', async () => {
    const before = await h.call('accounts:list');
    const err = await h.fail('accounts:add', {
      exchange: 'kraken',
      label: 'Typo',
      apiKey: TEST_ACCOUNTS.kraken.trade.apiKey,
      secret: WRONG_KRAKEN_SECRET,
    });
    expect(err.code).toBe('auth');
    const err2 = await h.fail('accounts:add', {
      exchange: 'binance',
      label: 'Typo',
      apiKey: SECOND_BINANCE_READ_KEY.apiKey,
      secret: WRONG_BINANCE_SECRET,
    });
    expect(err2.code).toBe('auth');
    expect(err2.message).toMatch(/Nothing was stored/);
    expect(await h.call('accounts:list')).toEqual(before);
    expect(await keychainItemsWith(WRONG_BINANCE_SECRET)).toEqual([]);
    expect(await keychainItemsWith(WRONG_KRAKEN_SECRET)).toEqual([]);
  });

  it('validates requests strictly without echoing what was sent', async () => {
    const spec = TEST_ACCOUNTS.binance.read;
    const extra = await h.fail('accounts:add', {
      exchange: 'binance',
      label: 'x',
      ...credsOf(spec),
      note: 'extra field',
    });
    expect(extra.code).toBe('bad-request');
    const badExchange = await h.fail('accounts:add', { exchange: '../binance', label: 'x', ...credsOf(spec) });
    expect(badExchange.code).toBe('bad-request');
    const longLabel = await h.fail('accounts:add', { exchange: 'binance', label: 'x'.repeat(61), ...credsOf(spec) });
    expect(longLabel.code).toBe('bad-request');
    const longSecret = await h.fail('accounts:add', {
      exchange: 'binance',
      label: 'x',
      apiKey: spec.apiKey,
      secret: `${spec.secret}${'z'.repeat(9000)}`,
    });
    expect(longSecret.code).toBe('bad-request');
    const unknown = await h.fail('accounts:add', { exchange: 'notanexchange', label: 'x', ...credsOf(spec) });
    expect(unknown.code).toBe('invalid');
    for (const e of [extra, badExchange, longLabel, longSecret, unknown]) {
      expect(JSON.stringify(e)).not.toContain(spec.secret);
      expect(JSON.stringify(e)).not.toContain(spec.apiKey);
    }
  });

  it('logs the calls made with each key and shows them through activity:query and activity:daily', async () => {
    // The permission checks made while adding the keys.
    const checks = await h.call('activity:query', { kind: 'api-call', limit: 500, offset: 0 });
    // (Paths carry the emulator's /<exchange> prefix.)
    const called = (exchange: string, path: string) =>
      checks.entries.some((e) => e.exchange === exchange && e.endpoint?.endsWith(path) && e.ok === true);
    expect(called('binance', '/sapi/v1/account/apiRestrictions')).toBe(true);
    expect(called('okx', '/api/v5/account/config')).toBe(true);
    expect(called('kraken', '/0/private/GetApiKeyInfo')).toBe(true);

    // Calls made with a stored key are tied to its account and update its last use.
    for (const exchange of ['binance', 'okx', 'kraken'] as const) {
      const client = await h.services.context.clientFor(ids[exchange]!);
      await client.fetchBalance();
    }
    await h.services.context.activity.flush();
    for (const exchange of ['binance', 'okx', 'kraken'] as const) {
      const page = await h.call('activity:query', { accountId: ids[exchange], kind: 'api-call', limit: 50, offset: 0 });
      expect(page.total).toBeGreaterThan(0);
      expect(page.entries.every((e) => e.exchange === exchange && e.accountId === ids[exchange])).toBe(true);
      expect(page.entries.some((e) => e.ok === true && e.status === 200)).toBe(true);
      const all = await h.call('activity:query', { accountId: ids[exchange], limit: 50, offset: 0 });
      expect(all.entries.map((e) => e.kind)).toContain('key-added');
    }
    const list = await h.call('accounts:list');
    for (const exchange of ['binance', 'okx', 'kraken']) {
      expect(list.find((a) => a.id === ids[exchange])!.lastUsedAt).not.toBeNull();
    }

    // Paging: pages are disjoint, newest first, and add up to the total.
    const first = await h.call('activity:query', { limit: 5, offset: 0 });
    const second = await h.call('activity:query', { limit: 5, offset: 5 });
    expect(first.total).toBe(second.total);
    expect(first.entries).toHaveLength(5);
    expect(first.entries.at(-1)!.seq).toBeGreaterThan(second.entries[0]!.seq);

    // Filters: lifecycle events only, text search on the endpoint, errors only.
    const lifecycle = await h.call('activity:query', { kind: 'lifecycle', limit: 500, offset: 0 });
    expect(lifecycle.total).toBeGreaterThan(0);
    expect(lifecycle.entries.every((e) => e.kind !== 'api-call')).toBe(true);
    const searched = await h.call('activity:query', { search: 'APIRESTRICTIONS', limit: 500, offset: 0 });
    expect(searched.total).toBeGreaterThan(0);
    expect(searched.entries.every((e) => e.endpoint?.endsWith('/sapi/v1/account/apiRestrictions'))).toBe(true);
    const errors = await h.call('activity:query', { kind: 'api-call', errorsOnly: true, limit: 500, offset: 0 });
    expect(errors.total).toBeGreaterThan(0); // the wrong secrets above
    expect(errors.entries.every((e) => e.ok === false)).toBe(true);

    // The chart's daily counts agree with the entries of today.
    const days = await h.call('activity:daily', { days: 30 });
    expect(days).toHaveLength(30);
    const today = days.at(-1)!;
    const todays = await h.call('activity:query', { kind: 'api-call', since: today.start, limit: 500, offset: 0 });
    const todaysErrors = await h.call('activity:query', {
      kind: 'api-call',
      errorsOnly: true,
      since: today.start,
      limit: 500,
      offset: 0,
    });
    expect(today.calls).toBe(todays.total);
    expect(today.errors).toBe(todaysErrors.total);
    const perAccount = await h.call('activity:daily', { accountId: ids['okx'], days: 7 });
    const okxCalls = await h.call('activity:query', { accountId: ids['okx'], kind: 'api-call', limit: 1, offset: 0 });
    expect(perAccount.reduce((s, d) => s + d.calls, 0)).toBe(okxCalls.total);
  });

  it('renames, disables, enables and re-verifies an account, logging each step', async () => {
    const id = ids['kraken']!;
    expect((await h.call('accounts:rename', { id, label: '  Kraken   main ' })).label).toBe('Kraken main');
    expect((await h.call('accounts:setEnabled', { id, enabled: false })).status).toBe('disabled');
    expect((await h.call('accounts:list')).find((a) => a.id === id)!.hints.map((x) => x.code)).toContain('disabled');
    expect((await h.call('accounts:setEnabled', { id, enabled: true })).status).toBe('active');
    const reverified = await h.call('accounts:reverify', { id });
    expect(reverified.permission?.status).toBe('read-only');
    const kinds = (
      await h.call('activity:query', { accountId: id, kind: 'lifecycle', limit: 50, offset: 0 })
    ).entries.map((e) => e.kind);
    expect(kinds.slice(0, 4)).toEqual(['key-verified', 'account-enabled', 'account-disabled', 'key-renamed']);
  });

  it('rotates a key: same id and history, new fingerprint and keychain item', async () => {
    const id = ids['binance']!;
    const historyBefore = await h.call('activity:query', { accountId: id, limit: 500, offset: 0 });
    const same = await h.fail('accounts:rotate', { id, ...credsOf(TEST_ACCOUNTS.binance.read) });
    expect(same.code).toBe('key-unchanged');

    const rotated = await h.call('accounts:rotate', { id, ...credsOf(SECOND_BINANCE_READ_KEY) });
    expect(rotated.id).toBe(id);
    expect(rotated.fingerprint).toBe(SECOND_BINANCE_READ_KEY.apiKey.slice(-4));
    expect(rotated.rotatedAt).not.toBeNull();
    expect(rotated.permission?.status).toBe('read-only');
    expect(await vault.getSecret(id)).toEqual(credsOf(SECOND_BINANCE_READ_KEY));

    const historyAfter = await h.call('activity:query', { accountId: id, limit: 500, offset: 0 });
    // The account keeps its history; what was added is the new key's check (API calls logged under the
    // account) and the rotation event itself.
    const added = historyAfter.entries.filter((e) => !historyBefore.entries.some((b) => b.seq === e.seq));
    expect(added[0]!.kind).toBe('key-rotated');
    expect(added.slice(1).every((e) => e.kind === 'api-call')).toBe(true);
    expect(added.length).toBeGreaterThan(1);
    expect(historyAfter.entries.slice(added.length).map((e) => e.seq)).toEqual(historyBefore.entries.map((e) => e.seq));
  });

  it('revokes a key: the keychain item is deleted, the account and its history stay', async () => {
    const id = ids['okx-trade']!;
    expect(await vault.getSecret(id)).not.toBeNull();
    const revoked = await h.call('accounts:revoke', { id });
    expect(revoked.status).toBe('revoked');
    expect(revoked.hints.map((x) => x.code)).toEqual(['revoked']);
    expect(await vault.getSecret(id)).toBeNull();
    expect((await h.fail('accounts:setEnabled', { id, enabled: true })).code).toBe('account-revoked');
    const history = await h.call('activity:query', { accountId: id, limit: 50, offset: 0 });
    expect(history.entries.map((e) => e.kind)).toEqual(['key-revoked', 'permission-flagged', 'key-added']);
  });

  it('never lets a secret or API key out: not in IPC responses, not in any file of the data folder', async () => {
    await h.services.context.activity.flush();
    const names = filesUnder(h.dataDir);
    const files = names.map((f) => join(h.dataDir, f));
    // The scan is meaningful: the account metadata and the log are among the files scanned.
    expect(names).toEqual(expect.arrayContaining(['accounts.json', 'activity.jsonl']));
    expect(readFileSync(join(h.dataDir, 'activity.jsonl'), 'utf8')).toContain('/api/v5/account/config');
    expect(h.responses.length).toBeGreaterThan(30);
    for (const secret of allSecrets()) {
      for (const res of h.responses)
        expect(res.includes(secret), `IPC response leaks ${secret.slice(0, 12)}…`).toBe(false);
      for (const file of files) {
        expect(readFileSync(file).includes(Buffer.from(secret)), `${file} leaks ${secret.slice(0, 12)}…`).toBe(false);
      }
    }
  });

  it('verifies the log chain, and reports where the file was altered', async () => {
    await h.services.context.activity.flush();
    const ok = await h.call('activity:verify');
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.entries).toBeGreaterThan(20);

    const path = join(h.dataDir, 'activity.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    const target = lines.findIndex((l) => l.includes('"kind":"key-added"'));
    const entry = JSON.parse(lines[target]!) as { seq: number; detail: { label: string } };
    lines[target] = lines[target]!.replace(`"label":"${entry.detail.label}"`, '"label":"Someone else"');
    expect(lines[target]).toContain('Someone else');
    writeFileSync(path, lines.join('\n'));

    const broken = await h.call('activity:verify');
    expect(broken).toMatchObject({ ok: false, brokenAt: entry.seq });
  });
});

describe.skipIf(!runReal)('adding an account when the keychain is unavailable', () => {
  const emu = useEmulator();

  it('fails with keychain-unavailable, makes no exchange call and stores nothing', async () => {
    const h = await start(emu, { keytar: unavailableKeytar() });
    const status = await h.call('keychain:status');
    expect(status.ok).toBe(false);
    expect(status.failure).toBe('dbus');
    expect(status.message).toMatch(/keychain is not available/);

    const requests = emu.requests.length;
    const err = await h.fail('accounts:add', {
      exchange: 'binance',
      label: 'Binance',
      ...credsOf(TEST_ACCOUNTS.binance.read),
    });
    expect(err.code).toBe('keychain-unavailable');
    expect(err.message).toMatch(/Nothing was stored/);
    expect(emu.requests.length).toBe(requests);
    expect(await h.call('accounts:list')).toEqual([]);
    await h.services.context.activity.flush();
    for (const file of filesUnder(h.dataDir)) {
      expect(readFileSync(join(h.dataDir, file)).includes(Buffer.from(TEST_ACCOUNTS.binance.read.secret))).toBe(false);
    }
  });
});
