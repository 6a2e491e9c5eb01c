/**
 * Exchange account lifecycle: add, rename, enable/disable, rotate, revoke and re-verify API keys.
 *
 * Rules:
 * - A key is inspected before anything is stored. Withdraw-capable keys are refused; trade-capable
 *   keys need explicit acceptance (`acceptTrade`); keys the exchange cannot check are stored as
 *   'unverified'.
 * - The secret goes to the keychain first, then the metadata is written; if either step fails the
 *   other is rolled back, so a failure never leaves a half-added account behind.
 * - Metadata (`AccountMeta`) never holds a secret: only the last 4 characters of the API key.
 * - Every lifecycle event is written to the activity log. Error messages never contain secrets.
 */
import { randomUUID } from 'node:crypto';
import { isErrorCode } from '../../shared/errors';
import { AppError, type ErrorCode } from './errors';
import type { ActivityInput } from './activity';
import type { JsonStore } from './store';
import type { AccountMeta, PermissionReport } from '../../shared/domain/keys';
import {
  ExchangeCredentialsSchema,
  keyFingerprint,
  secretValues,
  type ExchangeCredentials,
} from '../../shared/keys/credentials';

/** The vault operations the service needs (the real one is `Vault` in ./vault). */
export interface SecretVault {
  setSecret(accountId: string, creds: ExchangeCredentials): Promise<void>;
  getSecret(accountId: string): Promise<ExchangeCredentials | null>;
  deleteSecret(accountId: string): Promise<boolean>;
}

/** Asks the exchange what a key may do. Throws an error with `code: 'auth'` for a wrong key. */
/** Asks the exchange what a key may do; `accountId` is given when the key belongs to an existing account. */
export type InspectKey = (
  exchange: string,
  creds: ExchangeCredentials,
  accountId?: string,
) => Promise<PermissionReport>;

export interface AccountServiceDeps {
  vault: SecretVault;
  store: JsonStore<{ accounts: AccountMeta[] }>;
  /** The activity log. `redact`, when present, is given every secret before anything else sees it. */
  log: { append(input: ActivityInput): Promise<unknown>; redact?(values: readonly string[]): void };
  inspectKey: InspectKey;
  now?: () => number;
  newId?: () => string;
}

export interface NewCredentials {
  apiKey: string;
  secret: string;
  password?: string;
}

export interface AddAccountInput extends NewCredentials {
  exchange: string;
  label: string;
  /** The user explicitly accepted a key that can place orders. */
  acceptTrade?: boolean;
}

export type KeyCapability = 'withdraw' | 'trade' | 'read-only' | 'unverified';

/** What a permission report allows, most dangerous capability first. */
export function keyCapability(r: PermissionReport): KeyCapability {
  if (r.status === 'withdraw' || r.canWithdraw) return 'withdraw';
  if (r.status === 'trade' || r.canTrade) return 'trade';
  return r.status === 'unverified' ? 'unverified' : 'read-only';
}

const EXCHANGE_ID = /^[a-z0-9][a-z0-9_.-]{0,39}$/;
const MAX_LABEL = 60;
/** Uses closer together than this are recorded once (see markUsed). */
const MARK_USED_RESOLUTION_MS = 60_000;

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}

/** The error's code when it carries one of the app's codes (an AppError, or an inspector's own error). */
function errorCodeOf(err: unknown): ErrorCode | null {
  if (err instanceof AppError) return err.code;
  const code = err && typeof err === 'object' && 'code' in err ? (err as { code: unknown }).code : null;
  return isErrorCode(code) ? code : null;
}

export class AccountService {
  private readonly deps: AccountServiceDeps;
  private readonly now: () => number;
  private readonly newId: () => string;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(deps: AccountServiceDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
    this.newId = deps.newId ?? randomUUID;
  }

  /** All accounts (copies), including disabled and revoked ones. */
  list(): AccountMeta[] {
    return structuredClone(this.read());
  }

