/**
 * Longer than the usual budget: the whole key lifecycle (add, check, rotate, revoke, remove) in one
 * place, kept whole so its order reads top to bottom.
 *
 * AccountService tests. `inspectKey` is a small function returning PermissionReports chosen by the
 * API key's prefix. Most tests use an in-memory vault; one suite runs the whole lifecycle against
 * the real OS keychain (skips locally without one, fails when CI=true; on Linux run through
 * scripts/with-keyring.sh).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountService, type SecretVault } from '../../electron/services/accounts';
import { ActivityLog } from '../../electron/services/activity';
import { AppError } from '../../electron/services/errors';
import { createConfStore, type JsonStore } from '../../electron/services/store';
import { Vault, type KeytarLike } from '../../electron/services/vault';
import type { AccountMeta, PermissionReport } from '../../shared/domain/keys';
import type { ExchangeCredentials } from '../../shared/keys/credentials';
import { cleanUpAfterEach, tempDir } from './support/cleanup';
import { MemoryVault, realKeychain, TEST_KEYCHAIN } from './support/keychain';
import { fixedClock } from './support/clock';
import { failure } from './support/errors';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

cleanUpAfterEach();

function report(status: PermissionReport['status']): PermissionReport {
  return {
    status,
    canRead: true,
    canTrade: status === 'trade' || status === 'withdraw',
    canWithdraw: status === 'withdraw',
    granted: status === 'read-only' ? ['read'] : status === 'unverified' ? [] : ['read', status],
    ipRestricted: false,
    guidance: 'Create a read-only key.',
    checkedAt: T0,
  };
}

/** Permission by prefix of the API key: ro-, tr-, wd-, un-; bad- is rejected by the "exchange". */
async function inspectKey(_exchange: string, creds: ExchangeCredentials): Promise<PermissionReport> {
  const prefix = creds.apiKey.split('-')[0];
  if (prefix === 'bad') {
    // An exchange error that (badly) echoes the key: the service must not pass it on.
    throw Object.assign(new Error(`Invalid API-key ${creds.apiKey} signature for ${creds.secret}`), { code: 'auth' });
  }
  const status = ({ ro: 'read-only', tr: 'trade', wd: 'withdraw', un: 'unverified' } as const)[
    prefix as 'ro' | 'tr' | 'wd' | 'un'
  ];
  if (!status) throw new Error('unexpected test key');
  return report(status);
}

function creds(kind: 'ro' | 'tr' | 'wd' | 'un' | 'bad', withPassword = false): ExchangeCredentials {
  return {
    apiKey: `${kind}-${randomBytes(18).toString('base64url')}`,
    secret: `sec-${randomBytes(24).toString('base64url')}`,
    ...(withPassword ? { password: `pass-${randomBytes(8).toString('hex')}` } : {}),
  };
}

async function setup(opts: { vault?: SecretVault; store?: JsonStore<{ accounts: AccountMeta[] }> } = {}) {
  const dir = tempDir('ballast-accounts-');
  const store =
    opts.store ?? createConfStore({ name: 'accounts', cwd: dir, defaults: { accounts: [] as AccountMeta[] } }).store;
  const log = await ActivityLog.open({ path: join(dir, 'activity.jsonl') });
  const vault = opts.vault ?? new MemoryVault();
  const clock = fixedClock(T0);
  let n = 0;
  const service = new AccountService({
    vault,
    store,
    log,
    inspectKey,
    now: clock.now,
    newId: () => `acc-${++n}`,
  });
  return {
    dir,
    store,
    log,
    vault,
    service,
    advance: clock.advance,
    /** Everything that could leak: store file, log file, metadata. */
    persisted(): string {
      const files = [store.path, log.path].filter((p) => existsSync(p)).map((p) => readFileSync(p, 'utf8'));
      return files.join('\n') + JSON.stringify(service.list());
    },
  };
}

function expectNoSecrets(text: string, c: ExchangeCredentials) {
  expect(text).not.toContain(c.secret);
  expect(text).not.toContain(c.apiKey);
  if (c.password) expect(text).not.toContain(c.password);
}

