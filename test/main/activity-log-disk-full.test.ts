/**
 * The activity log on a disk that fills up (test/main/support/disk.ts cuts a write short, then refuses
 * every write with ENOSPC): the append fails with a typed, readable `disk-full` error and never counts
 * as written; the partial line it left is cut off before the next append, with a copy of exactly what
 * was cut kept next to the log; the chain still verifies; and retention still prunes, during the same
 * session and after a restart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActivityLog, type ApiCallRecord } from '../../electron/services/activity';
import { writeFileAtomic } from '../../electron/services/files/atomic';
import { fileWriteError } from '../../electron/services/files/write-errors';
import { DAY_MS } from '../../shared/domain/types';
import { cleanUpAfterEach, tempDir } from './support/cleanup';
import { fillDisk } from './support/disk';
import { failure } from './support/errors';

cleanUpAfterEach();

const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);

function call(i: number): ApiCallRecord {
  return {
    at: T0 + i * 1000,
    exchange: 'binance',
    method: 'GET',
    endpoint: '/api/v3/account',
    status: 200,
    errorClass: null,
    durationMs: 100 + i,
    ok: true,
  };
}

async function logWith(n: number, opts: { maxEntries?: number | null } = {}) {
  const dir = tempDir('ballast-diskfull-');
  const path = join(dir, 'activity.jsonl');
  const log = await ActivityLog.open({
    path,
    now: () => T0 + DAY_MS,
    maxAgeDays: null,
    maxEntries: opts.maxEntries ?? null,
  });
  for (let i = 1; i <= n; i++) await log.appendCall('acc-a', call(i));
  return { log, path, dir };
}

const lineCount = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '').length;
const cutCopies = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('activity.cut-'));

describe('activity log on a full disk', () => {
  it('fails the append with a readable disk-full error and never counts it as written', async () => {
    const { log, path } = await logWith(5);
    const before = readFileSync(path, 'utf8');
    const disk = await fillDisk(40);
    const err = await failure(log.appendCall('acc-a', call(6)));
    expect(err.code).toBe('disk-full');
    expect(err.message).toMatch(/disk .*is full/i);
    expect(err.message).toMatch(/free (up )?(some )?space/i);
    expect(err.message).not.toContain(path);
    expect(disk.refused).toBeGreaterThan(0);
    // The partial line is on disk, but the log does not know it as an entry.
    expect(readFileSync(path, 'utf8').length).toBe(before.length + 40);
    expect(log.query().total).toBe(5);
  });

  it('cuts the partial line off before the next append, keeping a copy of what was cut', async () => {
    const { log, path, dir } = await logWith(5);
    const before = readFileSync(path, 'utf8');
    const disk = await fillDisk(40);
    await failure(log.appendCall('acc-a', call(6)));
    const partial = readFileSync(path, 'utf8').slice(before.length);
    disk.free();

    const next = await log.appendCall('acc-a', call(7));
    expect(next.seq).toBe(6);
    expect(readFileSync(path, 'utf8').startsWith(before)).toBe(true);
    expect(lineCount(path)).toBe(6);
    expect(await log.verify()).toEqual({ ok: true, entries: 6 });
    const copies = cutCopies(dir);
    expect(copies).toHaveLength(1);
    expect(readFileSync(join(dir, copies[0]!), 'utf8')).toBe(partial);
  });

  it('keeps pruning by retention after the incident, without waiting for another append', async () => {
    const { log, path } = await logWith(30, { maxEntries: 100 });
    const disk = await fillDisk(25);
    await failure(log.appendCall('acc-a', call(31)));
    disk.free();

    log.setRetention({ maxEntries: 10 });
    expect(await log.prune()).toBe(20);
    expect(await log.verify()).toEqual({ ok: true, entries: 10 });
    expect(lineCount(path)).toBe(11);
    const e = await log.appendCall('acc-a', call(32));
    expect(e.seq).toBe(31);
    expect(await log.verify()).toEqual({ ok: true, entries: 11 });
  });

  it('after a restart with the partial line still there, opens, verifies and prunes', async () => {
    const { log, path, dir } = await logWith(30);
    const disk = await fillDisk(25);
    await failure(log.appendCall('acc-a', call(31)));
    disk.free();

    const reopened = await ActivityLog.open({ path, now: () => T0 + DAY_MS, maxAgeDays: null, maxEntries: 10 });
    expect(reopened.report.tornTail).toEqual({ bytes: 25 });
    expect(reopened.report.pruned).toBe(20);
    expect(await reopened.verify()).toEqual({ ok: true, entries: 10 });
    expect((await reopened.appendCall('acc-a', call(32))).seq).toBe(31);
    expect(await reopened.verify()).toEqual({ ok: true, entries: 11 });
    expect(readdirSync(dir).some((f) => f.startsWith('activity.corrupt-'))).toBe(true);
  });

  it('a store written while the disk is full fails with disk-full and keeps its old content', async () => {
    const path = join(tempDir('ballast-diskfull-'), 'cache.json');
    await writeFileAtomic(path, '{"v":1}');
    const disk = await fillDisk(3);
    // The write module throws the file system's error; files/write-errors.ts words it for the user.
    const raw = await writeFileAtomic(path, '{"v":2,"more":"than three bytes"}').then(
      () => null,
      (e: unknown) => e,
    );
    disk.free();
    expect(fileWriteError(raw)?.code).toBe('disk-full');
    expect(readFileSync(path, 'utf8')).toBe('{"v":1}');
    expect(readdirSync(join(path, '..'))).toEqual(['cache.json']);
  });
});