  get(id: string): AccountMeta | null {
    const meta = this.read().find((a) => a.id === id);
    return meta ? structuredClone(meta) : null;
  }

  /** Inspect a new key and, if acceptable, store it and create the account. */
  add(input: AddAccountInput): Promise<AccountMeta> {
    return this.serial(async () => {
      const exchange = checkExchange(input.exchange);
      const creds = checkCredentials(input);
      const secrets = secretValues(creds);
      this.deps.log.redact?.(secrets);
      const label = checkLabel(input.label, secrets);
      const fingerprint = keyFingerprint(creds.apiKey);
      await this.refuseDuplicate(exchange, creds);

      const report = await this.inspect(exchange, creds);
      const cap = keyCapability(report);
      await this.refuseIfUnsafe(cap, input.acceptTrade === true, exchange, fingerprint, null);

      const id = this.newId();
      if (this.read().some((a) => a.id === id)) throw new AppError('internal', 'Could not create a new account id.');
      const now = this.now();
      const meta: AccountMeta = {
        id,
        label,
        exchange,
        status: 'active',
        createdAt: now,
        keyCreatedAt: now,
        rotatedAt: null,
        lastUsedAt: null,
        lastVerifiedAt: now,
        permission: report,
        tradeAccepted: cap === 'trade',
        fingerprint,
      };

      // Secret first: a keychain failure leaves nothing behind.
      await this.deps.vault.setSecret(id, creds);
      try {
        this.write([...this.read(), meta]);
        await this.deps.log.append({
          kind: 'key-added',
          accountId: id,
          exchange,
          detail: { label, fingerprint, permission: report.status, tradeAccepted: meta.tradeAccepted },
        });
        if (cap === 'trade' || cap === 'unverified') {
          await this.deps.log.append({
            kind: 'permission-flagged',
            accountId: id,
            exchange,
            detail: { permission: report.status, accepted: cap === 'trade' },
          });
        }
      } catch (err) {
        await this.rollbackAdd(id);
        throw err;
      }
      return structuredClone(meta);
    });
  }

  rename(id: string, label: string): Promise<AccountMeta> {
    return this.serial(async () => {
      const meta = this.require(id);
      const next = checkLabel(label, []);
      if (next === meta.label) return structuredClone(meta);
      const updated = this.update(id, (a) => ({ ...a, label: next }));
      await this.logOrRestore(meta, {
        kind: 'key-renamed',
        accountId: id,
        exchange: meta.exchange,
        detail: { from: meta.label, to: next },
      });
      return updated;
    });
  }

  setEnabled(id: string, enabled: boolean): Promise<AccountMeta> {
    return this.serial(async () => {
      const meta = this.require(id);
      if (meta.status === 'revoked') {
        throw new AppError('account-revoked', `"${meta.label}" was revoked. Add a new key to use this exchange again.`);
      }
      if ((meta.status === 'active') === enabled) return structuredClone(meta);
      if (enabled && meta.permission && keyCapability(meta.permission) === 'withdraw') {
        throw new AppError(
          'key-withdraw-enabled',
          `The key of "${meta.label}" can withdraw funds, so it stays disabled. Create a read-only key on ${meta.exchange} and rotate to it.`,
        );
      }
      const updated = this.update(id, (a) => ({ ...a, status: enabled ? 'active' : 'disabled' }));
      await this.logOrRestore(meta, {
        kind: enabled ? 'account-enabled' : 'account-disabled',
        accountId: id,
        exchange: meta.exchange,
      });
      return updated;
    });
  }

