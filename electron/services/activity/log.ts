/**
 * Tamper-evident activity log: every exchange API call and every key/account lifecycle event,
 * as an append-only JSONL file (one canonical JSON object per line), built once by createServices
 * (ctx.activity). The parts:
 * - chain.ts: each entry carries the hash of the previous one, keyed with the installation's key;
 * - signing.ts: that key and the log's checkpoints, one item in the OS keychain (through the Vault);
 * - verify.ts: `verify()` reports where the log was altered, or what could not be checked;
 * - redaction.ts: the guard fed by the vault, and the checks on what callers append;
 * - log-file.ts: reading back (a torn last line is cut off after a copy is kept), appends, and the
 *   atomic rewrite when retention prunes old entries.
 *
 * Signing: with a keychain, every entry is sealed with HMAC-SHA-256 under a per-installation key, and
 * the newest entry written (seq and hash) is kept in the keychain after appends (at most every
 * `checkpointIntervalMs`, and always at `close()`). A file that ends before that checkpoint (lines
 * removed, emptied, deleted, an older copy) makes new entries continue after the checkpoint, so the gap
 * stays in the file. A log written before signing (an earlier version) is pinned and signed from then on.
 * While the keychain cannot be used, entries are only hash-chained (verify says so) and retention waits
 * when the file holds signed entries, since an anchor could not be signed.
 *
 * Retention: entries older than `maxAgeDays` and/or beyond `maxEntries` are pruned; the new file starts
 * with an `anchor` entry that records the seq and hash of the last pruned entry, so the remaining chain
 * still verifies.
 *
 * Crash safety: appends are single writes of whole lines (batched, serialised, fsync'ed). An append
 * that fails part-way (a full disk: AppError('disk-full')) is not counted; the partial line it left is
 * cut off (a copy kept) before the next append or prune, so the chain and retention carry on.
 *
 * One process owns the file: do not open two `ActivityLog`s on the same path at the same time.
 */
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { startOfDay } from 'date-fns/startOfDay';
import type { ApiCallRecord, ChainStatus, DailyActivity } from '../../../shared/domain/activity';
import { DAY_MS } from '../../../shared/domain/types';
import { GENESIS_HASH, seal } from './chain';
import {
  appendLines,
  cutPartialTail,
  entriesToPrune,
  openLogFile,
  readLogText,
  rewritePruned,
  writeError,
} from './log-file';
import { RedactionGuard, type PreparedEntry } from './redaction';
import { loadSigning, openSigning, type ActiveSigning } from './signing';
import type {
  ActivityEntry,
  ActivityInput,
  ActivityLogOptions,
  ActivityPage,
  ActivityQuery,
  OpenReport,
  RetentionOptions,
} from './types';
import { verifyText } from './verify';

export const DEFAULT_MAX_AGE_DAYS = 180;
export const DEFAULT_MAX_ENTRIES = 100_000;
const DEFAULT_KEYCHAIN_TIMEOUT_MS = 15_000;
const DEFAULT_CHECKPOINT_INTERVAL_MS = 5_000;

interface Pending {
  entry: PreparedEntry;
  resolve: (e: ActivityEntry) => void;
  reject: (err: unknown) => void;
}

export class ActivityLog {
  readonly path: string;
  readonly report: OpenReport;
  private readonly now: () => number;
  private readonly durable: boolean;
  private readonly onError: NonNullable<ActivityLogOptions['onError']>;
  private maxAgeDays: number | null;
  private maxEntries: number | null;
  /** In file order; entries[0] may be the anchor. */
  private entries: ActivityEntry[] = [];
  private headSeq = 0;
  private headHash = GENESIS_HASH;
  /** Bytes of the file that hold complete, committed lines. */
  private size = 0;
  private readonly guard: RedactionGuard;
  private pending: Pending[] = [];
  private flushScheduled = false;
  private chain: Promise<unknown> = Promise.resolve();
  private repairNeeded = false;
  private readonly appendedListeners = new Set<(seq: number) => void>();
  private signing: ActiveSigning = { state: 'off', key: null, record: null, checkpoints: null };
  /** The file holds signed entries (pruning then needs the key, to sign the anchor). */
  private hasSigned = false;

