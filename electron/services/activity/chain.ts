/**
 * The activity log's hash chain: canonical JSON, entry hashes, sealing new entries, and checking a
 * chain (a whole file's text, or entries in memory before a rewrite).
 *
 * Each entry carries `prevHash` (the previous entry's `hash`, or 64 zeros for the first entry) and
 * `hash = sha256(prevHash + canonicalJson(entry without hash))`. Editing any field, deleting a line or
 * reordering lines breaks the chain. A pruned file starts with an `anchor` entry that records the seq
 * and hash of the last pruned entry, so the remaining chain still verifies.
 */
import { createHash } from 'node:crypto';
import type { ActivityEntry } from './types';

export const GENESIS_HASH = '0'.repeat(64);
/** Lines checked between two yields to the event loop, so a long check does not block main. */
const VERIFY_CHUNK = 2000;

const yieldToEventLoop = () => new Promise((r) => setImmediate(r));

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

/** The entry with its hash, and the line that stores it. */
export function seal(entry: Omit<ActivityEntry, 'hash'>): { entry: ActivityEntry; line: string } {
  const full = { ...entry, hash: entryHash(entry) };
  const line = canonicalJson(full);
  // Re-parse so the in-memory entry is exactly what the file holds (NaN -> null and so on).
  return { entry: JSON.parse(line) as ActivityEntry, line };
}

/** Whether `entries` (the first entries after `anchor`, or from the start) form an intact chain. */
export async function chainIntact(anchor: ActivityEntry | null, entries: readonly ActivityEntry[]): Promise<boolean> {
  let prev = GENESIS_HASH;
  let seq = 1;
  if (anchor) {
    const { hash, ...rest } = anchor;
    if (entryHash(rest) !== hash) return false;
    prev = anchor.prevHash;
    seq = anchor.seq + 1;
  }
  for (let i = 0; i < entries.length; i++) {
    if (i > 0 && i % VERIFY_CHUNK === 0) await yieldToEventLoop();
    const e = entries[i]!;
    const { hash, ...rest } = e;
    if (e.kind === 'anchor' || e.seq !== seq || e.prevHash !== prev || entryHash(rest) !== hash) return false;
    prev = hash;
    seq++;
  }
  return true;
}

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

/** The entry a line holds, or null when it is not one. */
export function tryParse(line: string): ActivityEntry | null {
  try {
    const v: unknown = JSON.parse(line);
    return isEntry(v) ? v : null;
  } catch {
    return null;
  }
}

/** The text up to its last newline, and what follows it (an unterminated last line). */
export function splitTail(text: string): { body: string; tail: string } {
  const cut = text.lastIndexOf('\n') + 1;
  return { body: text.slice(0, cut), tail: text.slice(cut) };
}

/** Whether an unterminated last line is a whole, correctly sealed entry (a crash between the
 *  line and its newline) rather than a torn one. */
export function completeTail(tail: string): ActivityEntry | null {
  const e = tryParse(tail);
  if (!e) return null;
  const { hash, ...rest } = e;
  return entryHash(rest) === hash ? e : null;
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
    if (i > 0 && i % VERIFY_CHUNK === 0) await yieldToEventLoop();
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