  /** Replace the key of an account. Same checks as `add`; keeps id, history and createdAt. */
  rotate(id: string, newCreds: NewCredentials, acceptTrade = false): Promise<AccountMeta> {
    return this.serial(async () => {
      const meta = this.require(id);
      if (meta.status === 'revoked') {
        throw new AppError('account-revoked', `"${meta.label}" was revoked. Add the new key as a new account.`);
      }
      const creds = checkCredentials(newCreds);
      this.deps.log.redact?.(secretValues(creds));
      const fingerprint = keyFingerprint(creds.apiKey);
      // The old secret may be missing (keychain reset): rotating is then how the user repairs it.
      const old = await this.deps.vault.getSecret(id);
      if (old && old.apiKey === creds.apiKey) {
        throw new AppError('key-unchanged', 'This is the key already in use. Create a new key on the exchange first.');
      }
      const report = await this.inspect(meta.exchange, creds, id);
      const cap = keyCapability(report);
      await this.refuseIfUnsafe(cap, acceptTrade, meta.exchange, fingerprint, id);

      const now = this.now();
      await this.deps.vault.setSecret(id, creds);
      let updated: AccountMeta;
      try {
        updated = this.update(id, (a) => ({
          ...a,
          keyCreatedAt: now,
          rotatedAt: now,
          lastVerifiedAt: now,
          permission: report,
          tradeAccepted: cap === 'trade',
          fingerprint,
        }));
        await this.deps.log.append({
          kind: 'key-rotated',
          accountId: id,
          exchange: meta.exchange,
          detail: { fromFingerprint: meta.fingerprint, toFingerprint: fingerprint, permission: report.status },
        });
      } catch (err) {
        this.restore(meta);
        if (old) await this.deps.vault.setSecret(id, old).catch(() => undefined);
        else await this.deps.vault.deleteSecret(id).catch(() => false);
        throw err;
      }
      if (cap === 'trade' || cap === 'unverified') {
        await this.deps.log.append({
          kind: 'permission-flagged',
          accountId: id,
          exchange: meta.exchange,
          detail: { permission: report.status, accepted: cap === 'trade' },
        });
      }
      return updated;
    });
  }

  /** Delete the key from the keychain and mark the account revoked. Its activity history stays. */
  revoke(id: string): Promise<AccountMeta> {
    return this.serial(async () => {
      const meta = this.require(id);
      // Keychain errors propagate: the secret is still there, so the account is not marked revoked.
      const removed = await this.deps.vault.deleteSecret(id);
      if (meta.status === 'revoked') return structuredClone(meta);
      const updated = this.update(id, (a) => ({ ...a, status: 'revoked' }));
      await this.deps.log.append({
        kind: 'key-revoked',
        accountId: id,
        exchange: meta.exchange,
        detail: { fingerprint: meta.fingerprint, removedFromKeychain: removed },
      });
      return updated;
    });
  }

  /**
   * Ask the exchange again what the key may do. A key that gained withdraw permission is disabled;
   * a key that gained unaccepted trade permission is flagged.
   */
  reverify(id: string): Promise<AccountMeta> {
    return this.serial(async () => {
      const meta = this.require(id);
      if (meta.status === 'revoked') {
        throw new AppError('account-revoked', `"${meta.label}" was revoked; there is no key to check.`);
      }
      const creds = await this.deps.vault.getSecret(id);
      if (!creds) {
        await this.deps.log.append({
          kind: 'key-verified',
          accountId: id,
          exchange: meta.exchange,
          ok: false,
          errorClass: 'key-missing',
        });
        throw missingKey(meta);
      }
      let report: PermissionReport;
      try {
        report = await this.inspect(meta.exchange, creds, id);
      } catch (err) {
        await this.deps.log.append({
          kind: 'key-verified',
          accountId: id,
          exchange: meta.exchange,
          ok: false,
          errorClass: errorCodeOf(err) ?? 'error',
        });
        throw err;
      }
      const cap = keyCapability(report);
      const disable = cap === 'withdraw' && meta.status === 'active';
      const updated = this.update(id, (a) => ({
        ...a,
        permission: report,
        lastVerifiedAt: this.now(),
        ...(disable ? { status: 'disabled' as const } : {}),
      }));
      await this.deps.log.append({
        kind: 'key-verified',
        accountId: id,
        exchange: meta.exchange,
        ok: true,
        detail: { permission: report.status },
      });
      if (cap === 'withdraw' || (cap === 'trade' && !meta.tradeAccepted)) {
        await this.deps.log.append({
          kind: 'permission-flagged',
          accountId: id,
          exchange: meta.exchange,
          detail: { permission: report.status, accepted: false },
        });
      }
      if (disable) {
        await this.deps.log.append({
          kind: 'account-disabled',
          accountId: id,
          exchange: meta.exchange,
          detail: { reason: 'key-withdraw-enabled' },
        });
      }
      return updated;
    });
  }

