/** Main-process handlers of the keychain channels (shared/ipc/channels/keychain.ts), over ctx.vault. */
import type { keychainChannels } from '../../../shared/ipc/channels/keychain';
import type { FeatureHandlers, ServiceContext } from '../context';

const KEYCHAIN_NAMES: Record<string, string> = {
  darwin: 'the macOS Keychain',
  win32: 'Windows Credential Manager',
};

export function keychainHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof keychainChannels> {
  return {
    'keychain:status': async () => {
      const status = await ctx.vault.available();
      if (status.ok) {
        const where = KEYCHAIN_NAMES[process.platform] ?? 'the Secret Service keyring (GNOME Keyring or KWallet)';
        return { ok: true, message: `Your exchange keys are stored in ${where}, never in a file.` };
      }
      return { ok: false, failure: status.failure, message: status.reason };
    },
  };
}