function errorText(err: AppError): string {
  return `${err.message} ${String(err)} ${JSON.stringify(err)} ${JSON.stringify(err.details ?? [])}`;
}

describe('AccountService.add', () => {
  it('stores a read-only key: secret in the vault, only metadata in the store, logged', async () => {
    const t = await setup();
    const c = creds('ro', true);
    const meta = await t.service.add({ exchange: 'binance', label: '  Main  ', ...c });

    expect(meta).toMatchObject({
      id: 'acc-1',
      label: 'Main',
      exchange: 'binance',
      status: 'active',
      createdAt: T0,
      keyCreatedAt: T0,
      rotatedAt: null,
      lastVerifiedAt: T0,
      tradeAccepted: false,
      fingerprint: c.apiKey.slice(-4),
    });
    expect(meta.permission?.status).toBe('read-only');
    expect(await t.vault.getSecret('acc-1')).toEqual(c);
    expect(t.service.list()).toEqual([meta]);
    expect(t.log.query({ accountId: 'acc-1' }).entries.map((e) => e.kind)).toEqual(['key-added']);
    expectNoSecrets(t.persisted(), c);
    expect((await t.log.verify()).ok).toBe(true);
  });

  it('refuses a trade-capable key without acceptance, and stores it once accepted', async () => {
    const t = await setup();
    const c = creds('tr');
    const err = await failure(t.service.add({ exchange: 'kraken', label: 'Trading', ...c }));
    expect(err.code).toBe('key-trade-needs-acceptance');
    expect(t.service.list()).toEqual([]);
    expect((t.vault as MemoryVault).items.size).toBe(0);
    expectNoSecrets(errorText(err), c);

    const meta = await t.service.add({ exchange: 'kraken', label: 'Trading', ...c, acceptTrade: true });
    expect(meta.tradeAccepted).toBe(true);
    expect(meta.permission?.status).toBe('trade');
    expect(await t.vault.getSecret(meta.id)).toEqual(c);
    const kinds = t.log.query().entries.map((e) => e.kind);
    expect(kinds).toContain('key-refused');
    expect(kinds).toContain('permission-flagged');
    expectNoSecrets(t.persisted(), c);
  });

  it('refuses a withdraw-capable key even when trade is accepted, storing nothing', async () => {
    const t = await setup();
    const c = creds('wd');
    const err = await failure(t.service.add({ exchange: 'binance', label: 'Bad', ...c, acceptTrade: true }));
    expect(err.code).toBe('key-withdraw-enabled');
    expect(err.message).toMatch(/read-only key/);
    expect(t.service.list()).toEqual([]);
    expect((t.vault as MemoryVault).items.size).toBe(0);
    expectNoSecrets(errorText(err), c);
    expectNoSecrets(t.persisted(), c);
  });

  it('reports a wrong key as auth, storing nothing and without echoing the exchange message', async () => {
    const t = await setup();
    const c = creds('bad', true);
    const err = await failure(t.service.add({ exchange: 'okx', label: 'Wrong', ...c }));
    expect(err.code).toBe('auth');
    expect(err.message).toMatch(/passphrase/);
    expect(t.service.list()).toEqual([]);
    expect((t.vault as MemoryVault).items.size).toBe(0);
    expectNoSecrets(errorText(err), c);
    expectNoSecrets(t.persisted(), c);
  });

  it("stores an unverifiable key labelled 'unverified' and flags it", async () => {
    const t = await setup();
    const meta = await t.service.add({ exchange: 'bitstamp', label: 'Old', ...creds('un') });
    expect(meta.permission?.status).toBe('unverified');
    expect(t.log.query({ kind: 'permission-flagged' }).total).toBe(1);
  });

  it('leaves nothing behind when the keychain is unavailable', async () => {
    const fail = () => Promise.reject(new Error('Cannot create an item in a locked collection'));
    const keytar: KeytarLike = { getPassword: fail, setPassword: fail, deletePassword: fail };
    const t = await setup({ vault: new Vault({ keytar, platform: 'linux' }) });
    const c = creds('ro');
    const err = await failure(t.service.add({ exchange: 'binance', label: 'Main', ...c }));
    expect(err.code).toBe('keychain-unavailable');
    expect(err.message).toMatch(/keyring/i);
    expect(t.service.list()).toEqual([]);
    expect(t.log.query({ kind: 'key-added' }).total).toBe(0);
    expectNoSecrets(errorText(err), c);
    expectNoSecrets(t.persisted(), c);
  });

  it('removes the secret again when the metadata cannot be written', async () => {
    const vault = new MemoryVault();
    let accounts: AccountMeta[] = [];
    const store: JsonStore<{ accounts: AccountMeta[] }> = {
      path: '/nonexistent/accounts.json',
      get: () => accounts as never,
      set: () => {
        throw new Error('disk full');
      },
    };
    const t = await setup({ vault, store });
    await expect(t.service.add({ exchange: 'binance', label: 'Main', ...creds('ro') })).rejects.toThrow('disk full');
    expect(vault.items.size).toBe(0);
    accounts = [];
    expect(t.service.list()).toEqual([]);
  });

  it('refuses the same key twice, a label holding the secret, and bad input', async () => {
    const t = await setup();
    const c = creds('ro');
    await t.service.add({ exchange: 'binance', label: 'Main', ...c });
    expect((await failure(t.service.add({ exchange: 'binance', label: 'Again', ...c }))).code).toBe('key-duplicate');

    const d = creds('ro');
    const leak = await failure(t.service.add({ exchange: 'binance', label: `k ${d.secret}`, ...d }));
    expect(leak.code).toBe('invalid');
    expectNoSecrets(errorText(leak), d);

    expect((await failure(t.service.add({ exchange: 'Bin ance', label: 'x', ...creds('ro') }))).code).toBe('invalid');
    expect((await failure(t.service.add({ exchange: 'binance', label: 'x', apiKey: ' ', secret: 's' }))).code).toBe(
      'invalid',
    );
    expect(t.service.list()).toHaveLength(1);
  });
});

