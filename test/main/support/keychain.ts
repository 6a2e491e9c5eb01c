/**
 * Keychains for tests: the real OS keychain under a test service name (probed once per file, so a
 * suite skips locally without one and fails in CI), and in-memory stand-ins for suites that do not
 * test the keychain itself.
 */
import { randomUUID } from 'node:crypto';
import type { SecretVault } from '../../../electron/services/accounts';
import { Vault, type KeytarLike } from '../../../electron/services/vault';
import type { ExchangeCredentials } from '../../../shared/keys/credentials';

/** The keychain service the tests store keys under (never the app's own). */
export const TEST_KEYCHAIN = 'Ballast Test';

/**
 * Whether the suite runs against the real keychain: when one answers, or always in CI (where a missing
 * keychain must fail the suite). Otherwise it warns once and the suite skips.
 */
export async function realKeychain(suite: string, service = TEST_KEYCHAIN): Promise<boolean> {
  const probe = await new Vault({ service, timeoutMs: 20_000 }).available();
  const run = probe.ok || process.env['CI'] === 'true';
  if (!run) {
    console.warn(`${suite}: keychain tests skipped (${probe.reason.split('.')[0]}); run via scripts/with-keyring.sh`);
  }
  return run;
}

/** A keytar stand-in keeping items in memory (for the Vault's `keytar` option). */
export interface MemoryKeytar extends KeytarLike {
  /** The items, by service and account joined with a NUL. */
  readonly items: Map<string, string>;
  /** Names the activity log's keychain item (see logKeyScopeFor in services.ts); kept by clones. */
  readonly scope: string;
  /** Another keychain holding a copy of these items: a copy of an installation as it is now. */
  clone(): MemoryKeytar;
}

export function memoryKeytar(
  initial: ReadonlyMap<string, string> = new Map(),
  scope = randomUUID().slice(0, 8),
): MemoryKeytar {
  const items = new Map(initial);
  return {
    items,
    scope,
    clone: () => memoryKeytar(items, scope),
    getPassword: (s, a) => Promise.resolve(items.get(`${s}\u0000${a}`) ?? null),
    setPassword: (s, a, p) => {
      items.set(`${s}\u0000${a}`, p);
      return Promise.resolve();
    },
    deletePassword: (s, a) => Promise.resolve(items.delete(`${s}\u0000${a}`)),
  };
}

/** A keytar stand-in whose every call fails the way keytar does without a Secret Service. */
export function unavailableKeytar(): KeytarLike {
  const down = (): Promise<never> => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
  return { getPassword: down, setPassword: down, deletePassword: down };
}

/** An AccountService vault keeping secrets in memory. */
export class MemoryVault implements SecretVault {
  items = new Map<string, ExchangeCredentials>();
  async setSecret(id: string, creds: ExchangeCredentials) {
    this.items.set(id, { ...creds });
  }
  async getSecret(id: string) {
    return this.items.get(id) ?? null;
  }
  async deleteSecret(id: string) {
    return this.items.delete(id);
  }
}
