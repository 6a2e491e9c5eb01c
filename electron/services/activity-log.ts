/**
 * Tamper-evident activity log: every exchange API call and every key/account lifecycle event,
 * as an append-only JSONL file (one canonical JSON object per line).
 *
 * Hash chain: each entry carries `prevHash` (the previous entry's `hash`, or 64 zeros for the
 * first entry) and `hash = sha256(prevHash + canonicalJson(entry without hash))`. Editing any field,
 * deleting a line or reordering lines breaks the chain, and `verify()` reports where.
 *
 * Retention: entries older than `maxAgeDays` and/or beyond `maxEntries` are pruned by rewriting
 * the file atomically (temp file + fsync + rename). The new file starts with an `anchor` entry that
 * records the seq and hash of the last pruned entry, so the remaining chain still verifies.
 *
 * Crash safety: appends are single writes of whole lines (batched, serialised, fsync'ed). A torn
 * last line (crash mid-write) is detected on open, reported in `report.tornTail` and cut off, after
 * the file as it was is copied to `<name>.corrupt-<time>.jsonl` (`report.backupPath`); the earlier
 * entries stay readable.
 *
 * Redaction guard: the log never receives secrets by design. As a second line of defence every
 * string field is scanned before writing: values registered with `redact()` (the vault feeds it
 * every secret it handles) and strings that look like credentials (signatures, api keys in query
 * strings, long random tokens, private keys) are replaced by "[redacted]".
 *
 * One process owns the file: do not open two `ActivityLog`s on the same path at the same time.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, stat, truncate } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { addDays, format, startOfDay } from 'date-fns';
import { AppError } from './errors';
import { appendDurable, writeFileAtomic } from './files/atomic';
import { ACTIVITY_KINDS, type ApiCallRecord, type ChainStatus, type DailyActivity } from '../../shared/domain/activity';
import { DAY_MS } from '../../shared/domain/types';

export type { ApiCallRecord, ChainStatus, DailyActivity };

export type ActivityKind =
  | (typeof ACTIVITY_KINDS)[number]
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
  /** Small flat key/value details (labels, fingerprints, permission status...). */
  detail?: Record<string, DetailValue>;
}

export interface ActivityEntry extends Omit<ActivityInput, 'kind' | 'at'> {
  seq: number;
  at: number;
  kind: ActivityKind;
  /** Number of string values the redaction guard replaced in this entry. */
  redacted?: number;
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
  /** Told about background problems (automatic pruning failed...). */
  onError?: (err: unknown) => void;
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
}

export const GENESIS_HASH = '0'.repeat(64);
export const DEFAULT_MAX_AGE_DAYS = 180;
export const DEFAULT_MAX_ENTRIES = 100_000;

const MAX_STRING = 2000;
/** Lines checked between two yields to the event loop, so a long check does not block main. */
const VERIFY_CHUNK = 2000;
const MAX_DETAIL_KEYS = 40;
const REDACTED = '[redacted]';
/** Registered secrets at least this long are also removed when they appear inside a string. */
const MIN_SUBSTRING_SECRET = 6;
const KINDS: ReadonlySet<string> = new Set<ActivityKind>([...ACTIVITY_KINDS, 'anchor']);
/** Fields written by the log itself or validated separately: not scanned by the heuristics. */
const STRUCTURAL_FIELDS = new Set(['kind', 'accountId', 'prevHash', 'hash']);
const ACCOUNT_ID = /^[A-Za-z0-9._:-]{1,128}$/;

// ---------------------------------------------------------------------------------------------
// Canonical JSON and hashing