  private constructor(opts: ActivityLogOptions, report: OpenReport) {
    this.path = opts.path;
    this.report = report;
    this.now = opts.now ?? Date.now;
    this.durable = opts.durable ?? true;
    this.guard = new RedactionGuard(opts.onRedact);
    this.onError = opts.onError ?? (() => undefined);
    this.maxAgeDays = opts.maxAgeDays === undefined ? DEFAULT_MAX_AGE_DAYS : opts.maxAgeDays;
    this.maxEntries = opts.maxEntries === undefined ? DEFAULT_MAX_ENTRIES : opts.maxEntries;
  }

  /** Open (or create) the log, cut a torn last line, start signing, and apply retention. */
  static async open(opts: ActivityLogOptions): Promise<ActivityLog> {
    const now = opts.now ?? Date.now;
    const onError = opts.onError ?? (() => undefined);
    const timeoutMs = opts.keychainTimeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
    const loaded = await loadSigning(opts.keychain, timeoutMs);
    const file = await openLogFile(opts.path, {
      now,
      fsync: opts.durable ?? true,
      key: loaded.mode === 'on' ? loaded.key : null,
    });
    const report: OpenReport = {
      entries: 0,
      tornTail: file.tornTailBytes > 0 ? { bytes: file.tornTailBytes } : null,
      ...(file.backupPath ? { backupPath: file.backupPath } : {}),
      invalidLines: file.invalidLines,
      pruned: 0,
      behindCheckpoint: null,
    };
    const log = new ActivityLog(opts, report);
    log.entries = file.entries;
    log.hasSigned = file.entries.some((e) => e.signed === true);
    const last = file.entries[file.entries.length - 1];
    if (last) {
      log.headSeq = last.seq;
      // After an anchor the chain continues from the pruned entry it records.
      log.headHash = last.kind === 'anchor' ? last.prevHash : last.hash;
    }
    log.size = file.size;
    log.signing = await openSigning(loaded, log.head(), file.entries[0], {
      keychain: opts.keychain,
      timeoutMs,
      now,
      intervalMs: opts.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS,
      onError,
    });
    const checkpoint = log.signing.record?.head;
    if (checkpoint && checkpoint.seq > log.headSeq) {
      // The file lost entries the keychain says were written: carry on after them, so the gap stays visible.
      report.behindCheckpoint = { fileSeq: log.headSeq, checkpointSeq: checkpoint.seq };
      log.headSeq = checkpoint.seq;
      log.headHash = checkpoint.hash;
    }
    if (log.signing.record) log.guard.add([log.signing.record.key]);
    try {
      report.pruned = await log.prune();
    } catch (err) {
      // A damaged or edited file is kept as is (see rewritePruned); the log still opens and appends.
      log.onError(err);
    }
    report.entries = log.entries.filter((e) => e.kind !== 'anchor').length;
    return log;
  }

  /** Register values that must never be written (the vault calls this with every secret). */
  redact(values: readonly string[]): void {
    this.guard.add(values);
  }

  setRetention(r: RetentionOptions): void {
    if (r.maxAgeDays !== undefined) this.maxAgeDays = r.maxAgeDays;
    if (r.maxEntries !== undefined) this.maxEntries = r.maxEntries;
  }

  /** seq and hash of the newest entry written (the checkpoint signing keeps in the keychain). */
  head(): { seq: number; hash: string } {
    return { seq: this.headSeq, hash: this.headHash };
  }

  /** Append one entry. Resolves once it is on disk. */
  append(input: ActivityInput): Promise<ActivityEntry> {
    let entry: PreparedEntry;
    try {
      entry = this.guard.clean(input, this.now);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<ActivityEntry>((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // flushPending settles every pending entry itself; anything else goes to onError
        this.serial(() => this.flushPending()).catch((err: unknown) => this.onError(err));
      }
    });
  }

