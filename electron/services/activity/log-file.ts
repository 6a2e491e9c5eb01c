/**
 * The activity log's file: reading it back tolerant of a torn last line, appending sealed lines, and
 * rewriting it when retention prunes old entries. Every write goes through electron/services/files/atomic.ts
 * (appends flushed, rewrites atomic, files created 0o600).
 *
 * A torn last line (a crash mid-write) is cut off on open, after the file as it was is copied to
 * `<name>.corrupt-<time>.jsonl`; the earlier entries stay readable. What a failed append left behind
 * while running (a full disk) is cut off before the next write, after exactly those bytes are copied
 * to `<name>.cut-<time>.jsonl`. A file that differs from what the
 * log wrote (edited, damaged) is never rewritten: that would erase the evidence.
 */
import { open, readFile, stat, truncate } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DAY_MS } from '../../../shared/domain/types';
import { AppError } from '../errors';
import { appendDurable, copyFilePrivate, ensureDir, writeFileAtomic } from '../files/atomic';
import { fileWriteError } from '../files/write-errors';
import { canonicalJson, chainIntact, completeTail, seal, splitTail, tryParse } from './chain';
import type { ActivityEntry } from './types';

export interface Parsed {
  entries: ActivityEntry[];
  invalidLines: number[];
  /** Characters of text that hold complete lines (plus a complete unterminated last line). */
  goodLength: number;
  tornTailBytes: number;
  /** The last line is complete but its newline is missing. */
  missingNewline: boolean;
}

/**
 * The entries of a log file's text, the lines that could not be read and what to cut off. `key` checks
 * an unterminated signed last line (without one it is taken as whole when it parses).
 */
export function parseLines(text: string, key: Uint8Array | null = null): Parsed {
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
    const e = completeTail(tail, key);
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

/** The file's text, or null when there is none. */
export async function readLogText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export interface OpenedFile extends Parsed {
  /** Bytes of the file that hold complete, committed lines. */
  size: number;
  /** Where the file was copied, as it was, before a torn last line was cut off. */
  backupPath?: string;
}

/**
 * Reads the log file (created with its folder when missing): a torn last line is cut off after the
 * file is copied aside, and a complete last line without its newline gets one.
 */
export async function openLogFile(
  path: string,
  opts: { now: () => number; fsync: boolean; key: Uint8Array | null },
): Promise<OpenedFile> {
  await ensureDir(dirname(path));
  const text = (await readLogText(path)) ?? '';
  const parsed = parseLines(text, opts.key);
  const opened: OpenedFile = { ...parsed, size: Buffer.byteLength(text.slice(0, parsed.goodLength), 'utf8') };
  if (parsed.tornTailBytes > 0) {
    // keep the original next to it before cutting anything off
    const backupPath = join(dirname(path), `${basename(path, '.jsonl')}.corrupt-${opts.now()}.jsonl`);
    await copyFilePrivate(path, backupPath);
    opened.backupPath = backupPath;
    await truncate(path, opened.size);
  }
  if (parsed.missingNewline) {
    await appendDurable(path, '\n', { fsync: opts.fsync });
    opened.size += 1;
  }
  return opened;
}

/** Appends sealed lines in one write (flushed when `fsync`). */
export function appendLines(path: string, data: string, fsync: boolean): Promise<void> {
  return appendDurable(path, data, { fsync });
}

/**
 * Drops whatever a failed append left after the last committed byte (`size`), after copying exactly
 * those bytes to `<name>.cut-<time>.jsonl` next to the log. Returns where the copy is, or null when
 * nothing was there to cut.
 */
export async function cutPartialTail(path: string, size: number, now: number): Promise<string | null> {
  const fh = await open(path, 'r+');
  try {
    const { size: actual } = await fh.stat();
    if (actual <= size) return null;
    const extra = Buffer.alloc(actual - size);
    await fh.read(extra, 0, extra.length, size);
    const copy = join(dirname(path), `${basename(path, '.jsonl')}.cut-${now}.jsonl`);
    await writeFileAtomic(copy, extra);
    await fh.truncate(size);
    await fh.sync();
    return copy;
  } finally {
    await fh.close();
  }
}

/**
 * A write failure as the user sees it: a full disk or a protected folder as `disk-full` /
 * `write-failed` naming the folder (../files/write-errors.ts), anything else with the file system's
 * error code.
 */
export function writeError(err: unknown): AppError {
  const known = fileWriteError(err, 'the activity log');
  if (known) return known;
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

/**
 * How many entries retention removes now (after the anchor, oldest first); 0 for none. `lazy`: only
 * when well past the limits, so steady appends do not rewrite the file each time.
 */
export function entriesToPrune(
  entries: readonly ActivityEntry[],
  now: number,
  limits: { maxAgeDays: number | null; maxEntries: number | null },
  lazy: boolean,
): number {
  const body = entries[0]?.kind === 'anchor' ? entries.slice(1) : entries;
  if (body.length === 0) return 0;
  let remove = 0;
  if (limits.maxEntries !== null) {
    const slack = lazy ? Math.max(16, Math.floor(limits.maxEntries * 0.05)) : 0;
    if (body.length > limits.maxEntries + slack) remove = body.length - limits.maxEntries;
  }
  if (limits.maxAgeDays !== null) {
    const cutoff = now - limits.maxAgeDays * DAY_MS;
    const trigger = lazy ? cutoff - DAY_MS : cutoff;
    if (body[0]!.at < trigger) {
      let n = 0;
      while (n < body.length && body[n]!.at < cutoff) n++;
      remove = Math.max(remove, n);
    }
  }
  return remove;
}

/**
 * Rewrites the file atomically without the `remove` oldest entries, starting with an anchor that
 * records the last one removed (signed with `key` when there is one), and answers with the entries and
 * size it now holds. Throws AppError('log-changed') when the file is not what `entries` says was
 * written, or when the entries to drop do not form an intact chain: such a file is left alone, and
 * verify() reports it.
 */
export async function rewritePruned(
  path: string,
  entries: readonly ActivityEntry[],
  remove: number,
  now: number,
  key: Uint8Array | null,
): Promise<{ entries: ActivityEntry[]; size: number }> {
  const anchor = entries[0]?.kind === 'anchor' ? entries[0] : null;
  const body = anchor ? entries.slice(1) : entries;
  const lastRemoved = body[remove - 1]!;
  const kept = body.slice(remove);
  const previouslyPruned = typeof anchor?.detail?.prunedTotal === 'number' ? anchor.detail.prunedTotal : 0;
  const { entry: newAnchor, line: anchorLine } = seal(
    {
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
    },
    key,
  );
  const expected = entries.map((e) => canonicalJson(e)).join('\n') + '\n';
  const current = await readFile(path, 'utf8').catch(() => null);
  const prefixOk = await chainIntact(anchor, body.slice(0, remove + 1), key);
  if (current !== expected || !prefixOk) {
    throw new AppError(
      'log-changed',
      'The activity log file differs from what Ballast wrote, so it was not pruned. Check it with "verify".',
    );
  }
  const data = [anchorLine, ...kept.map((e) => canonicalJson(e))].join('\n') + '\n';
  await writeFileAtomic(path, data);
  return { entries: [newAnchor, ...kept], size: Buffer.byteLength(data, 'utf8') };
}
