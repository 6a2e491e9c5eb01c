/**
 * The activity log's chain: canonical JSON, entry hashes, sealing new entries, and checking entries in
 * memory before a rewrite. Checking a whole file is verify.ts.
 *
 * Each entry carries `prevHash` (the previous entry's `hash`, or 64 zeros for the first entry) and a
 * `hash` over `prevHash + canonicalJson(entry without hash)`: HMAC-SHA-256 with the installation's key
 * (signing.ts) for a signed entry (`signed: true`), SHA-256 for an entry written without a key (by an
 * earlier version, or while the keychain could not be used). Editing any field, deleting a line or
 * reordering lines breaks the chain; without the key a signed entry cannot be recomputed. A pruned file
 * starts with an `anchor` entry that records the seq and hash of the last pruned entry, so the
 * remaining chain still verifies; the anchor is signed like any entry.
 */
import { createHash } from 'node:crypto';
import { mac } from './signing';
import type { ActivityEntry } from './types';

export const GENESIS_HASH = '0'.repeat(64);
/** Lines checked between two yields to the event loop, so a long check does not block main. */
export const VERIFY_CHUNK = 2000;

export const yieldToEventLoop = () => new Promise((r) => setImmediate(r));

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

/**
 * The hash an entry must carry: keyed with `key` when the entry is signed, plain SHA-256 otherwise.
 * null when the entry is signed and there is no key to check it with.
 */
export function entryHash(entryWithoutHash: Omit<ActivityEntry, 'hash'>, key: Uint8Array | null = null): string | null {
  const text = entryWithoutHash.prevHash + canonicalJson(entryWithoutHash);
  if (entryWithoutHash.signed === true) return key ? mac(key, text) : null;
  return createHash('sha256').update(text).digest('hex');
}

/** The entry with its hash (signed when there is a key), and the line that stores it. */
export function seal(
  entry: Omit<ActivityEntry, 'hash' | 'signed'>,
  key: Uint8Array | null = null,
): { entry: ActivityEntry; line: string } {
  const unsealed: Omit<ActivityEntry, 'hash'> = key ? { ...entry, signed: true } : entry;
  const full = { ...unsealed, hash: entryHash(unsealed, key)! };
  const line = canonicalJson(full);
  // Re-parse so the in-memory entry is exactly what the file holds (NaN -> null and so on).
  return { entry: JSON.parse(line) as ActivityEntry, line };
}

/**
 * Whether `entries` (the first entries after `anchor`, or from the start) form an intact chain; signed
 * entries are checked with `key` (without one they are not intact).
 */
export async function chainIntact(
  anchor: ActivityEntry | null,
  entries: readonly ActivityEntry[],
  key: Uint8Array | null = null,
): Promise<boolean> {
  let prev = GENESIS_HASH;
  let seq = 1;
  if (anchor) {
    const { hash, ...rest } = anchor;
    if (entryHash(rest, key) !== hash) return false;
    prev = anchor.prevHash;
    seq = anchor.seq + 1;
  }
  for (let i = 0; i < entries.length; i++) {
    if (i > 0 && i % VERIFY_CHUNK === 0) await yieldToEventLoop();
    const e = entries[i]!;
    const { hash, ...rest } = e;
    if (e.kind === 'anchor' || e.seq !== seq || e.prevHash !== prev || entryHash(rest, key) !== hash) return false;
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
    (e.signed === undefined || e.signed === true) &&
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

/**
 * Whether an unterminated last line is a whole, correctly sealed entry (a crash between the line and
 * its newline) rather than a torn one. A signed line is taken as whole when there is no key to check it.
 */
export function completeTail(tail: string, key: Uint8Array | null = null): ActivityEntry | null {
  const e = tryParse(tail);
  if (!e) return null;
  const { hash, ...rest } = e;
  const expected = entryHash(rest, key);
  return expected === null || expected === hash ? e : null;
}
