/**
 * The key vault: exchange credentials in the OS keychain (macOS Keychain, Windows Credential
 * Manager, Secret Service on Linux) through keytar. Main process only.
 *
 * - One keychain item per account: service "Ballast", account = account id, value = JSON of
 *   { apiKey, secret, password? }.
 * - There is no fallback: when the keychain cannot be used, every operation throws
 *   `KeychainUnavailableError` with an actionable message. Nothing is ever written to a file.
 * - keytar's native errors are wrapped; their text is kept only as `detail` after known secrets
 *   are scrubbed from it.
 * - `getSecret` must never be reachable from IPC: only the exchange client in main calls it.
 * - Watch-only wallets keep their extended public key (or descriptor) here too, one item each under the
 *   account name "wallet:<wallet id>" (`setWatchKey`/`getWatchKey`), treated like an exchange secret.
 * - Every secret the vault sees is reported through `onSecret`, so the activity log (and the IPC
 *   error scrubber) can refuse to ever write it, even by mistake.
 * - Besides the exchange keys, Ballast keeps items of its own here (`getAppItem`...), named
 *   `app-item:<name>`: the activity log's signing key and checkpoints (electron/services/activity/signing.ts).
 *   They are never reachable from IPC either.
 */
import { AppError } from './errors';
import { ExchangeCredentialsSchema, secretValues, type ExchangeCredentials } from '../../shared/keys/credentials';

export type { ExchangeCredentials } from '../../shared/keys/credentials';

export const VAULT_SERVICE = 'Ballast';
const PROBE_ACCOUNT = '__ballast-keychain-probe__';

/** The part of keytar the vault uses (lets tests inject a module). */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** Why the keychain could not be used. */
export type KeychainFailure =
  /** The keytar native module could not be loaded. */
  | 'module'
  /** No D-Bus session bus (Linux). */
  | 'dbus'
  /** No Secret Service provider on the bus (Linux). */
  | 'no-service'
  /** The keychain / collection is locked or needs a password prompt that could not be shown. */
  | 'locked'
  /** The user or the system refused access. */
  | 'denied'
  /** The keychain did not answer in time. */
  | 'timeout'
  | 'unknown';

export class KeychainUnavailableError extends AppError {
  readonly reason: KeychainFailure;
  /** The keychain's own message with known secrets removed, for diagnostics. */
  readonly detail: string;
  constructor(reason: KeychainFailure, message: string, detail: string) {
    super('keychain-unavailable', message);
    this.name = 'KeychainUnavailableError';
    this.reason = reason;
    this.detail = detail;
  }
}

export function isKeychainUnavailable(err: unknown): err is KeychainUnavailableError {
  return err instanceof KeychainUnavailableError;
}

export interface VaultOptions {
  /** keytar module, or a loader for it. Default: `import('keytar')`, loaded on first use. */
  keytar?: KeytarLike | (() => Promise<KeytarLike>);
  /** Keychain service name. Default "Ballast". */
  service?: string;
  /** Platform for the wording of error messages. Default `process.platform`. */
  platform?: NodeJS.Platform;
  /** Called with every secret value the vault stores or reads (feed it to the log's redaction). */
  onSecret?: (values: string[]) => void;
  /** A keychain call that takes longer fails with reason "timeout". Default 60 s (macOS may prompt). */
  timeoutMs?: number;
}

export type VaultAvailability = { ok: true } | { ok: false; reason: string; failure: KeychainFailure };

const ACCOUNT_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Names of Ballast's own items: a word, and an optional scope (e.g. which data folder, in tests). */
const APP_ITEM = /^[a-z][a-z0-9-]{0,39}(?::[a-z0-9-]{1,64})?$/;

function classify(message: string): KeychainFailure {
  if (/locked|interaction is not allowed|passphrase|unlock/i.test(message)) return 'locked';
  if (/org\.freedesktop\.secrets|not provided by any|ServiceUnknown|secret service/i.test(message)) {
    return 'no-service';
  }
  if (/d-?bus|could not connect|autolaunch|X11|\$DISPLAY|connection refused|no such file/i.test(message)) {
    return 'dbus';
  }
  if (/denied|not permitted|cancel|dismiss|refused/i.test(message)) return 'denied';
  return 'unknown';
}