  /**
   * Record that the key was used (a sync ran) at `at`. Called for every successful exchange call, so
   * the file is rewritten at most once a minute per account (the hints work in days).
   */
  markUsed(id: string, at: number): void {
    const meta = this.require(id);
    if (meta.lastUsedAt !== null && at - meta.lastUsedAt < MARK_USED_RESOLUTION_MS) return;
    this.update(id, (a) => ({ ...a, lastUsedAt: at }));
  }

  /**
   * Credentials of an active account, for the exchange client in main. Never expose through IPC.
   */
  async credentialsFor(id: string): Promise<ExchangeCredentials> {
    const meta = this.require(id);
    if (meta.status !== 'active') {
      throw new AppError(
        meta.status === 'revoked' ? 'account-revoked' : 'account-disabled',
        `"${meta.label}" is ${meta.status}.`,
      );
    }
    const creds = await this.deps.vault.getSecret(id);
    if (!creds) throw missingKey(meta);
    return creds;
  }

  // -------------------------------------------------------------------------------------------

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.chain.then(fn);
    this.chain = p.catch(() => undefined);
    return p;
  }

  private read(): AccountMeta[] {
    const list = this.deps.store.get('accounts');
    return Array.isArray(list) ? list : [];
  }

  private write(list: AccountMeta[]): void {
    this.deps.store.set('accounts', list);
  }

  private require(id: string): AccountMeta {
    const meta = this.read().find((a) => a.id === id);
    if (!meta) throw new AppError('not-found', 'This account does not exist (it may have been removed).');
    return structuredClone(meta);
  }

  /** Apply `fn` to one account in the current list (re-read, so concurrent updates are kept). */
  private update(id: string, fn: (a: AccountMeta) => AccountMeta): AccountMeta {
    let out: AccountMeta | null = null;
    const list = this.read().map((a) => {
      if (a.id !== id) return a;
      out = fn(structuredClone(a));
      return out;
    });
    if (!out) throw new AppError('not-found', 'This account does not exist (it may have been removed).');
    this.write(list);
    return structuredClone(out);
  }

  private restore(meta: AccountMeta): void {
    try {
      this.update(meta.id, () => meta);
    } catch {
      // Best effort: the original error is what the caller needs to see.
    }
  }

  /** Log a metadata change; if logging fails, put the metadata back and rethrow. */
  private async logOrRestore(before: AccountMeta, entry: ActivityInput): Promise<void> {
    try {
      await this.deps.log.append(entry);
    } catch (err) {
      this.restore(before);
      throw err;
    }
  }

  private async rollbackAdd(id: string): Promise<void> {
    try {
      this.write(this.read().filter((a) => a.id !== id));
    } catch {
      // Keep going: the secret must still be removed.
    }
    await this.deps.vault.deleteSecret(id).catch(() => false);
  }

  private async refuseDuplicate(exchange: string, creds: ExchangeCredentials): Promise<void> {
    const fingerprint = keyFingerprint(creds.apiKey);
    for (const a of this.read()) {
      if (a.exchange !== exchange || a.status === 'revoked' || a.fingerprint !== fingerprint) continue;
      const existing = await this.deps.vault.getSecret(a.id);
      if (existing?.apiKey === creds.apiKey) {
        throw new AppError('key-duplicate', `This API key is already added as "${a.label}".`);
      }
    }
  }

  private async inspect(exchange: string, creds: ExchangeCredentials, accountId?: string): Promise<PermissionReport> {
    const secrets = secretValues(creds);
    try {
      return await this.deps.inspectKey(exchange, creds, accountId);
    } catch (err) {
      const code = errorCodeOf(err);
      if (code === 'auth') {
        throw new AppError(
          'auth',
          `${exchange} rejected this API key. Check that the key, secret${creds.password ? ' and passphrase' : ''} were copied completely and that the key is still active on the exchange. Nothing was stored.`,
        );
      }
      if (code === 'keychain-unavailable') throw err;
      if (err instanceof AppError) {
        throw new AppError(
          err.code,
          scrub(err.message, secrets),
          err.details?.map((d) => scrub(d, secrets)),
        );
      }
      throw new AppError(
        code ?? 'key-check-failed',
        `Ballast could not check this key with ${exchange}. Check your connection and try again.`,
      );
    }
  }

  /** Throw (and log the refusal) for a withdraw key, or a trade key the user has not accepted. */
  private async refuseIfUnsafe(
    cap: KeyCapability,
    acceptTrade: boolean,
    exchange: string,
    fingerprint: string,
    accountId: string | null,
  ): Promise<void> {
    let error: AppError | null = null;
    if (cap === 'withdraw') {
      error = new AppError(
        'key-withdraw-enabled',
        `This API key can withdraw funds, so Ballast will not store it. Create a new read-only key on ${exchange} (read permission only, no trading, no withdrawals), add that one instead, and delete this key on the exchange.`,
      );
    } else if (cap === 'trade' && !acceptTrade) {
      error = new AppError(
        'key-trade-needs-acceptance',
        `This API key can place orders. Ballast only reads balances, so a read-only key is safer. Create a read-only key on ${exchange}, or explicitly accept this key to continue.`,
      );
    }
    if (!error) return;
    await this.deps.log
      .append({ kind: 'key-refused', accountId, exchange, detail: { reason: error.code, fingerprint } })
      .catch(() => undefined);
    throw error;
  }
}

