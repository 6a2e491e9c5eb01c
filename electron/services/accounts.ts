// Longer than 400 lines: one lifecycle (add, rotate, revoke, remove...) whose steps roll back together, kept whole.
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
import type { AccountMeta, PermissionReport } from '../../shared/domain/keys';
import { keyFingerprint, secretValues, type ExchangeCredentials } from '../../shared/keys/credentials';
import { AccountStore } from './account-store';
import type { ActivityInput } from './activity';
import { clockOf, type ClockDeps } from './clock';
import { AppError } from './errors';
import {
  checkCredentials,
  checkExchange,
  checkLabel,
  errorCodeOf,
  inspectWith,
  keyCapability,
  missingKey,
  refuseDuplicate,
  storedSecrets,
  unsafeKeyError,
  type InspectKey,
  type KeyCapability,
  type NewCredentials,
} from './key-checks';
import type { JsonStore } from './store';

export type { InspectKey, NewCredentials } from './key-checks';

/** The vault operations the service needs (the real one is `Vault` in ./vault). */
export interface SecretVault {
  setSecret(accountId: string, creds: ExchangeCredentials): Promise<void>;
  getSecret(accountId: string): Promise<ExchangeCredentials | null>;
  deleteSecret(accountId: string): Promise<boolean>;
}

export interface AccountServiceDeps extends ClockDeps {
  vault: SecretVault;
  store: JsonStore<{ accounts: AccountMeta[] }>;
  /** The activity log. `redact`, when present, is given every secret before anything else sees it. */
  log: { append(input: ActivityInput): Promise<unknown>; redact?(values: readonly string[]): void };
  inspectKey: InspectKey;
}

export interface AddAccountInput extends NewCredentials {
  exchange: string;
  label: string;
  /** The user explicitly accepted a key that can place orders. */
  acceptTrade?: boolean;
}

/** Uses closer together than this are recorded once (see markUsed). */
const MARK_USED_RESOLUTION_MS = 60_000;

export class AccountService {
  private readonly deps: AccountServiceDeps;
  private readonly metas: AccountStore;
  private readonly now: () => number;
  private readonly newId: () => string;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  constructor(deps: AccountServiceDeps) {
    this.deps = deps;
    this.metas = new AccountStore(deps.store);
    ({ now: this.now, newId: this.newId } = clockOf(deps));
  }

  /** All accounts (copies), including disabled and revoked ones. */
  list(): AccountMeta[] {
    return structuredClone(this.metas.read());
  }

  get(id: string): AccountMeta | null {
    const meta = this.metas.read().find((a) => a.id === id);
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
      await refuseDuplicate(this.metas.read(), this.deps.vault, exchange, creds);

      const report = await this.inspect(exchange, creds);
      const cap = keyCapability(report);
      await this.refuseIfUnsafe(cap, input.acceptTrade === true, exchange, fingerprint, null);

      const id = this.newId();
      if (this.metas.read().some((a) => a.id === id))
        throw new AppError('internal', 'Could not create a new account id.');
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
        this.metas.write([...this.metas.read(), meta]);
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
      const meta = this.metas.require(id);
      // A key, secret or passphrase typed as the name must not reach accounts.json or the log.
      const next = checkLabel(label, await storedSecrets(this.metas.read(), this.deps.vault));
      if (next === meta.label) return structuredClone(meta);
      const updated = this.metas.update(id, (a) => ({ ...a, label: next }));
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
      const meta = this.metas.require(id);
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
      const updated = this.metas.update(id, (a) => ({ ...a, status: enabled ? 'active' : 'disabled' }));
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
      const meta = this.metas.require(id);
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
        updated = this.metas.update(id, (a) => ({
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
        this.metas.restore(meta);
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
      const meta = this.metas.require(id);
      // Keychain errors propagate: the secret is still there, so the account is not marked revoked.
      const removed = await this.deps.vault.deleteSecret(id);
      if (meta.status === 'revoked') return structuredClone(meta);
      const updated = this.metas.update(id, (a) => ({ ...a, status: 'revoked' }));
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
      const meta = this.metas.require(id);
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
      const updated = this.metas.update(id, (a) => ({
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
    const meta = this.metas.require(id);
    if (meta.lastUsedAt !== null && at - meta.lastUsedAt < MARK_USED_RESOLUTION_MS) return;
    this.metas.update(id, (a) => ({ ...a, lastUsedAt: at }));
  }

  /**
   * Credentials of an active account, for the exchange client in main. Never expose through IPC.
   */
  async credentialsFor(id: string): Promise<ExchangeCredentials> {
    const meta = this.metas.require(id);
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

  /**
   * Delete a revoked account's metadata. Its activity-log entries stay (with a last 'account-removed'
   * entry), so the log keeps verifying.
   */
  remove(id: string): Promise<void> {
    return this.serial(async () => {
      const meta = this.metas.require(id);
      if (meta.status !== 'revoked') {
        throw new AppError('invalid-account', `Revoke the key of "${meta.label}" before removing the account.`);
      }
      // Logged first: if the log cannot be written, the account stays.
      await this.deps.log.append({
        kind: 'account-removed',
        accountId: id,
        exchange: meta.exchange,
        detail: { label: meta.label, fingerprint: meta.fingerprint },
      });
      this.metas.remove(id);
    });
  }

  /** Calls `listener` after every change made through this service (not after `markUsed`). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // -------------------------------------------------------------------------------------------

  /** Runs lifecycle changes one at a time; listeners hear of each one that succeeded. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.chain.then(fn).then((out) => {
      for (const l of this.listeners) {
        try {
          l();
        } catch {
          // a failing listener must not fail the change, which is already saved
        }
      }
      return out;
    });
    this.chain = p.catch(() => undefined);
    return p;
  }

  /** Log a metadata change; if logging fails, put the metadata back and rethrow. */
  private async logOrRestore(before: AccountMeta, entry: ActivityInput): Promise<void> {
    try {
      await this.deps.log.append(entry);
    } catch (err) {
      this.metas.restore(before);
      throw err;
    }
  }

  private async rollbackAdd(id: string): Promise<void> {
    try {
      this.metas.remove(id);
    } catch {
      // Keep going: the secret must still be removed.
    }
    await this.deps.vault.deleteSecret(id).catch(() => false);
  }

  private inspect(exchange: string, creds: ExchangeCredentials, accountId?: string): Promise<PermissionReport> {
    return inspectWith(this.deps.inspectKey, exchange, creds, accountId);
  }

  /** Throw (and log the refusal) for a withdraw key, or a trade key the user has not accepted. */
  private async refuseIfUnsafe(
    cap: KeyCapability,
    acceptTrade: boolean,
    exchange: string,
    fingerprint: string,
    accountId: string | null,
  ): Promise<void> {
    const error = unsafeKeyError(cap, acceptTrade, exchange);
    if (!error) return;
    await this.deps.log
      .append({ kind: 'key-refused', accountId, exchange, detail: { reason: error.code, fingerprint } })
      .catch(() => undefined);
    throw error;
  }
}