  /** Append an exchange API call made for an account (null: not yet tied to one, e.g. checking a new key). */
  appendCall(accountId: string | null, call: ApiCallRecord): Promise<ActivityEntry> {
    return this.append({
      kind: 'api-call',
      accountId,
      at: call.at,
      exchange: call.exchange,
      method: call.method,
      endpoint: call.endpoint,
      status: call.status,
      errorClass: call.errorClass,
      durationMs: call.durationMs,
      ok: call.ok,
      ...(call.host !== undefined ? { host: call.host } : {}),
      ...(call.purpose !== undefined ? { purpose: call.purpose } : {}),
      ...(call.bytesOut !== undefined ? { bytesOut: call.bytesOut } : {}),
      ...(call.bytesIn !== undefined ? { bytesIn: call.bytesIn } : {}),
    });
  }

  /** Calls `listener` with the newest seq after each batch of entries is written. */
  onAppended(listener: (seq: number) => void): () => void {
    this.appendedListeners.add(listener);
    return () => this.appendedListeners.delete(listener);
  }

  /** Wait until everything appended so far is written. */
  async flush(): Promise<void> {
    await this.serial(async () => undefined);
  }

  /** Writes what is pending and stores the last checkpoint in the keychain (the app calls it at quit). */
  async close(): Promise<void> {
    await this.flush();
    await this.signing.checkpoints?.flush();
  }

