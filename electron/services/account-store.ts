/**
 * The account metadata in the 'accounts' store, as AccountService (./accounts.ts) reads and changes it:
 * every change re-reads the list first, so concurrent updates of other accounts are kept, and every
 * answer is a copy. The metadata never holds a secret.
 */
import type { AccountMeta } from '../../shared/domain/keys';
import { AppError } from './errors';
import type { JsonStore } from './store';

const notFound = () => new AppError('not-found', 'This account does not exist (it may have been removed).');

export class AccountStore {
  private readonly store: JsonStore<{ accounts: AccountMeta[] }>;

  constructor(store: JsonStore<{ accounts: AccountMeta[] }>) {
    this.store = store;
  }

  /** The stored list (not a copy: callers that hand it out clone it). */
  read(): AccountMeta[] {
    const list = this.store.get('accounts');
    return Array.isArray(list) ? list : [];
  }

  write(list: AccountMeta[]): void {
    this.store.set('accounts', list);
  }

  /** A copy of one account; 'not-found' when there is none. */
  require(id: string): AccountMeta {
    const meta = this.read().find((a) => a.id === id);
    if (!meta) throw notFound();
    return structuredClone(meta);
  }

  /** Apply `fn` to one account in the current list (re-read, so concurrent updates are kept). */
  update(id: string, fn: (a: AccountMeta) => AccountMeta): AccountMeta {
    let out: AccountMeta | null = null;
    const list = this.read().map((a) => {
      if (a.id !== id) return a;
      out = fn(structuredClone(a));
      return out;
    });
    if (!out) throw notFound();
    this.write(list);
    return structuredClone(out);
  }

  /** Put an account back as it was (best effort, after a failed change). */
  restore(meta: AccountMeta): void {
    try {
      this.update(meta.id, () => meta);
    } catch {
      // Best effort: the original error is what the caller needs to see.
    }
  }

  remove(id: string): void {
    this.write(this.read().filter((a) => a.id !== id));
  }
}
