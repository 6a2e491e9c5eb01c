/**
 * IPC channels of the activity log (see shared/ipc/contract.ts): every exchange API call and key event,
 * filtered and paged for the Keys & Activity view, daily call counts, and the hash-chain check.
 */
import { z } from 'zod';
import { AccountIdSchema, channel, NoArgs } from '../define';
import { ACTIVITY_KINDS, API_PURPOSES, type ChainStatus, type DailyActivity } from '../../domain/activity';

export type { ActivityKindFilter, ChainStatus, DailyActivity } from '../../domain/activity';

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
  /** API calls to this host only (exact, case-insensitive). */
  host: z.string().trim().min(1).max(253).optional(),
  /** API calls made for this purpose only. */
  purpose: z.enum(API_PURPOSES).optional(),
  limit: z.number().int().min(1).max(500),
  offset: z.number().int().min(0).max(10_000_000),
});

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
  /** API calls: the host called, why, and the bytes sent and received (absent in older entries). */
  host?: string;
  purpose?: string;
  bytesOut?: number;
  bytesIn?: number;
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

/** Payload of the 'activity:appended' event: entries were written (sent at most about once a second). */
export interface ActivityAppended {
  /** Sequence number of the newest entry. */
  seq: number;
}

export const activityChannels = {
  'activity:query': channel<ActivityPageView>()(ActivityQuerySchema),
  'activity:daily': channel<DailyActivity[]>()(
    z.strictObject({ accountId: AccountIdSchema.optional(), days: z.number().int().min(1).max(366) }),
  ),
  'activity:verify': channel<ChainStatus>()(NoArgs),
};
