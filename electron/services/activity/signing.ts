/**
 * Signing of the activity log: the installation's key and the log's checkpoints, kept together as one
 * item in the OS keychain (through the Vault, never on disk). Used by ActivityLog (log.ts); the chain
 * (chain.ts) seals entries with the key as HMAC-SHA-256.
 *
 * The item ("record") holds:
 * - `key`: 32 random bytes, made when the log is first opened with a keychain;
 * - `head`: the newest entry written (seq and hash), refreshed after appends (at most every few seconds,
 *   and always when the log closes), so a file whose newest lines were removed, emptied, deleted or put
 *   back from an older copy is told apart from the log as written;
 * - `signedFrom`: where signing started. A log written before (by an earlier version, or while no
 *   keychain could be used) is pinned there: its entries up to that point stay unsigned but cannot be
 *   changed unnoticed, since the hash of the entry at `signedFrom.seq` is kept;
 * - `legacyAnchor`: the unsigned anchor such a log started with, if any (the only unsigned anchor accepted).
 *
 * Who can read the keychain can forge the log: that is outside what Ballast protects (docs/SECURITY.md).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** Where the log keeps its record: one keychain item, read and written as text. */
export interface LogKeychain {
  /** The item's text, or null when there is none. Throws when the keychain cannot be used. */
  read(): Promise<string | null>;
  write(value: string): Promise<void>;
}

const Point = z.strictObject({ seq: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/) });
export type ChainPoint = z.infer<typeof Point>;

const RecordSchema = z.strictObject({
  v: z.literal(1),
  /** The signing key, base64 (32 bytes). */
  key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  head: Point,
  signedFrom: Point.extend({ at: z.number().finite() }),
  legacyAnchor: Point.nullable(),
});
export type SigningRecord = z.infer<typeof RecordSchema>;

/** What the log can do about signing in this session. */
export type Signing =
  /** No keychain was given (tools, tests of the plain chain): entries are only hash-chained. */
  | { mode: 'off' }
  /** A keychain was given but cannot be used now: entries are only hash-chained. */
  | { mode: 'unavailable' }
  /** The keychain answered and holds no record yet: the log makes one. */
  | { mode: 'new' }
  | { mode: 'on'; key: Buffer; record: SigningRecord };

/** The keyed hash of an entry's text (HMAC-SHA-256, hex). */
export function mac(key: Uint8Array, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex');
}

export function newKey(): Buffer {
  return randomBytes(32);
}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the keychain did not answer in time')), ms);
    timer.unref?.();
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Reads the record; a keychain that fails, is slow or holds an unreadable item leaves the log unsigned. */
export async function loadSigning(keychain: LogKeychain | undefined, timeoutMs: number): Promise<Signing> {
  if (!keychain) return { mode: 'off' };
  let text: string | null;
  try {
    text = await within(keychain.read(), timeoutMs);
  } catch {
    // Locked, absent or slow keychain: the log still records, hash-chained only, and says so.
    return { mode: 'unavailable' };
  }
  if (text === null) return { mode: 'new' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  const record = RecordSchema.safeParse(parsed);
  // An unreadable item is never replaced: that would throw away the key the entries are signed with.
  if (!record.success) return { mode: 'unavailable' };
  return { mode: 'on', key: Buffer.from(record.data.key, 'base64'), record: record.data };
}

export function serialiseRecord(record: SigningRecord): string {
  return JSON.stringify(record);
}

/**
 * Keeps the record's `head` current in the keychain: written at once when the last write is older
 * than `intervalMs`, otherwise once that interval has passed, and always by `flush()` (the log's
 * close). Writes run one at a time; a failing write is reported to `onError` and retried with the next.
 */
export class Checkpoints {
  private pending = false;
  private lastWrite = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  private readonly keychain: LogKeychain;
  readonly record: SigningRecord;
  private readonly opts: { now: () => number; intervalMs: number; onError: (err: unknown) => void };

  /** `now` is the wall clock the interval is measured with. */
  constructor(
    keychain: LogKeychain,
    record: SigningRecord,
    opts: { now: () => number; intervalMs: number; onError: (err: unknown) => void },
  ) {
    this.keychain = keychain;
    this.record = record;
    this.opts = opts;
  }

  /** The newest entry written is now `head`. */
  note(head: ChainPoint): void {
    this.record.head = { seq: head.seq, hash: head.hash };
    this.pending = true;
    const wait = this.lastWrite + this.opts.intervalMs - this.opts.now();
    if (wait <= 0) {
      void this.write();
    } else if (!this.timer) {
      this.timer = setTimeout(() => void this.write(), wait);
      this.timer.unref?.();
    }
  }

  /** Writes what is pending now and waits for every write. */
  async flush(): Promise<void> {
    if (this.pending) await this.write();
    await this.writing;
  }

  private write(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.writing = this.writing.then(async () => {
      if (!this.pending) return;
      this.pending = false;
      this.lastWrite = this.opts.now();
      try {
        await this.keychain.write(serialiseRecord(this.record));
      } catch (err) {
        this.pending = true;
        this.opts.onError(err);
      }
    });
    return this.writing;
  }
}

/** Signing as a log session uses it. */
export interface ActiveSigning {
  /** 'off': opened without a keychain; 'unavailable': the keychain cannot be used now. */
  state: 'off' | 'signed' | 'unavailable';
  key: Buffer | null;
  record: SigningRecord | null;
  checkpoints: Checkpoints | null;
}

export interface OpenSigningOptions {
  keychain: LogKeychain | undefined;
  timeoutMs: number;
  /** The log's clock (the time signing started is recorded with it). */
  now: () => number;
  intervalMs: number;
  onError: (err: unknown) => void;
}

/**
 * Starts signing for a log whose file ends at `fileHead` and begins with `first`: reads the record, or,
 * on the first open with a keychain, makes the key and the record, pinning what the file holds then
 * (an unsigned anchor at its start included). The record is written before anything is signed with
 * the key; when that fails the session stays unsigned.
 */
export async function openSigning(
  loaded: Signing,
  fileHead: ChainPoint,
  first: { seq: number; hash: string; kind: string; signed?: true } | undefined,
  opts: OpenSigningOptions,
): Promise<ActiveSigning> {
  const checkpointsFor = (record: SigningRecord) =>
    new Checkpoints(opts.keychain!, record, { now: Date.now, intervalMs: opts.intervalMs, onError: opts.onError });
  if (loaded.mode === 'off') return { state: 'off', key: null, record: null, checkpoints: null };
  if (loaded.mode === 'unavailable') return { state: 'unavailable', key: null, record: null, checkpoints: null };
  if (loaded.mode === 'on') {
    return { state: 'signed', key: loaded.key, record: loaded.record, checkpoints: checkpointsFor(loaded.record) };
  }
  const key = newKey();
  const record: SigningRecord = {
    v: 1,
    key: key.toString('base64'),
    head: { ...fileHead },
    signedFrom: { ...fileHead, at: opts.now() },
    legacyAnchor: first?.kind === 'anchor' && !first.signed ? { seq: first.seq, hash: first.hash } : null,
  };
  try {
    await within(opts.keychain!.write(serialiseRecord(record)), opts.timeoutMs);
  } catch (err) {
    opts.onError(err);
    return { state: 'unavailable', key: null, record: null, checkpoints: null };
  }
  return { state: 'signed', key, record, checkpoints: checkpointsFor(record) };
}
