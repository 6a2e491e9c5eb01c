/**
 * Types of the activity log (electron/services/activity): what callers append, what the log holds and
 * answers, and its options. ActivityKind adds the log's own 'anchor' lines to the kinds users see.
 */
import type { ActivityEventKind } from '../../../shared/domain/activity';
import type { LogKeychain } from './signing';

export type ActivityKind =
  | ActivityEventKind
  /** First line of a pruned file: records where the chain continues from. Written by the log only. */
  | 'anchor';

export type DetailValue = string | number | boolean | null;

/** What callers append. `at` defaults to the log's clock. */
export interface ActivityInput {
  kind: Exclude<ActivityKind, 'anchor'>;
  /** Account the event belongs to, or null for app-wide events. */
  accountId: string | null;
  at?: number;
  exchange?: string;
  method?: string;
  endpoint?: string;
  status?: number | null;
  errorClass?: string | null;
  durationMs?: number;
  ok?: boolean;
  /** Host name an API call went to. */
  host?: string;
  /** Why an API call was made (API_PURPOSES). */
  purpose?: string;
  /** Bytes an API call sent (URL and body) and received (response body). */
  bytesOut?: number;
  bytesIn?: number;
  /** Small flat key/value details (labels, fingerprints, permission status...). */
  detail?: Record<string, DetailValue>;
}

export interface ActivityEntry extends Omit<ActivityInput, 'kind' | 'at'> {
  seq: number;
  at: number;
  kind: ActivityKind;
  /** Number of string values the redaction guard replaced in this entry. */
  redacted?: number;
  /** `hash` is keyed with the installation's key (see chain.ts); absent on entries written without one. */
  signed?: true;
  prevHash: string;
  hash: string;
}

export interface ActivityQuery {
  accountId?: string;
  /** One kind, or 'lifecycle': every kind except API calls. */
  kind?: ActivityKind | 'lifecycle';
  /** Only successful API calls. */
  okOnly?: boolean;
  /** Only failed API calls. */
  errorsOnly?: boolean;
  /** Inclusive lower bound on `at` (ms). */
  since?: number;
  /** Exclusive upper bound on `at` (ms). */
  until?: number;
  /** Case-insensitive text searched in the endpoint of API calls. */
  search?: string;
  /** API calls to this host only (exact, case-insensitive). */
  host?: string;
  /** API calls made for this purpose only. */
  purpose?: string;
  limit?: number;
  offset?: number;
}

export interface ActivityPage {
  /** Entries matching the filters, before limit/offset. */
  total: number;
  /** Newest first. */
  entries: ActivityEntry[];
}

export interface RetentionOptions {
  /** Entries older than this many days are pruned. null: no age limit. */
  maxAgeDays?: number | null;
  /** At most this many entries are kept. null: no count limit. */
  maxEntries?: number | null;
}

export interface ActivityLogOptions extends RetentionOptions {
  /** Path of the .jsonl file (created with its folder if missing). */
  path: string;
  now?: () => number;
  /** fsync after each batch of appends. Default true. */
  durable?: boolean;
  /** Told when the redaction guard replaced something (field name and why, never the value). */
  onRedact?: (info: { field: string; reason: 'known-secret' | 'looks-secret' }) => void;
  /** Told about background problems (automatic pruning failed, a checkpoint could not be stored...). */
  onError?: (err: unknown) => void;
  /**
   * Where the signing key and the checkpoints are kept (the OS keychain through the Vault; see
   * signing.ts). Without it the log is only hash-chained, as before signing existed.
   */
  keychain?: LogKeychain;
  /** A keychain that does not answer within this time leaves the log unsigned for the session (default 15 s). */
  keychainTimeoutMs?: number;
  /** Least time between two checkpoint writes to the keychain (default 5 s); the log's close always writes one. */
  checkpointIntervalMs?: number;
}

export interface OpenReport {
  /** Entries loaded (anchor excluded). */
  entries: number;
  /** A torn last line was found and cut off (crash mid-write). */
  tornTail: { bytes: number } | null;
  /** Where the file was copied, as it was, before a torn last line was cut off. */
  backupPath?: string;
  /** 1-based line numbers that could not be parsed (tampering or disk damage; see `verify()`). */
  invalidLines: number[];
  /** Entries removed by retention while opening. */
  pruned: number;
  /**
   * The file ended before the newest entry the keychain's checkpoint records (lines removed, the file
   * emptied, deleted or put back from an older copy): new entries continue after the checkpoint, so
   * the gap stays visible. null when it did not.
   */
  behindCheckpoint: { fileSeq: number; checkpointSeq: number } | null;
}
