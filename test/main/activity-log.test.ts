/**
 * The activity log (electron/services/activity/) on real files: recording and querying, tamper
 * evidence, crash tolerance, retention with its anchor, and the redaction guard.
 * Longer than the usual budget: kept whole, as every case builds on the same file format.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, startOfDay } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { ActivityLog, GENESIS_HASH, type ActivityEntry, type ApiCallRecord } from '../../electron/services/activity';
import { DAY_MS } from '../../shared/domain/types';
import { cleanUpAfterEach, tempDir } from './support/cleanup';

cleanUpAfterEach();

const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);

function tmpLogPath(): string {
  return join(tempDir('ballast-log-'), 'activity.jsonl');
}

function call(i: number, overrides: Partial<ApiCallRecord> = {}): ApiCallRecord {
  return {
    at: T0 + i * 1000,
    exchange: 'binance',
    method: 'fetchBalance',
    endpoint: '/api/v3/account',
    status: i % 3 === 0 ? 500 : 200,
    errorClass: i % 3 === 0 ? 'ExchangeNotAvailable' : null,
    durationMs: 100 + i,
    ok: i % 3 !== 0,
    ...overrides,
  };
}

async function filled(n: number, opts: { path?: string; now?: () => number } = {}) {
  const path = opts.path ?? tmpLogPath();
  const log = await ActivityLog.open({ path, now: opts.now ?? (() => T0 + 10 * DAY_MS), maxAgeDays: null });
  for (let i = 1; i <= n; i++) await log.appendCall(i % 2 ? 'acc-a' : 'acc-b', call(i));
  return { log, path };
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}

async function verifyFile(text: string) {
  const path = tmpLogPath();
  writeFileSync(path, text);
  const log = await ActivityLog.open({ path, maxAgeDays: null, maxEntries: null });
  return log.verify();
}

describe('ActivityLog: recording and querying', () => {
  it('records each API call with its fields, in order, and keeps them across reopen', async () => {
    const { log, path } = await filled(6);
    const all = log.query();
    expect(all.total).toBe(6);
    expect(all.entries.map((e) => e.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    const third = all.entries.find((e) => e.seq === 3)!;
    expect(third).toMatchObject({
      kind: 'api-call',
      accountId: 'acc-a',
      exchange: 'binance',
      method: 'fetchBalance',
      endpoint: '/api/v3/account',
      status: 500,
      errorClass: 'ExchangeNotAvailable',
      ok: false,
      durationMs: 103,
      at: call(3).at,
    });
    expect(all.entries.at(-1)!.prevHash).toBe(GENESIS_HASH);
    expect(lines(path)).toHaveLength(6);

    const reopened = await ActivityLog.open({ path, maxAgeDays: null });
    expect(reopened.query().entries).toEqual(all.entries);
    const next = await reopened.append({ kind: 'key-renamed', accountId: 'acc-a', detail: { to: 'Main' } });
    expect(next.seq).toBe(7);
    expect(next.prevHash).toBe(all.entries[0]!.hash);
    expect(await reopened.verify()).toEqual({ ok: true, entries: 7 });
  });

  it('filters by account, kind, outcome and time, newest first, with paging', async () => {
    const { log } = await filled(12);
    await log.append({ kind: 'key-added', accountId: 'acc-a', exchange: 'binance', at: T0 + 500_000 });

    const a = log.query({ accountId: 'acc-a', kind: 'api-call' });
    expect(a.total).toBe(6);
    expect(a.entries.every((e) => e.accountId === 'acc-a' && e.kind === 'api-call')).toBe(true);

    const errors = log.query({ errorsOnly: true });
    expect(errors.entries.map((e) => e.seq)).toEqual([12, 9, 6, 3]);
    const oks = log.query({ okOnly: true });
    expect(oks.total).toBe(8);
    expect(oks.entries.every((e) => e.ok === true)).toBe(true);

    const window = log.query({ since: T0 + 4000, until: T0 + 8000 });
    expect(window.entries.map((e) => e.seq)).toEqual([7, 6, 5, 4]);

    const page = log.query({ kind: 'api-call', limit: 5, offset: 5 });
    expect(page.total).toBe(12);
    expect(page.entries.map((e) => e.seq)).toEqual([7, 6, 5, 4, 3]);

    expect(log.query({ kind: 'key-added' }).entries).toHaveLength(1);
  });

  it('filters API calls by host and purpose', async () => {
    const log = await ActivityLog.open({ path: tmpLogPath(), now: () => T0 + DAY_MS, maxAgeDays: null });
    await log.appendCall('acc-a', call(1, { host: 'api.binance.com', purpose: 'sync' }));
    await log.appendCall(
      null,
      call(2, { exchange: 'coinmetrics', host: 'community-api.coinmetrics.io', purpose: 'market-caps' }),
    );
    await log.appendCall(null, call(4, { host: 'API.Binance.com', purpose: 'market-history' }));
    const seqs = (q: Parameters<typeof log.query>[0]) => log.query(q).entries.map((e) => e.at);
    expect(seqs({ host: 'api.binance.com' })).toEqual([T0 + 4000, T0 + 1000]);
    expect(seqs({ purpose: 'market-caps' })).toEqual([T0 + 2000]);
    expect(seqs({ host: 'api.binance.com', purpose: 'sync' })).toEqual([T0 + 1000]);
    expect(seqs({ host: 'example.org' })).toEqual([]);
  });

  it('serialises concurrent appends into one gap-free chain', async () => {
    const path = tmpLogPath();
    const log = await ActivityLog.open({ path, maxAgeDays: null });
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => log.appendCall(`acc-${i % 4}`, call(i + 1))),
    );
    expect(results.map((e) => e.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(lines(path)).toHaveLength(200);
    expect(await log.verify()).toEqual({ ok: true, entries: 200 });
  });

  it('counts calls and errors per local day', async () => {
    const now = T0;
    const path = tmpLogPath();
    const log = await ActivityLog.open({ path, now: () => now, maxAgeDays: null });
    const today = startOfDay(now);
    const at = (daysAgo: number, hour: number) => addDays(today, -daysAgo).getTime() + hour * 3_600_000;
    // 3 days ago: 2 calls, 1 error; today: 3 calls, 2 errors (one for another account); 20 days ago: outside.
    await log.appendCall('acc-a', call(1, { at: at(3, 1), ok: true }));
    await log.appendCall('acc-a', call(2, { at: at(3, 23), ok: false }));
    await log.appendCall('acc-a', call(3, { at: at(0, 0), ok: true }));
    await log.appendCall('acc-a', call(4, { at: at(0, 5), ok: false }));
    await log.appendCall('acc-b', call(5, { at: at(0, 6), ok: false }));
    await log.appendCall('acc-a', call(6, { at: at(20, 6), ok: true }));
    await log.append({ kind: 'key-verified', accountId: 'acc-a', at: at(0, 7), ok: false });

    const days = log.dailyCounts({ days: 7 });
    expect(days).toHaveLength(7);
    expect(days.at(-1)!.start).toBe(today.getTime());
    expect(days[0]!.start).toBe(addDays(today, -6).getTime());
    const byStart = new Map(days.map((d) => [d.start, d]));
    expect(byStart.get(addDays(today, -3).getTime())).toMatchObject({ calls: 2, errors: 1 });
    expect(byStart.get(today.getTime())).toMatchObject({ calls: 3, errors: 2 });
    expect(days.reduce((s, d) => s + d.calls, 0)).toBe(5);

    const onlyA = log.dailyCounts({ days: 7, accountId: 'acc-a' });
    expect(onlyA.at(-1)).toMatchObject({ calls: 2, errors: 1 });
  });

  it('refuses malformed entries', async () => {
    const log = await ActivityLog.open({ path: tmpLogPath() });
    await expect(log.append({ kind: 'anchor' as never, accountId: null })).rejects.toMatchObject({
      code: 'invalid-log-entry',
    });
    await expect(log.append({ kind: 'key-added', accountId: 'has spaces' })).rejects.toMatchObject({
      code: 'invalid-log-entry',
    });
    await expect(log.append({ kind: 'nope' as never, accountId: null })).rejects.toMatchObject({
      code: 'invalid-log-entry',
    });
    expect(log.query().total).toBe(0);
  });
});

describe('ActivityLog: tamper evidence', () => {
  it('verifies an untouched log', async () => {
    const { log } = await filled(8);
    expect(await log.verify()).toEqual({ ok: true, entries: 8 });
  });

  it('detects a change to any field of an entry', async () => {
    const { path } = await filled(8);
    const original = lines(path);
    const target = JSON.parse(original[4]!) as Record<string, unknown>; // seq 5
    const changes: Record<string, unknown> = {
      seq: 50,
      at: (target.at as number) + 1,
      kind: 'key-added',
      accountId: 'acc-z',
      exchange: 'kraken',
      method: 'fetchTicker',
      endpoint: '/other',
      status: 201,
      errorClass: 'X',
      durationMs: 1,
      ok: !target.ok,
      prevHash: 'f'.repeat(64),
      hash: 'e'.repeat(64),
      extra: 'added field',
    };
    for (const [field, value] of Object.entries(changes)) {
      const copy = [...original];
      copy[4] = JSON.stringify({ ...target, [field]: value });
      const r = await verifyFile(copy.join('\n') + '\n');
      expect(r.ok, field).toBe(false);
      if (!r.ok) expect([5, 50]).toContain(r.brokenAt);
    }
    // Removing a field is a change too.
    const copy = [...original];
    const { endpoint: _dropped, ...rest } = target;
    copy[4] = JSON.stringify(rest);
    expect((await verifyFile(copy.join('\n') + '\n')).ok).toBe(false);
  });

  it('detects an entry edited with its own hash recomputed (the next link breaks)', async () => {
    const { path } = await filled(6);
    const original = lines(path);
    const { createHash } = await import('node:crypto');
    const { canonicalJson } = await import('../../electron/services/activity');
    const target = JSON.parse(original[2]!) as ActivityEntry;
    const { hash: _h, ...rest } = { ...target, durationMs: 1 };
    const forged = {
      ...rest,
      hash: createHash('sha256')
        .update(rest.prevHash + canonicalJson(rest))
        .digest('hex'),
    };
    const copy = [...original];
    copy[2] = JSON.stringify(forged);
    const r = await verifyFile(copy.join('\n') + '\n');
    expect(r).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('detects a deleted middle line, a deleted first line and reordered lines', async () => {
    const { path } = await filled(6);
    const original = lines(path);

    const withoutMiddle = original.filter((_, i) => i !== 3);
    expect(await verifyFile(withoutMiddle.join('\n') + '\n')).toMatchObject({ ok: false, brokenAt: 5 });

    const withoutFirst = original.slice(1);
    expect(await verifyFile(withoutFirst.join('\n') + '\n')).toMatchObject({ ok: false, brokenAt: 2 });

    const swapped = [...original];
    [swapped[2], swapped[3]] = [swapped[3]!, swapped[2]!];
    expect((await verifyFile(swapped.join('\n') + '\n')).ok).toBe(false);

    const garbage = [...original];
    garbage[1] = 'not json at all';
    expect(await verifyFile(garbage.join('\n') + '\n')).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('notices lines removed from the end while it is running', async () => {
    const { log, path } = await filled(5);
    writeFileSync(path, lines(path).slice(0, 3).join('\n') + '\n');
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('detects tampering in the file from the live instance too', async () => {
    const { log, path } = await filled(5);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"durationMs":102', '"durationMs":999'));
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 2 });
  });
});

describe('ActivityLog: crash tolerance', () => {
  it('ignores and reports a torn last line, keeps earlier entries and appends cleanly after it', async () => {
    const { path } = await filled(5);
    const intact = readFileSync(path, 'utf8');
    const torn = '{"accountId":"acc-a","at":17';
    appendFileSync(path, torn);

    const log = await ActivityLog.open({ path, maxAgeDays: null });
    expect(log.report.tornTail).toEqual({ bytes: torn.length });
    expect(log.report.entries).toBe(5);
    expect(log.query().entries.map((e) => e.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(readFileSync(path, 'utf8')).toBe(intact);

    const e = await log.appendCall('acc-a', call(6));
    expect(e.seq).toBe(6);
    expect(await log.verify()).toEqual({ ok: true, entries: 6 });
    expect(lines(path).every((l) => JSON.parse(l) !== null)).toBe(true);
  });

  it('verify() ignores a torn tail it finds without failing the chain', async () => {
    const { log, path } = await filled(3);
    appendFileSync(path, '{"seq":4,"at"');
    const r = await log.verify();
    expect(r).toMatchObject({ ok: true, entries: 3 });
    if (r.ok) expect(r.tornTailBytes).toBeGreaterThan(0);
  });

  it('keeps a complete last entry whose newline was lost', async () => {
    const { path } = await filled(4);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/\n$/, ''));
    const log = await ActivityLog.open({ path, maxAgeDays: null });
    expect(log.report.tornTail).toBeNull();
    expect(log.report.entries).toBe(4);
    await log.appendCall('acc-a', call(5));
    expect(await log.verify()).toEqual({ ok: true, entries: 5 });
  });
});

describe('ActivityLog: retention', () => {
  it('prunes to maxEntries behind an anchor and the chain still verifies', async () => {
    const path = tmpLogPath();
    const log = await ActivityLog.open({ path, maxEntries: 10, maxAgeDays: null });
    for (let i = 1; i <= 40; i++) await log.appendCall('acc-a', call(i));
    // Automatic pruning runs with some slack so appends stay cheap.
    expect(log.query().total).toBeLessThan(40);
    await log.prune();
    const kept = log.query();
    expect(kept.total).toBe(10);
    expect(kept.entries.map((e) => e.seq)).toEqual([40, 39, 38, 37, 36, 35, 34, 33, 32, 31]);

    const fileLines = lines(path).map((l) => JSON.parse(l) as ActivityEntry);
    expect(fileLines).toHaveLength(11);
    const anchor = fileLines[0]!;
    expect(anchor.kind).toBe('anchor');
    expect(anchor.seq).toBe(30);
    expect(fileLines[1]!.prevHash).toBe(anchor.prevHash);
    expect(anchor.detail).toMatchObject({ continuesFromSeq: 30, prunedTotal: 30 });
    expect(log.query({ kind: 'anchor' }).total).toBe(1);
    expect(await log.verify()).toEqual({ ok: true, entries: 10 });

    await log.appendCall('acc-a', call(41));
    // Opening applies retention exactly: the anchor moves forward by one entry.
    const reopened = await ActivityLog.open({ path, maxEntries: 10, maxAgeDays: null });
    expect(reopened.report.pruned).toBe(1);
    expect(await reopened.verify()).toEqual({ ok: true, entries: 10 });
    expect((JSON.parse(lines(path)[0]!) as ActivityEntry).detail).toMatchObject({
      continuesFromSeq: 31,
      prunedTotal: 31,
    });
    expect((await reopened.appendCall('acc-a', call(42))).seq).toBe(42);
    expect((await reopened.verify()).ok).toBe(true);
  });

  it('still detects tampering after pruning, including in the anchor', async () => {
    const path = tmpLogPath();
    const log = await ActivityLog.open({ path, maxEntries: 5, maxAgeDays: null });
    for (let i = 1; i <= 12; i++) await log.appendCall('acc-a', call(i));
    await log.prune();
    const original = lines(path);

    const anchor = JSON.parse(original[0]!) as ActivityEntry;
    const forgedAnchor = [...original];
    forgedAnchor[0] = JSON.stringify({ ...anchor, seq: 3 });
    expect((await verifyFile(forgedAnchor.join('\n') + '\n')).ok).toBe(false);

    const missing = original.filter((_, i) => i !== 2);
    expect((await verifyFile(missing.join('\n') + '\n')).ok).toBe(false);

    const withoutAnchor = original.slice(1);
    expect((await verifyFile(withoutAnchor.join('\n') + '\n')).ok).toBe(false);
  });

  it('does not prune (and so erase evidence in) a file that was edited', async () => {
    const path = tmpLogPath();
    const log = await ActivityLog.open({ path, maxEntries: 100, maxAgeDays: null });
    for (let i = 1; i <= 12; i++) await log.appendCall('acc-a', call(i));
    const edited = readFileSync(path, 'utf8').replace('"durationMs":110', '"durationMs":1');
    writeFileSync(path, edited);

    log.setRetention({ maxEntries: 5 });
    await expect(log.prune()).rejects.toMatchObject({ code: 'log-changed' });
    expect(readFileSync(path, 'utf8')).toBe(edited);

    const errors: unknown[] = [];
    // Seq 10 is in the part that would be kept: pruning may go ahead, and the edit stays visible.
    const reopened = await ActivityLog.open({ path, maxEntries: 5, maxAgeDays: null, onError: (e) => errors.push(e) });
    expect(errors).toEqual([]);
    expect(reopened.report.pruned).toBe(7);
    expect(await reopened.verify()).toMatchObject({ ok: false, brokenAt: 10 });
  });

  it('does not prune away entries whose chain is broken, even when edited before opening', async () => {
    const path = tmpLogPath();
    const log = await ActivityLog.open({ path, maxEntries: null, maxAgeDays: null });
    for (let i = 1; i <= 12; i++) await log.appendCall('acc-a', call(i));
    // Seq 2 lies in the part retention would remove.
    const edited = readFileSync(path, 'utf8').replace('"durationMs":102', '"durationMs":1');
    writeFileSync(path, edited);
    const errors: unknown[] = [];
    const reopened = await ActivityLog.open({ path, maxEntries: 5, maxAgeDays: null, onError: (e) => errors.push(e) });
    expect(errors).toEqual([expect.objectContaining({ code: 'log-changed' })]);
    expect(reopened.report.pruned).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(edited);
    expect(await reopened.verify()).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('prunes by age when opened, keeping only recent entries', async () => {
    const path = tmpLogPath();
    let now = T0;
    const log = await ActivityLog.open({ path, now: () => now, maxAgeDays: 30, maxEntries: null });
    for (let d = 0; d < 60; d += 5) {
      await log.appendCall('acc-a', call(d, { at: T0 + d * DAY_MS }));
    }
    expect(log.query().total).toBe(12);
    now = T0 + 70 * DAY_MS;
    const later = await ActivityLog.open({ path, now: () => now, maxAgeDays: 30, maxEntries: null });
    const kept = later.query().entries;
    expect(later.report.pruned).toBeGreaterThan(0);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((e) => e.at >= now - 30 * DAY_MS)).toBe(true);
    expect(kept.length + later.report.pruned).toBe(12);
    expect(await later.verify()).toEqual({ ok: true, entries: kept.length });

    // Everything expires: only the anchor is left and the chain continues from it.
    now = T0 + 400 * DAY_MS;
    expect(await later.prune()).toBe(kept.length);
    expect(later.query().total).toBe(0);
    const e = await later.append({ kind: 'key-renamed', accountId: 'acc-a' });
    expect(e.seq).toBe(13);
    expect(await later.verify()).toEqual({ ok: true, entries: 1 });
  });
});

describe('ActivityLog: redaction guard', () => {
  it('never writes a registered secret, wherever it appears', async () => {
    const path = tmpLogPath();
    const reasons: string[] = [];
    const log = await ActivityLog.open({ path, onRedact: (r) => reasons.push(`${r.field}:${r.reason}`) });
    const secret = `s3cr3t-${randomBytes(16).toString('hex')}`;
    const short = 'pw12'; // too short to search inside strings, but never written as a whole value
    log.redact([secret, short]);
    const e = await log.append({
      kind: 'api-call',
      accountId: 'acc-a',
      exchange: 'binance',
      method: 'fetchBalance',
      endpoint: `/api/v3/account?key=${secret}`,
      errorClass: secret,
      ok: false,
      detail: { note: `oops ${secret} leaked`, pass: short },
    });
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('"pw12"');
    expect(JSON.stringify(e)).not.toContain(secret);
    expect(e.redacted).toBeGreaterThanOrEqual(4);
    expect(reasons).toContain('errorClass:known-secret');
    expect(await log.verify()).toMatchObject({ ok: true });
  });

  it('redacts things that look like credentials but keeps ordinary values', async () => {
    const path = tmpLogPath();
    const log = await ActivityLog.open({ path });
    const signature = randomBytes(32).toString('hex');
    const token = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
    const uuid = randomUUID();
    const e = await log.append({
      kind: 'api-call',
      accountId: uuid,
      exchange: 'binance',
      method: 'privateGetV2AccountBalance',
      endpoint: `https://api.binance.com/api/v3/account?timestamp=1700000000000&signature=${signature}`,
      ok: false,
      errorClass: 'AuthenticationError',
      detail: { header: `X-MBX-APIKEY: ${token}`, label: 'Main account 2024', ref: uuid },
    });
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(signature);
    expect(text).not.toContain(token);
    expect(e.endpoint).toBe('https://api.binance.com/api/v3/account?timestamp=1700000000000&signature=[redacted]');
    expect(e.method).toBe('privateGetV2AccountBalance');
    expect(e.accountId).toBe(uuid);
    expect(e.detail).toMatchObject({ label: 'Main account 2024', ref: uuid });
    expect(e.errorClass).toBe('AuthenticationError');
  });
});
