/**
 * IPC channels of the accounts feature (see shared/ipc/contract.ts): exchange accounts and their
 * read-only API keys. The exchange picker, the keychain status and the activity log have their own
 * channels (exchanges.ts, keychain.ts, activity.ts).
 *
 * Credentials travel in ONE direction only: `accounts:add` and `accounts:rotate` carry an API key,
 * secret and optional passphrase from the renderer to main, once. No response ever contains them;
 * responses hold metadata only (the last 4 characters of the API key as a fingerprint).
 */
import { z } from 'zod';
import { displayNameSchema } from '../../schema';
import { AccountIdSchema, channel, NoArgs } from '../define';
import type { AccountMeta } from '../../domain/keys';
import type { KeyHint } from '../../keys/hygiene';
import { ExchangeIdSchema } from './exchanges';

export const AccountLabelSchema = displayNameSchema(60);

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

const ById = z.strictObject({ id: AccountIdSchema });

export const accountsChannels = {
  'accounts:list': channel<AccountView[]>()(NoArgs),
  'accounts:add': channel<AccountView>()(AddAccountSchema),
  'accounts:rename': channel<AccountView>()(z.strictObject({ id: AccountIdSchema, label: AccountLabelSchema })),
  'accounts:setEnabled': channel<AccountView>()(z.strictObject({ id: AccountIdSchema, enabled: z.boolean() })),
  'accounts:rotate': channel<AccountView>()(RotateKeySchema),
  'accounts:revoke': channel<AccountView>()(ById),
  /** Deletes a revoked account's metadata; its activity-log entries stay. */
  'accounts:remove': channel<{ removed: boolean }>()(ById),
  'accounts:reverify': channel<AccountView>()(ById),
};
