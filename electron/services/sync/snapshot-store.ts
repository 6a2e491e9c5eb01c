/**
 * Append-only store of portfolio snapshots: one JSON object per line (JSONL).
 *
 * - An append is one write of one whole line, flushed to disk; a snapshot whose id is already
 *   stored is not written again, so a retried write never duplicates.
 * - On open, a torn last line (a crash mid-append) or unreadable lines are dropped: the original
 *   file is kept next to it as `<name>.corrupt-<time>.jsonl` and the readable lines are rewritten
 *   atomically. Nothing readable is lost.
 * - Compaction (every snapshot of the last 30 days, then the last one of each day) rewrites the
 *   file atomically (temp file + fsync + rename).
 * - Appends and compactions run one after the other (async, through electron/services/files/atomic.ts);
 *   the repair made while opening blocks, since it happens at start-up.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { compactSnapshots, KEEP_ALL_DAYS, type PortfolioSnapshot } from '../../../shared/portfolio/snapshots';
import {
  appendDurable,
  copyFilePrivateSync,
  ensureDirSync,
  writeFileAtomic,
  writeFileAtomicSync,
} from '../files/atomic';

const finite = z.number().finite();
const SnapshotSchema = z.object({
  id: z.string().min(1).max(200),
  t: finite,
  base: z.string().min(1).max(20),
  total: finite,
  assets: z.record(
    z.string().min(1).max(40),
    z.object({ amount: finite, price: finite.nullable(), value: finite.nullable() }),
  ),
}) satisfies z.ZodType<PortfolioSnapshot>;

export interface SnapshotStoreReport {
  /** The last line was incomplete (a write was interrupted). */
  tornTail: boolean;
  /** 1-based numbers of lines that could not be read. */
  invalidLines: number[];
  /** Where the unreadable original was kept, when it was repaired. */
  backupPath: string | null;
}

export class SnapshotStore {
  readonly path: string;
  readonly report: SnapshotStoreReport;
  private snaps: PortfolioSnapshot[];
  private readonly ids: Set<string>;
  private readonly keepAllDays: number;
  /** Increases on every change (cache key for derived views). */
  revision = 0;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(path: string, snaps: PortfolioSnapshot[], report: SnapshotStoreReport, keepAllDays: number) {
    this.path = path;
    this.snaps = snaps;
    this.ids = new Set(snaps.map((s) => s.id));
    this.report = report;
    this.keepAllDays = keepAllDays;
  }

  static open(path: string, opts: { now?: () => number; keepAllDays?: number } = {}): SnapshotStore {
    const now = opts.now ?? Date.now;
    ensureDirSync(dirname(path));
    const report: SnapshotStoreReport = { tornTail: false, invalidLines: [], backupPath: null };
    const snaps: PortfolioSnapshot[] = [];
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      const lines = text.split('\n');
      // text ending with "\n" yields a final empty string; anything else there is a torn write
      const tail = lines.pop() ?? '';
      if (tail.trim().length > 0) report.tornTail = true;
      const seen = new Set<string>();
      lines.forEach((line, i) => {
        if (line.trim().length === 0) return;
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          report.invalidLines.push(i + 1);
          return;
        }
        const r = SnapshotSchema.safeParse(parsed);
        if (!r.success) {
          report.invalidLines.push(i + 1);
          return;
        }
        if (seen.has(r.data.id)) return;
        seen.add(r.data.id);
        snaps.push(r.data);
      });
      if (report.tornTail || report.invalidLines.length > 0) {
        const backup = join(dirname(path), `${basename(path, '.jsonl')}.corrupt-${now()}.jsonl`);
        copyFilePrivateSync(path, backup);
        report.backupPath = backup;
        writeFileAtomicSync(path, serialize(snaps));
      }
    }
    snaps.sort((a, b) => a.t - b.t);
    return new SnapshotStore(path, snaps, report, opts.keepAllDays ?? KEEP_ALL_DAYS);
  }

  /** Every snapshot, oldest first (do not mutate). */
  list(): readonly PortfolioSnapshot[] {
    return this.snaps;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Append a snapshot unless one with its id is stored. Resolves to whether it was written. */
  append(snap: PortfolioSnapshot): Promise<boolean> {
    return this.serial(async () => {
      const valid = SnapshotSchema.parse(snap);
      if (this.ids.has(valid.id)) return false;
      await appendDurable(this.path, `${JSON.stringify(valid)}\n`);
      this.ids.add(valid.id);
      this.snaps.push(valid);
      if (this.snaps.length > 1 && this.snaps[this.snaps.length - 2]!.t > valid.t) {
        this.snaps.sort((a, b) => a.t - b.t);
      }
      this.revision += 1;
      return true;
    });
  }

  /** Thin old snapshots (see compactSnapshots); rewrites the file only when something changes. */
  compact(now: number): Promise<number> {
    return this.serial(async () => {
      const kept = compactSnapshots(this.snaps, now, this.keepAllDays);
      const removed = this.snaps.length - kept.length;
      if (removed === 0) return 0;
      await writeFileAtomic(this.path, serialize(kept));
      this.snaps = kept;
      this.ids.clear();
      for (const s of kept) this.ids.add(s.id);
      this.revision += 1;
      return removed;
    });
  }

  /** Runs file changes one at a time, in call order. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.queue.then(fn);
    this.queue = p.catch(() => undefined);
    return p;
  }
}

function serialize(snaps: readonly PortfolioSnapshot[]): string {
  return snaps.map((s) => `${JSON.stringify(s)}\n`).join('');
}