describe('AccountService lifecycle', () => {
  it('rotates a key keeping id, createdAt and history', async () => {
    const t = await setup();
    const first = creds('ro');
    const meta = await t.service.add({ exchange: 'binance', label: 'Main', ...first });
    await t.log.appendCall(meta.id, {
      at: T0 + 1,
      exchange: 'binance',
      method: 'fetchBalance',
      endpoint: '/api/v3/account',
      status: 200,
      errorClass: null,
      durationMs: 120,
      ok: true,
    });
    t.advance(30 * 86_400_000);
    const second = creds('ro');
    const rotated = await t.service.rotate(meta.id, second);

    expect(rotated.id).toBe(meta.id);
    expect(rotated.createdAt).toBe(meta.createdAt);
    expect(rotated.keyCreatedAt).toBe(T0 + 30 * 86_400_000);
    expect(rotated.rotatedAt).toBe(rotated.keyCreatedAt);
    expect(rotated.fingerprint).toBe(second.apiKey.slice(-4));
    expect(await t.vault.getSecret(meta.id)).toEqual(second);
    expect(t.service.list()).toHaveLength(1);
    const kinds = t.log.query({ accountId: meta.id }).entries.map((e) => e.kind);
    expect(kinds).toEqual(['key-rotated', 'api-call', 'key-added']);
    expectNoSecrets(t.persisted(), first);
    expectNoSecrets(t.persisted(), second);
  });

  it('applies the same checks on rotation and keeps the old key when refused', async () => {
    const t = await setup();
    const first = creds('ro');
    const meta = await t.service.add({ exchange: 'binance', label: 'Main', ...first });

    expect((await failure(t.service.rotate(meta.id, creds('wd'), true))).code).toBe('key-withdraw-enabled');
    expect((await failure(t.service.rotate(meta.id, creds('tr')))).code).toBe('key-trade-needs-acceptance');
    expect((await failure(t.service.rotate(meta.id, creds('bad')))).code).toBe('auth');
    expect((await failure(t.service.rotate(meta.id, first))).code).toBe('key-unchanged');
    expect(await t.vault.getSecret(meta.id)).toEqual(first);
    expect(t.service.get(meta.id)).toEqual(meta);

    const tr = creds('tr');
    const accepted = await t.service.rotate(meta.id, tr, true);
    expect(accepted.tradeAccepted).toBe(true);
    expect(await t.vault.getSecret(meta.id)).toEqual(tr);
  });

  it('revokes: deletes the secret, marks the account, logs it and keeps its history', async () => {
    const t = await setup();
    const c = creds('ro');
    const meta = await t.service.add({ exchange: 'binance', label: 'Main', ...c });
    const revoked = await t.service.revoke(meta.id);
    expect(revoked.status).toBe('revoked');
    expect(await t.vault.getSecret(meta.id)).toBeNull();
    const entries = t.log.query({ accountId: meta.id }).entries;
    expect(entries.map((e) => e.kind)).toEqual(['key-revoked', 'key-added']);
    expect(entries[0]!.detail).toMatchObject({ removedFromKeychain: true });
    expect((await failure(t.service.rotate(meta.id, creds('ro')))).code).toBe('account-revoked');
    expect((await failure(t.service.setEnabled(meta.id, true))).code).toBe('account-revoked');
    expect((await failure(t.service.credentialsFor(meta.id))).code).toBe('account-revoked');
    expect((await t.log.verify()).ok).toBe(true);
  });

  it('does not mark an account revoked when the keychain refuses the deletion', async () => {
    const vault = new MemoryVault();
    const t = await setup({ vault });
    const meta = await t.service.add({ exchange: 'binance', label: 'Main', ...creds('ro') });
    vault.deleteSecret = () => Promise.reject(new AppError('keychain-unavailable', 'locked'));
    expect((await failure(t.service.revoke(meta.id))).code).toBe('keychain-unavailable');
    expect(t.service.get(meta.id)?.status).toBe('active');
    expect(t.log.query({ kind: 'key-revoked' }).total).toBe(0);
  });

  it('renames, disables and re-enables with a log entry each', async () => {
    const t = await setup();
    const meta = await t.service.add({ exchange: 'binance', label: 'Main', ...creds('ro') });
    expect((await t.service.rename(meta.id, 'Savings')).label).toBe('Savings');
    expect((await t.service.setEnabled(meta.id, false)).status).toBe('disabled');
    expect((await failure(t.service.credentialsFor(meta.id))).code).toBe('account-disabled');
    expect((await t.service.setEnabled(meta.id, true)).status).toBe('active');
    await t.service.setEnabled(meta.id, true); // no change, no entry
    expect(t.log.query({ accountId: meta.id }).entries.map((e) => e.kind)).toEqual([
      'account-enabled',
      'account-disabled',
      'key-renamed',
      'key-added',
    ]);
    expect(t.log.query({ kind: 'key-renamed' }).entries[0]!.detail).toEqual({ from: 'Main', to: 'Savings' });
    expect((await failure(t.service.rename('nope', 'x'))).code).toBe('not-found');
  });

  it('refuses a rename to a name holding a key, secret or passphrase of any account, and stores none of it', async () => {
    const t = await setup();
    const own = creds('ro', true);
    const other = creds('ro', true);
    const meta = await t.service.add({ exchange: 'okx', label: 'Main', ...own });
    await t.service.add({ exchange: 'kucoin', label: 'Other', ...other });
    for (const secret of [own.password!, own.secret, `my ${own.apiKey}`, other.password!]) {
      const err = await failure(t.service.rename(meta.id, secret));
      expect(err.code).toBe('invalid');
      expect(err.message).toMatch(/seems to contain your API key or secret/);
    }
    expect(t.service.get(meta.id)?.label).toBe('Main');
    expect(t.log.query({ kind: 'key-renamed' }).total).toBe(0);
    const persisted = t.persisted();
    for (const v of [own.password!, own.secret, own.apiKey, other.password!]) expect(persisted).not.toContain(v);
  });

  it('refuses names with control, direction-changing or invisible characters, and normalises them', async () => {
    const t = await setup();
    const meta = await t.service.add({ exchange: 'binance', label: 'Main', ...creds('ro') });
    for (const label of ['a\u0000b', 'line\nbreak', 'gpj.\u202eexe', 'Ma\u200bin', '\u2066x\u2069']) {
      expect((await failure(t.service.rename(meta.id, label))).code, JSON.stringify(label)).toBe('invalid');
    }
    expect((await t.service.rename(meta.id, 'Cafe\u0301')).label).toBe('Caf\u00e9');
  });

  it('re-verifies: records the check, and disables a key that gained withdraw permission', async () => {
    const t = await setup();
    const c = creds('ro');
    const meta = await t.service.add({ exchange: 'binance', label: 'Main', ...c });
    t.advance(1000);
    const again = await t.service.reverify(meta.id);
    expect(again.lastVerifiedAt).toBe(T0 + 1000);
    expect(again.status).toBe('active');

    // The user changed the key's permissions on the exchange: simulate with a withdraw key.
    const vault = t.vault as MemoryVault;
    vault.items.set(meta.id, { ...c, apiKey: `wd-${c.apiKey.slice(3)}` });
    const flagged = await t.service.reverify(meta.id);
    expect(flagged.status).toBe('disabled');
    expect(flagged.permission?.status).toBe('withdraw');
    const kinds = t.log.query({ accountId: meta.id }).entries.map((e) => e.kind);
    expect(kinds.slice(0, 3)).toEqual(['account-disabled', 'permission-flagged', 'key-verified']);
    expect((await failure(t.service.setEnabled(meta.id, true))).code).toBe('key-withdraw-enabled');

    vault.items.delete(meta.id);
    expect((await failure(t.service.reverify(meta.id))).code).toBe('key-missing');
    expect(t.log.query({ kind: 'key-verified', errorsOnly: true }).total).toBe(1);
  });

  it('records the latest use only', async () => {
    const t = await setup();
    const meta = await t.service.add({ exchange: 'binance', label: 'Main', ...creds('ro') });
    t.service.markUsed(meta.id, T0 + 5000);
    t.service.markUsed(meta.id, T0 + 1000);
    expect(t.service.get(meta.id)?.lastUsedAt).toBe(T0 + 5000);
  });

  it('hands credentials of active accounts to main-process callers', async () => {
    const t = await setup();
    const c = creds('ro');
    const meta = await t.service.add({ exchange: 'binance', label: 'Main', ...c });
    expect(await t.service.credentialsFor(meta.id)).toEqual(c);
  });
});