  /** Matching entries, newest first. The anchor only shows up when asked for by kind. */
  query(q: ActivityQuery = {}): ActivityPage {
    const offset = Math.max(0, Math.floor(q.offset ?? 0));
    const limit = q.limit === undefined ? Number.POSITIVE_INFINITY : Math.max(0, Math.floor(q.limit));
    const search = q.search?.toLowerCase() ?? '';
    const host = q.host?.toLowerCase() ?? '';
    const out: ActivityEntry[] = [];
    let total = 0;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]!;
      if (q.kind === 'lifecycle') {
        if (e.kind === 'api-call' || e.kind === 'anchor') continue;
      } else if (q.kind !== undefined ? e.kind !== q.kind : e.kind === 'anchor') continue;
      if (search !== '' && !(e.endpoint ?? '').toLowerCase().includes(search)) continue;
      if (host !== '' && (e.host ?? '').toLowerCase() !== host) continue;
      if (q.purpose !== undefined && e.purpose !== q.purpose) continue;
      if (q.accountId !== undefined && e.accountId !== q.accountId) continue;
      if (q.okOnly && e.ok !== true) continue;
      if (q.errorsOnly && e.ok !== false) continue;
      if (q.since !== undefined && e.at < q.since) continue;
      if (q.until !== undefined && e.at >= q.until) continue;
      if (total >= offset && out.length < limit) out.push(structuredClone(e));
      total++;
    }
    return { total, entries: out };
  }

  /** API calls and failed calls per local day for the last `days` days (oldest first, today last). */
  dailyCounts(opts: { accountId?: string; days: number; now?: number }): DailyActivity[] {
    const days = Math.max(1, Math.floor(opts.days));
    const today = startOfDay(opts.now ?? this.now());
    const buckets: DailyActivity[] = [];
    for (let i = days - 1; i >= 0; i--) {
      const d = addDays(today, -i);
      buckets.push({ date: format(d, 'yyyy-MM-dd'), start: d.getTime(), calls: 0, errors: 0 });
    }
    const first = buckets[0]!.start;
    const end = addDays(today, 1).getTime();
    for (const e of this.entries) {
      if (e.kind !== 'api-call' || e.at < first || e.at >= end) continue;
      if (opts.accountId !== undefined && e.accountId !== opts.accountId) continue;
      // Days can be 23 or 25 hours long (DST): find the bucket by its start.
      let idx = Math.min(buckets.length - 1, Math.floor((e.at - first) / DAY_MS));
      while (idx > 0 && buckets[idx]!.start > e.at) idx--;
      while (idx < buckets.length - 1 && buckets[idx + 1]!.start <= e.at) idx++;
      const b = buckets[idx]!;
      b.calls++;
      if (e.ok === false) b.errors++;
    }
    return buckets;
  }

  /** Re-read the file and check it: the chain, the signatures and the newest entry written. */
  async verify(): Promise<ChainStatus> {
    // Read inside the write queue: pending appends land first and no pruning runs mid-read.
    const snapshot = await this.serial(async () => ({ text: await readLogText(this.path), head: this.head() }));
    const { key, record, state } = this.signing;
    return verifyText(snapshot.text, {
      key,
      record,
      head: snapshot.head.seq > 0 ? snapshot.head : null,
      ...(state === 'off' ? {} : { signing: { state } }),
    });
  }

  /**
   * Apply retention now. Returns the number of entries removed. Throws AppError('log-changed')
   * when the file no longer matches what was written (it is then left untouched).
   */
  prune(): Promise<number> {
    return this.serial(() => this.pruneNow(false));
  }

  // -------------------------------------------------------------------------------------------

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.chain.then(fn);
    this.chain = p.catch(() => undefined);
    return p;
  }

  private async flushPending(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    try {
      await this.repairTail();
    } catch (err) {
      for (const p of batch) p.reject(writeError(err));
      return;
    }
    let seq = this.headSeq;
    let prev = this.headHash;
    const sealed: ActivityEntry[] = [];
    const lines: string[] = [];
    for (const p of batch) {
      const { entry, line } = seal({ ...p.entry, seq: ++seq, prevHash: prev }, this.signing.key);
      prev = entry.hash;
      sealed.push(entry);
      lines.push(`${line}\n`);
    }
    const data = lines.join('');
    try {
      await appendLines(this.path, data, this.durable);
    } catch (err) {
      this.repairNeeded = true;
      for (const p of batch) p.reject(writeError(err));
      return;
    }
    this.size += Buffer.byteLength(data, 'utf8');
    for (const e of sealed) this.entries.push(e);
    this.headSeq = seq;
    this.headHash = prev;
    if (this.signing.key) this.hasSigned = true;
    this.signing.checkpoints?.note(this.head());
    batch.forEach((p, i) => p.resolve(structuredClone(sealed[i]!)));
    for (const l of this.appendedListeners) {
      try {
        l(seq);
      } catch {
        // a failing listener must not break the log
      }
    }
    try {
      await this.pruneNow(true);
    } catch (err) {
      this.onError(err);
    }
  }

  /**
   * After a write that failed part-way (a full disk), cut off the partial bytes it left, keeping a
   * copy of them next to the log; appends and pruning then see exactly what the log wrote.
   */
  private async repairTail(): Promise<void> {
    if (!this.repairNeeded) return;
    // The append that left them already failed with its error (disk-full, ...); the copy is kept.
    await cutPartialTail(this.path, this.size, this.now());
    this.repairNeeded = false;
  }

  /**
   * Remove entries outside retention and rewrite the file atomically.
   * `lazy`: only when well past the limits, so steady appends do not rewrite the file each time.
   */
  private async pruneNow(lazy: boolean): Promise<number> {
    const now = this.now();
    const limits = { maxAgeDays: this.maxAgeDays, maxEntries: this.maxEntries };
    const remove = entriesToPrune(this.entries, now, limits, lazy);
    // Without the key an anchor could not be signed, and an unsigned one would read as forged: wait.
    if (remove === 0 || (this.hasSigned && !this.signing.key)) return 0;
    await this.repairTail();
    const rewritten = await rewritePruned(this.path, this.entries, remove, now, this.signing.key);
    this.entries = rewritten.entries;
    this.size = rewritten.size;
    this.repairNeeded = false;
    return remove;
  }
}
