/** IPC channels of the OS keychain (see shared/ipc/contract.ts): whether exchange keys can be stored. */
import { channel, NoArgs } from '../define';

export interface KeychainStatus {
  ok: boolean;
  /** What the user should know or do (plain language). */
  message: string;
  /** Why the keychain could not be used (see electron/services/vault.ts), when it could not. */
  failure?: string;
}

export const keychainChannels = {
  'keychain:status': channel<KeychainStatus>()(NoArgs),
};