const runReal = await realKeychain('accounts');

describe.skipIf(!runReal)('AccountService with the real system keychain', () => {
  it('adds, rotates and revokes without a secret reaching any file, metadata or error', async () => {
    const dir = tempDir('ballast-accounts-real-');
    const store = createConfStore({ name: 'accounts', cwd: dir, defaults: { accounts: [] as AccountMeta[] } }).store;
    const activity = await ActivityLog.open({ path: join(dir, 'activity.jsonl') });
    // Wired as in the app: every secret the vault handles is registered with the log's guard.
    const vault = new Vault({ service: TEST_KEYCHAIN, onSecret: (v) => activity.redact(v) });
    const service = new AccountService({ vault, store, log: activity, inspectKey, newId: randomUUID });
    const c1 = creds('ro', true);
    const c2 = creds('ro');
    const meta = await service.add({ exchange: 'kucoin', label: 'Real', ...c1 });
    try {
      expect(await vault.getSecret(meta.id)).toEqual(c1);
      const rotated = await service.rotate(meta.id, c2);
      expect(rotated.id).toBe(meta.id);
      expect(await vault.getSecret(meta.id)).toEqual(c2);

      const wrong = await failure(service.rotate(meta.id, creds('bad', true)));
      expect(wrong.code).toBe('auth');

      await service.revoke(meta.id);
      expect(await vault.getSecret(meta.id)).toBeNull();

      const everything =
        readFileSync(store.path, 'utf8') +
        readFileSync(activity.path, 'utf8') +
        JSON.stringify(service.list()) +
        errorText(wrong);
      expectNoSecrets(everything, c1);
      expectNoSecrets(everything, c2);
      expect((await activity.verify()).ok).toBe(true);
    } finally {
      await vault.deleteSecret(meta.id).catch(() => false);
    }
  });
});