function advice(platform: NodeJS.Platform, failure: KeychainFailure): string {
  const head = 'The system keychain is not available, so Ballast cannot store or read your exchange keys.';
  const never = 'Keys are never saved anywhere else.';
  if (failure === 'module') {
    return `${head} The keychain module failed to load; reinstall Ballast. ${never}`;
  }
  if (failure === 'timeout') {
    return `${head} The keychain did not answer in time: unlock it (and answer any access prompt), then try again. ${never}`;
  }
  if (platform === 'darwin') {
    return failure === 'denied'
      ? `${head} Access was refused: allow Ballast in the Keychain prompt (or in Keychain Access), then try again. ${never}`
      : `${head} Unlock your login keychain in Keychain Access, then try again. ${never}`;
  }
  if (platform === 'win32') {
    return `${head} Make sure Windows Credential Manager is running and you are signed in to your user account, then try again. ${never}`;
  }
  switch (failure) {
    case 'locked':
      return `${head} Your keyring is locked: unlock GNOME Keyring or KWallet (Secret Service), for example by logging in to your desktop session, then try again. ${never}`;
    case 'denied':
      return `${head} Access to the keyring was refused: accept the keyring prompt, then try again. ${never}`;
    case 'dbus':
      return `${head} No D-Bus session was found: start Ballast from a desktop session, or install and start GNOME Keyring or KWallet (Secret Service), then try again. ${never}`;
    default:
      return `${head} Install and unlock GNOME Keyring or KWallet (a Secret Service provider, e.g. the "gnome-keyring" package), then try again. ${never}`;
  }
}

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length > 0) out = out.split(s).join('[redacted]');
  return out;
}

export class Vault {
  private readonly service: string;
  private readonly platform: NodeJS.Platform;
  private readonly onSecret: (values: string[]) => void;
  private readonly timeoutMs: number;
  private readonly source: KeytarLike | (() => Promise<KeytarLike>) | undefined;
  private module: Promise<KeytarLike> | null = null;

  constructor(opts: VaultOptions = {}) {
    this.service = opts.service ?? VAULT_SERVICE;
    this.platform = opts.platform ?? process.platform;
    this.onSecret = opts.onSecret ?? (() => undefined);
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.source = opts.keytar;
  }

  /** Store (or replace) the credentials of an account. */
  async setSecret(accountId: string, creds: ExchangeCredentials): Promise<void> {
    checkId(accountId);
    const parsed = ExchangeCredentialsSchema.safeParse(creds);
    if (!parsed.success) {
      throw new AppError('invalid-credentials', 'The API key, secret or passphrase is missing or too long.');
    }
    const values = secretValues(parsed.data);
    this.onSecret(values);
    await this.call((k) => k.setPassword(this.service, accountId, JSON.stringify(parsed.data)), values);
  }