/** JSON with object keys sorted at every level and undefined members dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    return s === undefined ? 'null' : s;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function entryHash(entryWithoutHash: Omit<ActivityEntry, 'hash'>): string {
  return createHash('sha256')
    .update(entryWithoutHash.prevHash + canonicalJson(entryWithoutHash))
    .digest('hex');
}

function seal(entry: Omit<ActivityEntry, 'hash'>): { entry: ActivityEntry; line: string } {
  const full = { ...entry, hash: entryHash(entry) };
  const line = canonicalJson(full);
  // Re-parse so the in-memory entry is exactly what the file holds (NaN -> null and so on).
  return { entry: JSON.parse(line) as ActivityEntry, line };
}

// ---------------------------------------------------------------------------------------------
// Redaction

const KEY_VALUE =
  /((?<![A-Za-z0-9])(?:api[-_]?key|apikey|api[-_]?secret|secret|signature|sign|passphrase|password|token|access[-_]?key|x-mbx-apikey|ok-access-key|ok-access-sign)["']?\s*[=:]\s*["']?)([^&\s"',;}]+)/gi;
const BEARER = /(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g;
const TOKEN = /[A-Za-z0-9+=_-]{24,}/g;

function count(s: string, re: RegExp): number {
  return (s.match(re) ?? []).length;
}

/** Long tokens that look random: mixed case with digits, or long hex. Identifiers and UUIDs pass. */
function looksRandom(token: string): boolean {
  const digits = count(token, /[0-9]/g);
  const lower = count(token, /[a-z]/g);
  const upper = count(token, /[A-Z]/g);
  if (/^[0-9a-f]{32,}$/i.test(token) && digits >= 3 && lower + upper >= 3) return true;
  if (digits < 3 || lower === 0 || upper === 0) return false;
  const freq = new Map<string, number>();
  for (const c of token) freq.set(c, (freq.get(c) ?? 0) + 1);
  let entropy = 0;
  for (const n of freq.values()) entropy -= (n / token.length) * Math.log2(n / token.length);
  return entropy >= 3.5;
}

// ---------------------------------------------------------------------------------------------

interface Pending {
  entry: Omit<ActivityEntry, 'seq' | 'prevHash' | 'hash'>;
  resolve: (e: ActivityEntry) => void;
  reject: (err: unknown) => void;
}

export class ActivityLog {
  readonly path: string;
  readonly report: OpenReport;
  private readonly now: () => number;
  private readonly durable: boolean;
  private readonly onRedact: NonNullable<ActivityLogOptions['onRedact']>;
  private readonly onError: NonNullable<ActivityLogOptions['onError']>;
  private maxAgeDays: number | null;
  private maxEntries: number | null;
  /** In file order; entries[0] may be the anchor. */
  private entries: ActivityEntry[] = [];
  private headSeq = 0;
  private headHash = GENESIS_HASH;
  /** Bytes of the file that hold complete, committed lines. */
  private size = 0;
  private secrets = new Set<string>();
  private pending: Pending[] = [];
  private flushScheduled = false;
  private chain: Promise<unknown> = Promise.resolve();
  private repairNeeded = false;

  private constructor(opts: ActivityLogOptions, report: OpenReport) {
    this.path = opts.path;
    this.report = report;
    this.now = opts.now ?? Date.now;
    this.durable = opts.durable ?? true;
    this.onRedact = opts.onRedact ?? (() => undefined);
    this.onError = opts.onError ?? (() => undefined);
    this.maxAgeDays = opts.maxAgeDays === undefined ? DEFAULT_MAX_AGE_DAYS : opts.maxAgeDays;
    this.maxEntries = opts.maxEntries === undefined ? DEFAULT_MAX_ENTRIES : opts.maxEntries;
  }

