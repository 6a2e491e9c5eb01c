/**
 * Tamper-evident activity log: every exchange API call and every key/account lifecycle event,
 * as an append-only JSONL file (one canonical JSON object per line), built once by createServices
 * (ctx.activity). The parts:
 * - chain.ts: each entry carries the SHA-256 of the previous one; `verify()` reports where the chain breaks;
 * - redaction.ts: the guard fed by the vault, and the checks on what callers append;
 * - log-file.ts: reading back (a torn last line is cut off after a copy is kept), appends, and the
 *   atomic rewrite when retention prunes old entries.
 *
 * Retention: entries older than `maxAgeDays` and/or beyond `maxEntries` are pruned; the new file starts
 * with an `anchor` entry that records the seq and hash of the last pruned entry, so the remaining chain
 * still verifies.
 *
 * Crash safety: appends are single writes of whole lines (batched, serialised, fsync'ed).
 *
 * One process owns the file: do not open two `ActivityLog`s on the same path at the same time.
 */
import { addDays, format, startOfDay } from 'date-fns';
import type { ApiCallRecord, ChainStatus, DailyActivity } from '../../../shared/domain/activity';
import { DAY_MS } from '../../../shared/domain/types';
import { GENESIS_HASH, seal, verifyText } from './chain';
import { appendLines, cutTo, entriesToPrune, openLogFile, readLogText, rewritePruned, writeError } from './log-file';
import { RedactionGuard, type PreparedEntry } from './redaction';
import type {
  ActivityEntry,
  ActivityInput,
  ActivityLogOptions,
  ActivityPage,
  ActivityQuery,
  OpenReport,
  RetentionOptions,
} from './types';

export const DEFAULT_MAX_AGE_DAYS = 180;
export const DEFAULT_MAX_ENTRIES = 100_000;

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

  /** Open (or create) the log, cut a torn last line, and apply retention. */
  static async open(opts: ActivityLogOptions): Promise<ActivityLog> {
    const file = await openLogFile(opts.path, { now: opts.now ?? Date.now, fsync: opts.durable ?? true });
    const report: OpenReport = {
      entries: 0,
      tornTail: file.tornTailBytes > 0 ? { bytes: file.tornTailBytes } : null,
      ...(file.backupPath ? { backupPath: file.backupPath } : {}),
      invalidLines: file.invalidLines,
      pruned: 0,
    };
    const log = new ActivityLog(opts, report);
    log.entries = file.entries;
    const last = file.entries[file.entries.length - 1];
    if (last) {
      log.headSeq = last.seq;
      // After an anchor the chain continues from the pruned entry it records.
      log.headHash = last.kind === 'anchor' ? last.prevHash : last.hash;
    }
    log.size = file.size;
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

  /** seq and hash of the newest entry: store it elsewhere to detect removal of the newest lines. */
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

  /** Wait until everything appended so far is written. */
  async flush(): Promise<void> {
    await this.serial(async () => undefined);
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

  /** Re-read the file and check the whole chain. */
  async verify(): Promise<ChainStatus> {
    // Read inside the write queue: pending appends land first and no pruning runs mid-read.
    const snapshot = await this.serial(async () => ({ text: await readLogText(this.path), headSeq: this.headSeq }));
    const { text, headSeq } = snapshot;
    if (text === null) {
      return headSeq === 0 ? { ok: true, entries: 0 } : { ok: false, brokenAt: 1, reason: 'the log file is missing' };
    }
    const result = await verifyText(text);
    if (result.ok && result.lastSeq < headSeq) {
      return {
        ok: false,
        brokenAt: result.lastSeq + 1,
        reason: `entries ${result.lastSeq + 1} to ${headSeq} are missing from the end of the log`,
      };
    }
    if (!result.ok) return result;
    return result.tornTailBytes > 0
      ? { ok: true, entries: result.entries, tornTailBytes: result.tornTailBytes }
      : { ok: true, entries: result.entries };
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
      if (this.repairNeeded) {
        // A previous write failed part-way: drop whatever partial bytes it left.
        await cutTo(this.path, this.size);
        this.repairNeeded = false;
      }
    } catch (err) {
      for (const p of batch) p.reject(writeError(err));
      return;
    }
    let seq = this.headSeq;
    let prev = this.headHash;
    const sealed: ActivityEntry[] = [];
    const lines: string[] = [];
    for (const p of batch) {
      const { entry, line } = seal({ ...p.entry, seq: ++seq, prevHash: prev });
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
    batch.forEach((p, i) => p.resolve(structuredClone(sealed[i]!)));
    try {
      await this.pruneNow(true);
    } catch (err) {
      this.onError(err);
    }
  }

  /**
   * Remove entries outside retention and rewrite the file atomically.
   * `lazy`: only when well past the limits, so steady appends do not rewrite the file each time.
   */
  private async pruneNow(lazy: boolean): Promise<number> {
    const now = this.now();
    const limits = { maxAgeDays: this.maxAgeDays, maxEntries: this.maxEntries };
    const remove = entriesToPrune(this.entries, now, limits, lazy);
    if (remove === 0) return 0;
    const rewritten = await rewritePruned(this.path, this.entries, remove, now);
    this.entries = rewritten.entries;
    this.size = rewritten.size;
    this.repairNeeded = false;
    return remove;
  }
}
