/** IPC channels of the sync feature (see shared/ipc/contract.ts). */
import { z } from 'zod';
import { channel } from '../define';
import { NoArgs } from './app';
import type { AccountSyncState } from '../../domain/keys';
import {
  SNAPSHOT_RANGES,
  type NetWorthSeries,
  type PortfolioChanges,
  type SnapshotRange,
} from '../../portfolio/snapshots';

export type SyncAccountStatus = 'queued' | 'fetching' | 'retrying' | 'ok' | 'error';

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
}

export interface SnapshotList extends NetWorthSeries {
  range: SnapshotRange;
  /** True when the series is derived from the sample portfolio's price history. */
  sample: boolean;
  /**
   * 'snapshots': values recorded at each sync; 'history': current amounts valued at past daily
   * closes (the sample, or an estimate until enough syncs have been recorded).
   */
  source: 'snapshots' | 'history';
}

export interface ChangesView extends PortfolioChanges {
  base: string;
  sample: boolean;
  /** True when a change is estimated from price history x current amounts (no snapshot that old yet). */
  estimated: boolean;
}

export const syncChannels = {
  /** Start a sync (or join the one running). With `wait`, resolves when it is done. */
  'sync:now': channel<SyncRunSummary>()(z.strictObject({ wait: z.boolean().optional() }).optional()),
  'sync:status': channel<SyncStatus>()(NoArgs),
  'snapshots:list': channel<SnapshotList>()(
    z.strictObject({ range: z.enum(SNAPSHOT_RANGES as [SnapshotRange, ...SnapshotRange[]]) }),
  ),
  'portfolio:changes': channel<ChangesView>()(NoArgs),
};
