/** IPC channels of the sync feature (see shared/ipc/contract.ts). */
import { z } from 'zod';
import { AccountIdSchema, channel, NoArgs } from '../define';
import type { AccountSyncState, ExchangePause } from '../../domain/keys';

export type { ExchangePause } from '../../domain/keys';

/**
 * Where an account is in a run. 'confirm': every balance read as zero while it held something before;
 * the last balances are kept until the user confirms (sync:confirmEmpty).
 */
export type SyncAccountStatus = 'queued' | 'fetching' | 'retrying' | 'ok' | 'error' | 'confirm';

export interface SyncAccountProgress {
  accountId: string;
  label: string;
  status: SyncAccountStatus;
  /** 1-based attempt number of the current (or last) try. */
  attempt: number;
  error?: { code: string; message: string };
}

/** A sync run as the renderer sees it; also the payload of the 'sync:progress' event. */
export interface SyncProgress {
  runId: string;
  state: 'running' | 'done';
  accounts: SyncAccountProgress[];
}

export interface SyncRunSummary extends SyncProgress {
  startedAt: number;
  finishedAt: number | null;
}

export interface AccountSyncStatus extends AccountSyncState {
  label: string;
  exchange: string;
  /** Account status (disabled accounts are not synced and keep their last balances). */
  accountStatus: 'active' | 'disabled' | 'revoked';
}

export interface SyncStatus {
  running: SyncRunSummary | null;
  lastRun: SyncRunSummary | null;
  accounts: AccountSyncStatus[];
  /** Minutes between automatic syncs (0 = off) and the next scheduled one, if any. */
  intervalMinutes: number;
  nextRunAt: number | null;
  /** Exchanges Ballast makes no call to for now, because they asked it to wait (soonest end first). */
  pauses: ExchangePause[];
}

export const syncChannels = {
  /** Start a sync (or join the one running). With `wait`, resolves when it is done. */
  'sync:now': channel<SyncRunSummary>()(z.strictObject({ wait: z.boolean().optional() }).optional()),
  'sync:status': channel<SyncStatus>()(NoArgs),
  /**
   * Accept the empty balance an account read (every amount zero) instead of its last balances; the next
   * snapshot uses it. Answers the status; `not-found` when nothing waits for confirmation.
   */
  'sync:confirmEmpty': channel<SyncStatus>()(z.strictObject({ accountId: AccountIdSchema })),
};