function missingKey(meta: AccountMeta): AppError {
  return new AppError(
    'key-missing',
    `The key of "${meta.label}" is no longer in the system keychain. Rotate the key to store it again.`,
  );
}

function checkExchange(exchange: unknown): string {
  if (typeof exchange !== 'string' || !EXCHANGE_ID.test(exchange)) {
    throw new AppError('invalid', 'Choose a supported exchange.');
  }
  return exchange;
}

function checkLabel(label: unknown, secrets: readonly string[]): string {
  const text = typeof label === 'string' ? label.trim().replace(/\s+/g, ' ') : '';
  // eslint-disable-next-line no-control-regex
  if (text.length === 0 || text.length > MAX_LABEL || /[\u0000-\u001f\u007f]/.test(text)) {
    throw new AppError('invalid', `Give the account a name of 1 to ${MAX_LABEL} characters.`);
  }
  if (secrets.some((s) => s.length >= 6 && text.includes(s))) {
    throw new AppError('invalid', 'The account name seems to contain your API key or secret. Choose a different name.');
  }
  return text;
}

function checkCredentials(input: NewCredentials): ExchangeCredentials {
  const password = typeof input.password === 'string' ? input.password.trim() : '';
  const parsed = ExchangeCredentialsSchema.safeParse({
    apiKey: typeof input.apiKey === 'string' ? input.apiKey.trim() : input.apiKey,
    secret: typeof input.secret === 'string' ? input.secret.trim() : input.secret,
    ...(password ? { password } : {}),
  });
  if (!parsed.success) {
    throw new AppError(
      'invalid',
      'Paste both the API key and its secret (and the passphrase, if the exchange gave you one).',
    );
  }
  return parsed.data;
}
