/**
 * Checks on an exchange key before the account service stores it: what the key may do (asked through
 * `InspectKey`, with errors turned into plain messages that never echo a secret), whether Ballast may
 * keep it (withdraw: never; trade: only when accepted), and the shape of what the user typed.
 * Used by AccountService (./accounts.ts).
 */
import { isErrorCode } from '../../shared/errors';
import type { AccountMeta, PermissionReport } from '../../shared/domain/keys';
import { HIDDEN_OR_CONTROL } from '../../shared/schema';
import {
  ExchangeCredentialsSchema,
  keyFingerprint,
  secretValues,
  type ExchangeCredentials,
} from '../../shared/keys/credentials';
import { listOf } from '../../shared/text';
import { AppError, type ErrorCode } from './errors';
import { exchangeDisplayName } from './exchange/catalog';

/** Asks the exchange what a key may do; `accountId` is given when the key belongs to an existing account. */
export type InspectKey = (
  exchange: string,
  creds: ExchangeCredentials,
  accountId?: string,
) => Promise<PermissionReport>;

export interface NewCredentials {
  apiKey: string;
  secret: string;
  password?: string;
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

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}

/** The error's code when it carries one of the app's codes (an AppError, or an inspector's own error). */
export function errorCodeOf(err: unknown): ErrorCode | null {
  if (err instanceof AppError) return err.code;
  const code = err && typeof err === 'object' && 'code' in err ? (err as { code: unknown }).code : null;
  return isErrorCode(code) ? code : null;
}

/**
 * What the exchange says the key may do. A failure becomes an AppError in Ballast's words: 'auth' for a
 * rejected key, the inspector's own AppError with every secret removed, or 'key-check-failed'.
 */
export async function inspectWith(
  inspectKey: InspectKey,
  exchange: string,
  creds: ExchangeCredentials,
  accountId?: string,
): Promise<PermissionReport> {
  const secrets = secretValues(creds);
  try {
    return await inspectKey(exchange, creds, accountId);
  } catch (err) {
    const code = errorCodeOf(err);
    if (code === 'auth') {
      throw new AppError(
        'auth',
        `${exchangeDisplayName(exchange)} rejected this API key. Check that the ${listOf(['API key', 'secret', ...(creds.password ? ['passphrase'] : [])])} were copied completely and that the key is still active on the exchange. Nothing was stored.`,
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

/** Refuses ('key-duplicate') an API key already stored for a live account of the same exchange. */
export async function refuseDuplicate(
  accounts: readonly AccountMeta[],
  vault: { getSecret(accountId: string): Promise<ExchangeCredentials | null> },
  exchange: string,
  creds: ExchangeCredentials,
): Promise<void> {
  const fingerprint = keyFingerprint(creds.apiKey);
  for (const a of accounts) {
    if (a.exchange !== exchange || a.status === 'revoked' || a.fingerprint !== fingerprint) continue;
    const existing = await vault.getSecret(a.id);
    if (existing?.apiKey === creds.apiKey) {
      throw new AppError('key-duplicate', `This API key is already added as "${a.label}".`);
    }
  }
}

/** Why Ballast will not store a key that can withdraw, or can trade without the user's acceptance; null when it may. */
export function unsafeKeyError(cap: KeyCapability, acceptTrade: boolean, exchange: string): AppError | null {
  if (cap === 'withdraw') {
    return new AppError(
      'key-withdraw-enabled',
      `This API key can withdraw funds, so Ballast will not store it. Create a new read-only key on ${exchange} (read permission only, no trading, no withdrawals), add that one instead, and delete this key on the exchange.`,
    );
  }
  if (cap === 'trade' && !acceptTrade) {
    return new AppError(
      'key-trade-needs-acceptance',
      `This API key can place orders. Ballast only reads balances, so a read-only key is safer. Create a read-only key on ${exchange}, or explicitly accept this key to continue.`,
    );
  }
  return null;
}

export function missingKey(meta: AccountMeta): AppError {
  return new AppError(
    'key-missing',
    `The key of "${meta.label}" is no longer in the system keychain. Rotate the key to store it again.`,
  );
}

export function checkExchange(exchange: unknown): string {
  if (typeof exchange !== 'string' || !EXCHANGE_ID.test(exchange)) {
    throw new AppError('invalid', 'Choose a supported exchange.');
  }
  return exchange;
}

/** The secrets of every account whose key is in the keychain (those it gives now), for checkLabel. */
export async function storedSecrets(
  metas: readonly AccountMeta[],
  vault: { getSecret(id: string): Promise<ExchangeCredentials | null> },
): Promise<string[]> {
  const out: string[] = [];
  for (const a of metas) {
    if (a.status === 'revoked') continue;
    const creds = await vault.getSecret(a.id).catch(() => null);
    if (creds) out.push(...secretValues(creds));
  }
  return out;
}

export function checkLabel(label: unknown, secrets: readonly string[]): string {
  const raw = typeof label === 'string' ? label.normalize('NFC') : '';
  const text = raw.trim().replace(/ +/g, ' ');
  if (text.length === 0 || text.length > MAX_LABEL || HIDDEN_OR_CONTROL.test(raw)) {
    throw new AppError('invalid', `Give the account a name of 1 to ${MAX_LABEL} characters.`);
  }
  if (secrets.some((s) => s.length >= 6 && text.includes(s))) {
    throw new AppError('invalid', 'The account name seems to contain your API key or secret. Choose a different name.');
  }
  return text;
}

export function checkCredentials(input: NewCredentials): ExchangeCredentials {
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
