/**
 * Signing of the activity log (electron/services/activity/signing.ts and verify.ts), with a keychain
 * stand-in: a log written before signing existed is pinned and signed from then on; while the keychain
 * cannot be used the log keeps recording, says what it could not check and does not prune signed
 * entries; checkpoints reach the keychain throttled and always at close; an unreadable keychain item is
 * never replaced; and the key is never written to disk. activity-tamper.test.ts covers the attacks.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActivityLog, canonicalJson, type ActivityEntry, type LogKeychain } from '../../electron/services/activity';
import { DAY_MS } from '../../shared/domain/types';
import { cleanUpAfterEach, tempDir } from './support/cleanup';

cleanUpAfterEach();

const T0 = Date.UTC(2026, 4, 2, 9, 0, 0);

/** A keychain item in memory, counting writes; `down` makes every call fail as a locked keychain does. */
function keychainItem(): LogKeychain & { value: string | null; writes: number; down: boolean } {
  const item = {
    value: null as string | null,
    writes: 0,
    down: false,
    read: () => (item.down ? Promise.reject(new Error('locked')) : Promise.resolve(item.value)),
    write: (v: string) => {
      if (item.down) return Promise.reject(new Error('locked'));
      item.value = v;
      item.writes++;
      return Promise.resolve();
    },
  };
  return item;
}

function open(path: string, keychain?: LogKeychain, extra: { maxEntries?: number | null; interval?: number } = {}) {
  return ActivityLog.open({
    path,
    now: () => T0 + DAY_MS,
    maxAgeDays: null,
    maxEntries: extra.maxEntries ?? null,
    ...(keychain ? { keychain } : {}),
    checkpointIntervalMs: extra.interval ?? 0,
  });
}

async function appendN(log: ActivityLog, n: number, from = 1): Promise<void> {
  for (let i = from; i < from + n; i++) {
    await log.append({ kind: 'key-renamed', accountId: 'acc-a', at: T0 + i * 1000, detail: { to: `Name ${i}` } });
  }
}

const fileEntries = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ActivityEntry);

describe('activity log signing', () => {
  it('signs a log written before signing from then on, and pins what it held', async () => {
    const path = join(tempDir('ballast-sign-'), 'activity.jsonl');
    const before = await open(path);
    await appendN(before, 4);
    const item = keychainItem();

    const log = await open(path, item);
    expect(item.value).not.toBeNull();
    await appendN(log, 3, 5);
    await log.close();
    const entries = fileEntries(path);
    expect(entries.map((e) => e.signed === true)).toEqual([false, false, false, false, true, true, true]);
    expect(await log.verify()).toEqual({
      ok: true,
      entries: 7,
      signing: { state: 'signed', unsignedBefore: { entries: 4, at: T0 + DAY_MS } },
    });

    // Entries written before signing cannot be changed afterwards, not even with the chain recomputed.
    const forged = entries.map((e) => ({ ...e }));
    forged[1]!.detail = { to: 'Someone else' };
    for (let i = 1; i < 4; i++) {
      const { hash: _h, ...rest } = forged[i]!;
      rest.prevHash = forged[i - 1]!.hash;
      forged[i] = {
        ...rest,
        hash: createHash('sha256')
          .update(rest.prevHash + canonicalJson(rest))
          .digest('hex'),
      };
    }
    writeFileSync(path, forged.map((e) => canonicalJson(e)).join('\n') + '\n');
    const reopened = await open(path, item);
    expect(await reopened.verify()).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('keeps recording while the keychain is locked, says what it could not check, and waits to prune', async () => {
    const path = join(tempDir('ballast-sign-'), 'activity.jsonl');
    const item = keychainItem();
    const signed = await open(path, item);
    await appendN(signed, 30);
    await signed.close();

    item.down = true;
    const locked = await open(path, item, { maxEntries: 10 });
    expect(locked.report.pruned).toBe(0);
    await appendN(locked, 2, 31);
    const status = await locked.verify();
    expect(status).toMatchObject({ ok: true, entries: 32, signing: { state: 'unavailable' } });
    expect(status.ok && status.warning).toMatch(/keychain is not available.*30 entries could not be checked/);
    await locked.close();

    item.down = false;
    const back = await open(path, item, { maxEntries: 100 });
    const later = await back.verify();
    expect(later).toMatchObject({ ok: true, entries: 32, signing: { state: 'signed' } });
    expect(later.ok && later.warning).toMatch(/Entries 31 to 32 are not signed/);
  });

  it('an installation that never had a keychain keeps a hash chain and prunes as before', async () => {
    const path = join(tempDir('ballast-sign-'), 'activity.jsonl');
    const item = keychainItem();
    item.down = true;
    const log = await open(path, item, { maxEntries: 10 });
    await appendN(log, 40);
    await log.prune();
    const status = await log.verify();
    expect(status).toEqual({ ok: true, entries: 10, signing: { state: 'unavailable' } });
  });

  it('signs the anchor retention writes, so pruning stays verifiable', async () => {
    const path = join(tempDir('ballast-sign-'), 'activity.jsonl');
    const log = await open(path, keychainItem(), { maxEntries: 5 });
    await appendN(log, 12);
    expect(await log.prune()).toBe(7);
    const [anchor] = fileEntries(path);
    expect(anchor).toMatchObject({ kind: 'anchor', seq: 7, signed: true });
    expect(await log.verify()).toMatchObject({ ok: true, entries: 5, signing: { state: 'signed' } });
  });

  it('stores checkpoints throttled while writing, and always the newest at close', async () => {
    const path = join(tempDir('ballast-sign-'), 'activity.jsonl');
    const item = keychainItem();
    const log = await open(path, item, { interval: 60_000 });
    const afterOpen = item.writes;
    await appendN(log, 25);
    expect(item.writes - afterOpen).toBeLessThanOrEqual(1);
    await log.close();
    const record = JSON.parse(item.value!) as { head: { seq: number; hash: string } };
    expect(record.head).toEqual(log.head());
    expect(record.head.seq).toBe(25);
  });

  it('never replaces a keychain item it cannot read', async () => {
    const path = join(tempDir('ballast-sign-'), 'activity.jsonl');
    const item = keychainItem();
    item.value = 'not a record';
    const log = await open(path, item);
    await appendN(log, 2);
    await log.close();
    expect(item.value).toBe('not a record');
    expect(await log.verify()).toMatchObject({ ok: true, signing: { state: 'unavailable' } });
  });

  it('never writes the key to disk', async () => {
    const dir = tempDir('ballast-sign-');
    const path = join(dir, 'activity.jsonl');
    const item = keychainItem();
    const log = await open(path, item, { maxEntries: 3 });
    await appendN(log, 8);
    await log.prune();
    await log.close();
    const key = (JSON.parse(item.value!) as { key: string }).key;
    const forms = [key, Buffer.from(key, 'base64').toString('hex'), Buffer.from(key, 'base64').toString('latin1')];
    for (const f of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, f));
      for (const form of forms) expect(bytes.includes(Buffer.from(form, 'latin1')), f).toBe(false);
    }
  });
});
