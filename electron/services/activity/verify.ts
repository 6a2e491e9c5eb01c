/**
 * Checking a log file's text (ActivityLog.verify, at open and on demand from Keys & Activity): every
 * line parses, every hash is right (signed entries with the installation's key), the seqs follow each
 * other, each entry carries the previous one's hash, and, when the log is signed, the file agrees with
 * what the keychain recorded:
 * - the newest entry written (`head`, the checkpoint, or what the running log wrote) is there with its
 *   hash: lines removed from the end, an emptied, deleted or older file are caught;
 * - the entry where signing started (`signedFrom`) is there with its hash: the unsigned part written
 *   before cannot be changed;
 * - an unsigned anchor is accepted only as the one the log started with when signing began: without
 *   the key nobody can claim older entries were pruned;
 * - an unsigned entry after signing started is reported (a warning): Ballast writes one only while the
 *   keychain is unavailable, anyone else could have added it.
 * A torn last line is ignored and counted. Answers in plain words (shared/domain/activity.ts ChainStatus).
 */
import type { ChainSigning, ChainStatus } from '../../../shared/domain/activity';
import { completeTail, entryHash, GENESIS_HASH, splitTail, tryParse, VERIFY_CHUNK, yieldToEventLoop } from './chain';
import type { ChainPoint, SigningRecord } from './signing';
import type { ActivityEntry } from './types';

export interface VerifyContext {
  /** The signing key; null when there is none now. */
  key: Uint8Array | null;
  /** The keychain's record (signing on), or null (no keychain, or it cannot be used now). */
  record: Pick<SigningRecord, 'signedFrom' | 'legacyAnchor'> | null;
  /** The newest entry known to have been written (checkpoint or running log), or null. */
  head: ChainPoint | null;
  /** How the log is signed, passed on in the answer; absent without a keychain. */
  signing?: ChainSigning;
}

const broken = (brokenAt: number, reason: string, signing?: ChainSigning): ChainStatus =>
  signing ? { ok: false, brokenAt, reason, signing } : { ok: false, brokenAt, reason };

/** The lines to check, and the bytes of a torn last line left out. */
function linesOf(text: string, key: Uint8Array | null): { lines: string[]; tornTailBytes: number } {
  const { body, tail } = splitTail(text);
  const lines = body.split('\n');
  lines.pop();
  let tornTailBytes = 0;
  if (tail.trim() !== '') {
    if (completeTail(tail, key)) lines.push(tail);
    else tornTailBytes = Buffer.byteLength(tail, 'utf8');
  }
  return { lines, tornTailBytes };
}

function sameHash(point: ChainPoint, e: ActivityEntry): boolean {
  // An anchor at a point's seq records that entry's hash as its prevHash.
  return (e.kind === 'anchor' ? e.prevHash : e.hash) === point.hash;
}

/** Checks a log file's text (null: there is no file) against `ctx`. */
export async function verifyText(text: string | null, ctx: VerifyContext): Promise<ChainStatus> {
  const { key, record, head, signing } = ctx;
  if (text === null && head && head.seq > 0) {
    return broken(1, `the log file is missing: entries 1 to ${head.seq} are gone`, signing);
  }
  const { lines, tornTailBytes } = linesOf(text ?? '', key);
  let expectedSeq = 1;
  let expectedPrev = GENESIS_HASH;
  let count = 0;
  let lastSeq = 0;
  let legacy = 0;
  let unchecked = 0;
  const unsigned: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (i > 0 && i % VERIFY_CHUNK === 0) await yieldToEventLoop();
    const line = lines[i]!;
    const lineNo = i + 1;
    if (line.trim() === '') return broken(expectedSeq, `line ${lineNo} is empty`, signing);
    const e = tryParse(line);
    if (!e) return broken(expectedSeq, `line ${lineNo} is not a valid entry`, signing);
    const { hash, ...rest } = e;
    const expected = entryHash(rest, key);
    if (expected === null) unchecked++;
    else if (expected !== hash) {
      const how = e.signed && record ? ', or does not carry this installation’s signature' : '';
      return broken(e.seq, `entry ${e.seq} (line ${lineNo}) was modified${how}`, signing);
    }
    if (record && e.seq === record.signedFrom.seq && !sameHash(record.signedFrom, e)) {
      return broken(e.seq, `entries written before the log was signed were changed (entry ${e.seq})`, signing);
    }
    if (head && e.seq === head.seq && !sameHash(head, e)) {
      return broken(e.seq, `entry ${e.seq} is not the entry Ballast wrote there`, signing);
    }
    if (e.kind === 'anchor') {
      if (i !== 0) return broken(e.seq, `an anchor appears in the middle of the log (line ${lineNo})`, signing);
      // The chain continues from the pruned entry the anchor records.
      if (e.detail?.continuesFromHash !== e.prevHash || e.detail?.continuesFromSeq !== e.seq) {
        return broken(e.seq, 'the anchor is inconsistent', signing);
      }
      const legacyAnchor = record?.legacyAnchor;
      if (record && !e.signed && !(legacyAnchor && legacyAnchor.seq === e.seq && legacyAnchor.hash === e.hash)) {
        return broken(
          e.seq,
          `the first line says entries 1 to ${e.seq} were removed by retention, but Ballast did not sign it`,
          signing,
        );
      }
      expectedSeq = e.seq + 1;
      expectedPrev = e.prevHash;
      lastSeq = e.seq;
      continue;
    }
    if (e.seq !== expectedSeq) {
      return broken(
        e.seq,
        e.seq > expectedSeq
          ? `entries ${expectedSeq} to ${e.seq - 1} are missing (line ${lineNo})`
          : `entry ${e.seq} is out of order (line ${lineNo}, expected ${expectedSeq})`,
        signing,
      );
    }
    if (e.prevHash !== expectedPrev) return broken(e.seq, `entry ${e.seq} does not follow the previous entry`, signing);
    if (record && !e.signed) {
      if (e.seq <= record.signedFrom.seq) legacy++;
      else unsigned.push(e.seq);
    }
    expectedSeq++;
    expectedPrev = hash;
    lastSeq = e.seq;
    count++;
  }
  if (head && lastSeq < head.seq) {
    return broken(lastSeq + 1, `entries ${lastSeq + 1} to ${head.seq} are missing from the end of the log`, signing);
  }
  const out: Extract<ChainStatus, { ok: true }> = { ok: true, entries: count };
  if (tornTailBytes > 0) out.tornTailBytes = tornTailBytes;
  const warning = warningFor(unsigned, unchecked);
  if (warning) out.warning = warning;
  if (signing) {
    out.signing =
      record && legacy > 0 ? { ...signing, unsignedBefore: { entries: legacy, at: record.signedFrom.at } } : signing;
  }
  return out;
}

function warningFor(unsigned: readonly number[], unchecked: number): string | null {
  if (unsigned.length > 0) {
    const which =
      unsigned.length === 1 ? `Entry ${unsigned[0]} is` : `Entries ${unsigned[0]} to ${unsigned.at(-1)} are`;
    return `${which} not signed. Ballast leaves entries unsigned only while the system keychain is unavailable; if it was available then, someone else added them.`;
  }
  if (unchecked > 0) {
    return `The system keychain is not available, so the signatures of ${unchecked === 1 ? '1 entry' : `${unchecked} entries`} could not be checked.`;
  }
  return null;
}