  /**
   * Credentials of an account, or null when the keychain has no item for it.
   * Main process only: never expose this through IPC.
   */
  async getSecret(accountId: string): Promise<ExchangeCredentials | null> {
    checkId(accountId);
    const raw = await this.call((k) => k.getPassword(this.service, accountId), []);
    if (raw === null) return null;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      // The parser's message quotes the input: never surface it.
      value = undefined;
    }
    const parsed = ExchangeCredentialsSchema.safeParse(value);
    if (!parsed.success) {
      throw new AppError(
        'key-unreadable',
        'The key stored in the system keychain for this account is unreadable. Rotate the key to store it again.',
      );
    }
    this.onSecret(secretValues(parsed.data));
    return parsed.data;
  }

  /** Store (or replace) the extended public key or descriptor of a watch-only wallet. */
  async setWatchKey(walletId: string, key: string): Promise<void> {
    const id = watchKeyItem(walletId);
    if (key.length === 0 || key.length > 4096) throw new AppError('invalid', 'This extended key is empty or too long.');
    this.onSecret(watchKeyParts(key));
    await this.call((k) => k.setPassword(this.service, id, JSON.stringify({ watchOnly: key })), [key]);
  }

  /** The extended key of a watch-only wallet, or null when the keychain has none. Never expose through IPC. */
  async getWatchKey(walletId: string): Promise<string | null> {
    const raw = await this.call((k) => k.getPassword(this.service, watchKeyItem(walletId)), []);
    if (raw === null) return null;
    let key: unknown;
    try {
      key = (JSON.parse(raw) as { watchOnly?: unknown }).watchOnly;
    } catch {
      // The parser's message quotes the input: never surface it.
      key = undefined;
    }
    if (typeof key !== 'string' || key.length === 0) {
      throw new AppError(
        'key-unreadable',
        'The extended key stored in the system keychain for this wallet is unreadable. Remove the wallet and add it again.',
      );
    }
    this.onSecret(watchKeyParts(key));
    return key;
  }

  /** Remove the extended key of a watch-only wallet. Returns false when there was nothing to remove. */
  deleteWatchKey(walletId: string): Promise<boolean> {
    return this.deleteSecret(watchKeyItem(walletId));
  }

  /** Remove an account's credentials. Returns false when there was nothing to remove. */
  async deleteSecret(accountId: string): Promise<boolean> {
    checkId(accountId);
    return this.call((k) => k.deletePassword(this.service, accountId), []);
  }

  /** One of Ballast's own items (not an exchange key), or null when there is none. Main only. */
  async getAppItem(name: string): Promise<string | null> {
    return this.call((k) => k.getPassword(this.service, appItemAccount(name)), []);
  }

  /** Stores (or replaces) one of Ballast's own items. Main only. */
  async setAppItem(name: string, value: string): Promise<void> {
    await this.call((k) => k.setPassword(this.service, appItemAccount(name), value), []);
  }

  /** Removes one of Ballast's own items; false when there was none. */
  async deleteAppItem(name: string): Promise<boolean> {
    return this.call((k) => k.deletePassword(this.service, appItemAccount(name)), []);
  }

  /** Whether the keychain can store, read and delete an item right now (writes a throw-away probe). */
  async available(): Promise<VaultAvailability> {
    try {
      const value = `probe-${Date.now()}`;
      await this.call((k) => k.setPassword(this.service, PROBE_ACCOUNT, value), []);
      const back = await this.call((k) => k.getPassword(this.service, PROBE_ACCOUNT), []);
      await this.call((k) => k.deletePassword(this.service, PROBE_ACCOUNT), []);
      if (back !== value) {
        return { ok: false, failure: 'unknown', reason: advice(this.platform, 'unknown') };
      }
      return { ok: true };
    } catch (err) {
      if (err instanceof KeychainUnavailableError) {
        return { ok: false, failure: err.reason, reason: err.message };
      }
      throw err;
    }
  }

  private load(): Promise<KeytarLike> {
    if (!this.module) {
      const src = this.source;
      this.module = (async () => {
        if (src === undefined) {
          const mod = (await import('keytar')) as unknown as KeytarLike & { default?: KeytarLike };
          return mod.default ?? mod;
        }
        return typeof src === 'function' ? src() : src;
      })();
      // A failed load may be fixed (e.g. a rebuilt module): try again next time.
      this.module.catch(() => {
        this.module = null;
      });
    }
    return this.module;
  }

  private wrap(reason: KeychainFailure, detail: string): KeychainUnavailableError {
    return new KeychainUnavailableError(reason, advice(this.platform, reason), detail);
  }

  private async call<R>(op: (k: KeytarLike) => Promise<R>, secrets: readonly string[]): Promise<R> {
    let keytar: KeytarLike;
    try {
      keytar = await this.load();
    } catch (err) {
      throw this.wrap('module', scrub(messageOf(err), secrets));
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.wrap('timeout', 'no answer from the keychain')), this.timeoutMs);
      timer.unref?.();
    });
    try {
      return await Promise.race([Promise.resolve().then(() => op(keytar)), timeout]);
    } catch (err) {
      if (err instanceof KeychainUnavailableError) throw err;
      const detail = scrub(messageOf(err), secrets);
      throw this.wrap(classify(detail), detail);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A watch-only key and the extended keys inside it (a descriptor holds one): each is kept secret. */
function watchKeyParts(key: string): string[] {
  return [key, ...(key.match(/[xyzYZtuvUV]pub[1-9A-HJ-NP-Za-km-z]{100,}/g) ?? [])];
}

/** The keychain account name of a watch-only wallet's key. */
function watchKeyItem(walletId: string): string {
  const id = `wallet:${walletId}`;
  checkId(id);
  return id;
}

function appItemAccount(name: string): string {
  if (!APP_ITEM.test(name)) throw new AppError('invalid', 'This keychain item name is not valid.');
  return `app-item:${name}`;
}

function checkId(accountId: string): void {
  if (!ACCOUNT_ID.test(accountId)) {
    throw new AppError('invalid-account', 'This account id is not valid.');
  }
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  return 'unknown keychain error';
}