  /** Open (or create) the log, cut a torn last line, and apply retention. */
  static async open(opts: ActivityLogOptions): Promise<ActivityLog> {
    await mkdir(dirname(opts.path), { recursive: true });
    let text = '';
    try {
      text = await readFile(opts.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const parsed = parseLines(text);
    const report: OpenReport = {
      entries: 0,
      tornTail: parsed.tornTailBytes > 0 ? { bytes: parsed.tornTailBytes } : null,
      invalidLines: parsed.invalidLines,
      pruned: 0,
    };
    const log = new ActivityLog(opts, report);
    log.entries = parsed.entries;
    const last = parsed.entries[parsed.entries.length - 1];
    if (last) {
      log.headSeq = last.seq;
      // After an anchor the chain continues from the pruned entry it records.
      log.headHash = last.kind === 'anchor' ? last.prevHash : last.hash;
    }
    log.size = Buffer.byteLength(text.slice(0, parsed.goodLength), 'utf8');
    if (parsed.tornTailBytes > 0) {
      // keep the original next to it before cutting anything off
      const backupPath = join(
        dirname(opts.path),
        `${basename(opts.path, '.jsonl')}.corrupt-${(opts.now ?? Date.now)()}.jsonl`,
      );
      await copyFile(opts.path, backupPath);
      report.backupPath = backupPath;
      await truncate(opts.path, log.size);
    }
    if (parsed.missingNewline) {
      await appendDurable(opts.path, '\n', { fsync: log.durable });
      log.size += 1;
    }
    try {
      report.pruned = await log.prune();
    } catch (err) {
      // A damaged or edited file is kept as is (see pruneNow); the log still opens and appends.
      log.onError(err);
    }
    report.entries = log.entries.filter((e) => e.kind !== 'anchor').length;
    return log;
  }

  /** Register values that must never be written (the vault calls this with every secret). */
  redact(values: readonly string[]): void {
    for (const v of values) if (typeof v === 'string' && v.length > 0) this.secrets.add(v);
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
    let entry: Pending['entry'];
    try {
      entry = this.prepare(input);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<ActivityEntry>((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        void this.serial(() => this.flushPending());
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
    const out: ActivityEntry[] = [];
    let total = 0;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]!;
      if (q.kind === 'lifecycle') {
        if (e.kind === 'api-call' || e.kind === 'anchor') continue;
      } else if (q.kind !== undefined ? e.kind !== q.kind : e.kind === 'anchor') continue;
      if (search !== '' && !(e.endpoint ?? '').toLowerCase().includes(search)) continue;
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
    const snapshot = await this.serial(async () => {
      try {
        return { text: await readFile(this.path, 'utf8'), headSeq: this.headSeq };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { text: null, headSeq: this.headSeq };
        throw err;
      }
    });
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

  /** Validate, bound and redact an input; throws AppError('invalid-log-entry') on bad input. */
  private prepare(input: ActivityInput): Pending['entry'] {
    const bad = (what: string) => new AppError('invalid-log-entry', `Activity log entry refused: ${what}.`);
    if (!input || typeof input !== 'object') throw bad('not an object');
    if (typeof input.kind !== 'string' || !KINDS.has(input.kind) || input.kind === ('anchor' as string)) {
      throw bad('unknown kind');
    }
    if (input.accountId !== null && (typeof input.accountId !== 'string' || !ACCOUNT_ID.test(input.accountId))) {
      throw bad('invalid account id');
    }
    if (input.accountId !== null && this.isKnownSecret(input.accountId)) throw bad('invalid account id');
    const at = input.at ?? this.now();
    if (typeof at !== 'number' || !Number.isFinite(at)) throw bad('invalid time');

    let redactions = 0;
    const clean = (field: string, v: unknown): DetailValue | undefined => {
      if (v === undefined) return undefined;
      if (v === null || typeof v === 'boolean') return v;
      if (typeof v === 'number') return Number.isFinite(v) ? v : null;
      if (typeof v !== 'string') throw bad(`field ${field} must be a string, number, boolean or null`);
      const r = this.scrubString(field, v);
      redactions += r.count;
      return r.text.length > MAX_STRING ? `${r.text.slice(0, MAX_STRING)}…` : r.text;
    };

    const entry: Pending['entry'] = { at, kind: input.kind, accountId: input.accountId };
    const scalar = <K extends 'exchange' | 'method' | 'endpoint' | 'errorClass'>(k: K) => {
      const v = clean(k, input[k]);
      if (v !== undefined) (entry as Record<string, unknown>)[k] = v;
    };
    scalar('exchange');
    scalar('method');
    scalar('endpoint');
    scalar('errorClass');
    for (const k of ['status', 'durationMs', 'ok'] as const) {
      const v = clean(k, input[k]);
      if (v !== undefined) (entry as Record<string, unknown>)[k] = v;
    }
    if (input.detail !== undefined) {
      if (input.detail === null || typeof input.detail !== 'object' || Array.isArray(input.detail)) {
        throw bad('detail must be an object');
      }
      const keys = Object.keys(input.detail).slice(0, MAX_DETAIL_KEYS);
      const detail: Record<string, DetailValue> = {};
      for (const k of keys) {
        if (this.isKnownSecret(k) || looksRandom(k)) {
          redactions++;
          this.onRedact({ field: 'detail', reason: 'known-secret' });
          continue;
        }
        const v = clean(`detail.${k}`, input.detail[k]);
        if (v !== undefined) detail[k.slice(0, 80)] = v;
      }
      entry.detail = detail;
    }
    if (redactions > 0) entry.redacted = redactions;
    return entry;
  }

  private isKnownSecret(s: string): boolean {
    for (const secret of this.secrets) {
      if (s === secret || (secret.length >= MIN_SUBSTRING_SECRET && s.includes(secret))) return true;
    }
    return false;
  }

  private scrubString(field: string, value: string): { text: string; count: number } {
    let text = value;
    let n = 0;
    // Longest first, so a secret containing another is removed whole.
    const known = [...this.secrets].sort((a, b) => b.length - a.length);
    for (const secret of known) {
      if (text === secret) {
        text = REDACTED;
        n++;
        this.onRedact({ field, reason: 'known-secret' });
        break;
      }
      if (secret.length >= MIN_SUBSTRING_SECRET && text.includes(secret)) {
        text = text.split(secret).join(REDACTED);
        n++;
        this.onRedact({ field, reason: 'known-secret' });
      }
    }
    if (STRUCTURAL_FIELDS.has(field)) return { text, count: n };
    const before = text;
    text = text
      .replace(PRIVATE_KEY, REDACTED)
      .replace(BEARER, (_m, p1: string) => `${p1}${REDACTED}`)
      .replace(KEY_VALUE, (m, p1: string, p2: string) => (p2 === REDACTED ? m : `${p1}${REDACTED}`))
      .replace(TOKEN, (tok) => (looksRandom(tok) ? REDACTED : tok));
    if (text !== before) {
      n++;
      this.onRedact({ field, reason: 'looks-secret' });
    }
    return { text, count: n };
  }

  private async flushPending(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    try {
      if (this.repairNeeded) {
        // A previous write failed part-way: drop whatever partial bytes it left.
        await truncate(this.path, this.size);
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
      await appendDurable(this.path, data, { fsync: this.durable });
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
    const anchor = this.entries[0]?.kind === 'anchor' ? this.entries[0] : null;
    const body = anchor ? this.entries.slice(1) : this.entries;
    if (body.length === 0) return 0;
    const now = this.now();
    let remove = 0;
    if (this.maxEntries !== null) {
      const slack = lazy ? Math.max(16, Math.floor(this.maxEntries * 0.05)) : 0;
      if (body.length > this.maxEntries + slack) remove = body.length - this.maxEntries;
    }
    if (this.maxAgeDays !== null) {
      const cutoff = now - this.maxAgeDays * DAY_MS;
      const trigger = lazy ? cutoff - DAY_MS : cutoff;
      if (body[0]!.at < trigger) {
        let n = 0;
        while (n < body.length && body[n]!.at < cutoff) n++;
        remove = Math.max(remove, n);
      }
    }
    if (remove === 0) return 0;

    const lastRemoved = body[remove - 1]!;
    const kept = body.slice(remove);
    const previouslyPruned = typeof anchor?.detail?.prunedTotal === 'number' ? anchor.detail.prunedTotal : 0;
    const { entry: newAnchor, line: anchorLine } = seal({
      seq: lastRemoved.seq,
      at: now,
      kind: 'anchor',
      accountId: null,
      detail: {
        continuesFromSeq: lastRemoved.seq,
        continuesFromHash: lastRemoved.hash,
        prunedNow: remove,
        prunedTotal: previouslyPruned + remove,
      },
      prevHash: lastRemoved.hash,
    });
    // Never rewrite a file that was edited or damaged, and never drop entries whose chain is
    // broken: that would erase the evidence. Such a file is left alone; verify() reports it.
    const expected = this.entries.map((e) => canonicalJson(e)).join('\n') + '\n';
    const current = await readFile(this.path, 'utf8').catch(() => null);
    const prefixOk = await chainIntact(anchor, body.slice(0, remove + 1));
    if (current !== expected || !prefixOk) {
      throw new AppError(
        'log-changed',
        'The activity log file differs from what Ballast wrote, so it was not pruned. Check it with "verify".',
      );
    }
    const data = [anchorLine, ...kept.map((e) => canonicalJson(e))].join('\n') + '\n';
    await writeFileAtomic(this.path, data);
    this.entries = [newAnchor, ...kept];
    this.size = Buffer.byteLength(data, 'utf8');
    this.repairNeeded = false;
    return remove;
  }
}

/** Whether `entries` (the first entries after `anchor`, or from the start) form an intact chain. */
async function chainIntact(anchor: ActivityEntry | null, entries: readonly ActivityEntry[]): Promise<boolean> {
  let prev = GENESIS_HASH;
  let seq = 1;
  if (anchor) {
    const { hash, ...rest } = anchor;
    if (entryHash(rest) !== hash) return false;
    prev = anchor.prevHash;
    seq = anchor.seq + 1;
  }
  for (let i = 0; i < entries.length; i++) {
    if (i > 0 && i % VERIFY_CHUNK === 0) await new Promise((r) => setImmediate(r));
    const e = entries[i]!;
    const { hash, ...rest } = e;
    if (e.kind === 'anchor' || e.seq !== seq || e.prevHash !== prev || entryHash(rest) !== hash) return false;
    prev = hash;
    seq++;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// File helpers

function writeError(err: unknown): AppError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? 'unknown';
  return new AppError('log-write-failed', `The activity log could not be written (${code}).`);
}

/** Size of the log file in bytes (0 when absent). */
export async function logFileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing and verification

function isEntry(v: unknown): v is ActivityEntry {
  if (!v || typeof v !== 'object') return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e.seq === 'number' &&
    typeof e.at === 'number' &&
    typeof e.kind === 'string' &&
    typeof e.prevHash === 'string' &&
    typeof e.hash === 'string' &&
    (e.accountId === null || typeof e.accountId === 'string')
  );
}

function tryParse(line: string): ActivityEntry | null {
  try {
    const v: unknown = JSON.parse(line);
    return isEntry(v) ? v : null;
  } catch {
    return null;
  }
}

interface Parsed {
  entries: ActivityEntry[];
  invalidLines: number[];
  /** Characters of text that hold complete lines (plus a complete unterminated last line). */
  goodLength: number;
  tornTailBytes: number;
  /** The last line is complete but its newline is missing. */
  missingNewline: boolean;
}

function splitTail(text: string): { body: string; tail: string } {
  const cut = text.lastIndexOf('\n') + 1;
  return { body: text.slice(0, cut), tail: text.slice(cut) };
}

/** Whether an unterminated last line is a whole, correctly sealed entry (a crash between the
 *  line and its newline) rather than a torn one. */
function completeTail(tail: string): ActivityEntry | null {
  const e = tryParse(tail);
  if (!e) return null;
  const { hash, ...rest } = e;
  return entryHash(rest) === hash ? e : null;
}

function parseLines(text: string): Parsed {
  const { body, tail } = splitTail(text);
  const entries: ActivityEntry[] = [];
  const invalidLines: number[] = [];
  const lines = body.split('\n');
  lines.pop(); // after the final newline
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const e = tryParse(line);
    if (e) entries.push(e);
    else invalidLines.push(i + 1);
  });
  let goodLength = body.length;
  let tornTailBytes = 0;
  let missingNewline = false;
  if (tail.trim() !== '') {
    const e = completeTail(tail);
    if (e) {
      entries.push(e);
      goodLength = text.length;
      missingNewline = true;
    } else {
      tornTailBytes = Buffer.byteLength(tail, 'utf8');
    }
  } else if (tail.length > 0) {
    tornTailBytes = Buffer.byteLength(tail, 'utf8');
  }
  return { entries, invalidLines, goodLength, tornTailBytes, missingNewline };
}

type TextVerify =
  | { ok: true; entries: number; lastSeq: number; tornTailBytes: number }
  | { ok: false; brokenAt: number; reason: string };

/** Check the chain of a log file's text. A torn last line is ignored (and counted). */
export async function verifyText(text: string): Promise<TextVerify> {
  const { body, tail } = splitTail(text);
  const lines = body.split('\n');
  lines.pop();
  let tornTailBytes = 0;
  if (tail.trim() !== '') {
    if (completeTail(tail)) lines.push(tail);
    else tornTailBytes = Buffer.byteLength(tail, 'utf8');
  }
  let expectedSeq = 1;
  let expectedPrev = GENESIS_HASH;
  let count = 0;
  let lastSeq = 0;
  for (let i = 0; i < lines.length; i++) {
    if (i > 0 && i % VERIFY_CHUNK === 0) await new Promise((r) => setImmediate(r));
    const line = lines[i]!;
    const lineNo = i + 1;
    if (line.trim() === '') {
      return { ok: false, brokenAt: expectedSeq, reason: `line ${lineNo} is empty` };
    }
    const e = tryParse(line);
    if (!e) return { ok: false, brokenAt: expectedSeq, reason: `line ${lineNo} is not a valid entry` };
    const { hash, ...rest } = e;
    if (entryHash(rest) !== hash) {
      return { ok: false, brokenAt: e.seq, reason: `entry ${e.seq} (line ${lineNo}) was modified` };
    }
    if (e.kind === 'anchor') {
      if (i !== 0) {
        return { ok: false, brokenAt: e.seq, reason: `an anchor appears in the middle of the log (line ${lineNo})` };
      }
      // The chain continues from the pruned entry the anchor records.
      if (e.detail?.continuesFromHash !== e.prevHash || e.detail?.continuesFromSeq !== e.seq) {
        return { ok: false, brokenAt: e.seq, reason: 'the anchor is inconsistent' };
      }
      expectedSeq = e.seq + 1;
      expectedPrev = e.prevHash;
      lastSeq = e.seq;
      continue;
    }
    if (e.seq !== expectedSeq) {
      return {
        ok: false,
        brokenAt: e.seq,
        reason:
          e.seq > expectedSeq
            ? `entries ${expectedSeq} to ${e.seq - 1} are missing (line ${lineNo})`
            : `entry ${e.seq} is out of order (line ${lineNo}, expected ${expectedSeq})`,
      };
    }
    if (e.prevHash !== expectedPrev) {
      return { ok: false, brokenAt: e.seq, reason: `entry ${e.seq} does not follow the previous entry` };
    }
    expectedSeq++;
    expectedPrev = hash;
    lastSeq = e.seq;
    count++;
  }
  return { ok: true, entries: count, lastSeq, tornTailBytes };
}
