/**
 * IPC channels of the accounts feature (see shared/ipc/contract.ts): exchange accounts and their
 * read-only API keys, the exchange picker, the keychain status and the activity log.
 *
 * Credentials travel in ONE direction only: `accounts:add` and `accounts:rotate` carry an API key,
 * secret and optional passphrase from the renderer to main, once. No response ever contains them;
 * responses hold metadata only (the last 4 characters of the API key as a fingerprint).
 */
import { z } from 'zod';
import { channel } from '../define';
import { NoArgs } from './app';
import type { AccountMeta } from '../../domain/keys';
import type { KeyHint } from '../../keys/hygiene';
import { ACTIVITY_KINDS } from '../../domain/activity';

export { ACTIVITY_KINDS };

/** A ccxt exchange id ("binance", "okx", "coinbaseexchange"...). */
export const ExchangeIdSchema = z.string().regex(/^[a-z][a-z0-9]{1,31}$/, 'not a valid exchange id');
/** An account id as the app creates it (UUID). */
export const AccountIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'not a valid account id');
export const AccountLabelSchema = z.string().trim().min(1).max(60);

const ApiKeySchema = z.string().trim().min(1).max(1024);
const SecretSchema = z.string().trim().min(1).max(8192);
/** An empty passphrase means "none". */
const PassphraseSchema = z.string().max(1024);

const CredentialsShape = {
  apiKey: ApiKeySchema,
  secret: SecretSchema,
  password: PassphraseSchema.optional(),
  /** The user explicitly accepted a key that can place orders. */
  acceptTrade: z.boolean().optional(),
};

export const AddAccountSchema = z.strictObject({
  exchange: ExchangeIdSchema,
  label: AccountLabelSchema,
  ...CredentialsShape,
});

export const RotateKeySchema = z.strictObject({
  id: AccountIdSchema,
  ...CredentialsShape,
});

/** Activity kinds the UI can filter by (ACTIVITY_KINDS); 'lifecycle' is every kind except 'api-call'. */
export type ActivityKindFilter = (typeof ACTIVITY_KINDS)[number] | 'lifecycle';

const Time = z.number().int().min(0).max(8.64e15);

export const ActivityQuerySchema = z.strictObject({
  accountId: AccountIdSchema.optional(),
  kind: z.enum([...ACTIVITY_KINDS, 'lifecycle']).optional(),
  /** Only failed calls and failed checks. */
  errorsOnly: z.boolean().optional(),
  /** Inclusive lower bound on the entry time (ms). */
  since: Time.optional(),
  /** Exclusive upper bound on the entry time (ms). */
  until: Time.optional(),
  /** Case-insensitive text searched in the endpoint of API calls. */
  search: z.string().trim().max(200).optional(),
  limit: z.number().int().min(1).max(500),
  offset: z.number().int().min(0).max(10_000_000),
});

/** Advice and checks for one exchange, for the picker and the guidance panel. */
export interface ExchangeChoice {
  id: string;
  name: string;
  /** The exchange needs a passphrase besides key and secret. */
  requiresPassword: boolean;
  /** Ballast can ask this exchange what a key may do. */
  hasPermissionCheck: boolean;
  /** How to create a read-only key on this exchange (permissions, IP allow-list). */
  guidance: string;
  featured: boolean;
}

/** One account as the renderer sees it: metadata plus key-hygiene hints. Never a secret. */
export interface AccountView extends AccountMeta {
  exchangeName: string;
  /** The exchange's advice for a safe key. */
  guidance: string;
  /** Most severe first (see shared/keys/hygiene.ts). */
  hints: KeyHint[];
  /** Whole days since the current key was stored. */
  keyAgeDays: number;
  /** The rotation period from the settings. */
  rotationDays: number;
  rotationDue: boolean;
  /** Whole days since the key was last used (or stored, if never used). */
  unusedDays: number;
}

export interface KeychainStatus {
  ok: boolean;
  /** What the user should know or do (plain language). */
  message: string;
  /** Why the keychain could not be used (see electron/services/vault.ts), when it could not. */
  failure?: string;
}

/** One activity log entry as shown in the table. */
export interface ActivityRow {
  seq: number;
  at: number;
  kind: string;
  /** null: not tied to an account (checking a key before it is stored). */
  accountId: string | null;
  exchange: string | null;
  method: string | null;
  endpoint: string | null;
  status: number | null;
  errorClass: string | null;
  durationMs: number | null;
  ok: boolean | null;
  detail: Record<string, string | number | boolean | null>;
  /** Values the log's redaction guard replaced in this entry. */
  redacted: number;
}

export interface ActivityPageView {
  /** Matching entries before paging. */
  total: number;
  /** Newest first. */
  entries: ActivityRow[];
}

export interface DailyActivity {
  /** Local day "yyyy-MM-dd". */
  date: string;
  start: number;
  calls: number;
  errors: number;
}

export type ChainStatus =
  { ok: true; entries: number; tornTailBytes?: number } | { ok: false; brokenAt: number; reason: string };

const ById = z.strictObject({ id: AccountIdSchema });

export const accountsChannels = {
  'accounts:list': channel<AccountView[]>()(NoArgs),
  'accounts:add': channel<AccountView>()(AddAccountSchema),
  'accounts:rename': channel<AccountView>()(z.strictObject({ id: AccountIdSchema, label: AccountLabelSchema })),
  'accounts:setEnabled': channel<AccountView>()(z.strictObject({ id: AccountIdSchema, enabled: z.boolean() })),
  'accounts:rotate': channel<AccountView>()(RotateKeySchema),
  'accounts:revoke': channel<AccountView>()(ById),
  'accounts:reverify': channel<AccountView>()(ById),
  'exchanges:featured': channel<ExchangeChoice[]>()(NoArgs),
  'exchanges:all': channel<ExchangeChoice[]>()(NoArgs),
  'keychain:status': channel<KeychainStatus>()(NoArgs),
  'activity:query': channel<ActivityPageView>()(ActivityQuerySchema),
  'activity:daily': channel<DailyActivity[]>()(
    z.strictObject({ accountId: AccountIdSchema.optional(), days: z.number().int().min(1).max(366) }),
  ),
  'activity:verify': channel<ChainStatus>()(NoArgs),
};
