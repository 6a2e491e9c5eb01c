/**
 * "Every balance vanished at once" is held back for the user's confirmation.
 *
 * When an account that held something reads every amount as zero (or missing) in one sync, and the
 * answer was otherwise valid, the sync engine (./engine.ts) does not believe it: the last good
 * balances stay, no snapshot is written from that account, and its sync state carries
 * `needsConfirmation` with a plain message. Confirming (`sync:confirmEmpty`, `acceptEmptyBalance`)
 * stores the empty balance as read, so the next snapshot uses it. A later sync that reads balances
 * again clears the question by itself.
 */
import type { AccountSyncState } from '../../../shared/domain/keys';
import type { Holding } from '../../../shared/portfolio/holdings';
import type { AccountBalances } from './balance-store';

/** Whether an account that held something before now reads nothing at all. */
export function balanceVanished(before: AccountBalances | undefined, after: readonly Holding[]): boolean {
  const had = (before?.holdings ?? []).some((h) => typeof h.total === 'number' && h.total > 0);
  return had && !after.some((h) => h.total > 0);
}

/** The question shown with the account while its empty balance waits for confirmation. */
export function vanishedMessage(label: string): string {
  return `Every balance of ${label} read as zero. If you emptied the account, confirm it; otherwise Ballast keeps the last balances.`;
}

/**
 * The balances and state after the user confirmed an empty read at `state.needsConfirmation.at`:
 * no holdings from then on, the account up to date. Null when nothing waits for confirmation.
 */
export function acceptEmptyBalance(
  state: AccountSyncState | undefined,
  stored: AccountBalances | undefined,
  exchange: string,
): { balances: AccountBalances; state: AccountSyncState } | null {
  const pending = state?.needsConfirmation;
  if (!state || !pending) return null;
  return {
    balances: {
      exchange: stored?.exchange ?? exchange,
      fetchedAt: pending.at,
      holdings: [],
      ...(stored?.wallets
        ? { wallets: stored.wallets.map((w) => ({ ...w, fetchedAt: pending.at, holdings: [] })) }
        : {}),
    },
    state: {
      accountId: state.accountId,
      lastAttemptAt: state.lastAttemptAt,
      lastSuccessAt: pending.at,
      lastError: null,
      stale: false,
      needsConfirmation: null,
    },
  };
}
