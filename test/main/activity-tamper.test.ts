/**
 * Tamper evidence of the activity log, against someone who can change files in the data folder but
 * cannot read the OS keychain (docs/SECURITY.md). For each case an installation (the real services, an
 * in-memory keychain) records a few key events and API calls and quits; then one of fourteen
 * tamperings is applied to its log, and the chain check the Keys & Activity view shows
 * (`activity:verify`) must not report the log as intact: once while the app runs (the file changed
 * under it) and once when the app starts on the tampered folder, also after it has written on.
 *
 * The tamperings, as an attacker would make them: (1) edit an entry's text, (2) edit one and recompute
 * the plain SHA-256 chain, (3) edit one and recompute with a guessed key, (4) delete one entry in the
 * middle, (5) delete one and recompute, (6) reorder two entries, (7) truncate the tail, (8) empty the
 * file, (9) delete the file, (10) delete the head, (11) delete the head and forge an anchor, (12) add
 * a forged entry, (13) put back an older copy of the file, (14) swap in another installation's log.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, type ChainStatus } from '../../electron/services/activity';
import { cleanUpAfterAll, tempDir } from './support/cleanup';
import { startApp, type TestApp } from './support/app';
import { memoryKeytar, type MemoryKeytar } from './support/keychain';

cleanUpAfterAll();

const SERVICE = 'Ballast Tamper';
const ENTRIES = 12;

type Entry = Record<string, unknown> & { seq: number; prevHash: string; hash: string; kind: string };

interface Install {
  dir: string;
  keytar: MemoryKeytar;
  /** The log as the installation left it when it quit. */
  text: string;
  /** The log earlier on, after its first entries (for the rollback). */
  older: string;
}

/** A log is intact when the check finds nothing wrong and has nothing to warn about. */
const intact = (s: ChainStatus) => s.ok && !('warning' in s && s.warning);

function start(dir: string, keytar: MemoryKeytar): Promise<TestApp> {
  return startApp({ dataDir: dir, vault: { service: SERVICE, keytar } });
}

async function install(prefix: string): Promise<Install> {
  const dir = tempDir(prefix);
  const keytar = memoryKeytar();
  const app = await start(dir, keytar);
  const log = app.context.activity;
  let older = '';
  for (let i = 1; i <= ENTRIES; i++) {
    if (i % 4 === 1)
      await log.append({ kind: 'key-renamed', accountId: 'acc-a', detail: { from: `A${i}`, to: `B${i}` } });
    else {
      await log.appendCall('acc-a', {
        at: Date.now(),
        exchange: 'binance',
        method: 'GET',
        endpoint: `/api/v3/account/${i}`,
        status: 200,
        errorClass: null,
        durationMs: 40 + i,
        ok: true,
      });
    }
    if (i === 5) older = readFileSync(join(dir, 'activity.jsonl'), 'utf8');
  }
  await app.stop();
  return { dir, keytar, text: readFileSync(join(dir, 'activity.jsonl'), 'utf8'), older };
}

const parse = (text: string): Entry[] =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Entry);
const serialise = (entries: readonly Entry[]) => entries.map((e) => canonicalJson(e)).join('\n') + '\n';

/** Recomputes the chain from `from` on, as plain SHA-256 (any signature marker dropped) or with `key`. */
function rechain(entries: Entry[], from: number, key?: Buffer): Entry[] {
  const out = entries.map((e) => ({ ...e }));
  for (let i = from; i < out.length; i++) {
    const e = out[i]!;
    if (i > 0) e.prevHash = out[i - 1]!.hash;
    const { hash: _old, ...rest } = e;
    if (!key) for (const k of ['signed', 'sig', 'mac', 'keyed']) delete (rest as Record<string, unknown>)[k];
    const text = rest.prevHash + canonicalJson(rest);
    const hash = key
      ? createHmac('sha256', key).update(text).digest('hex')
      : createHash('sha256').update(text).digest('hex');
    out[i] = { ...(rest as Entry), hash };
  }
  return out;
}

let theirs: Install;

beforeAll(async () => {
  theirs = await install('ballast-tamper-theirs-');
});

/** Each tampering: the new content of the installation's log file (null: the file is deleted). */
const TAMPERINGS: [string, (mine: Install) => string | null][] = [
  ['(1) edit an entry text', (mine) => mine.text.replace('/api/v3/account/6', '/api/v3/account/666')],
  [
    '(2) edit an entry and recompute the plain SHA-256 chain',
    (mine) => {
      const e = parse(mine.text);
      e[5] = { ...e[5]!, endpoint: '/api/v3/withdraw' };
      return serialise(rechain(e, 5));
    },
  ],
  [
    '(3) edit an entry and recompute the chain with a guessed key',
    (mine) => {
      const e = parse(mine.text);
      e[5] = { ...e[5]!, endpoint: '/api/v3/withdraw' };
      return serialise(rechain(e, 5, randomBytes(32)));
    },
  ],
  ['(4) delete an entry in the middle', (mine) => serialise(parse(mine.text).filter((_, i) => i !== 6))],
  [
    '(5) delete an entry and recompute the chain',
    (mine) => {
      const e = parse(mine.text).filter((_, i) => i !== 6);
      for (let i = 6; i < e.length; i++) e[i] = { ...e[i]!, seq: e[i]!.seq - 1 };
      return serialise(rechain(e, 6));
    },
  ],
  [
    '(6) reorder two entries',
    (mine) => {
      const e = parse(mine.text);
      [e[6], e[7]] = [e[7]!, e[6]!];
      return serialise(e);
    },
  ],
  ['(7) truncate the tail', (mine) => serialise(parse(mine.text).slice(0, ENTRIES - 3))],
  ['(8) empty the file', () => ''],
  ['(9) delete the file', () => null],
  ['(10) delete the head', (mine) => serialise(parse(mine.text).slice(3))],
  [
    '(11) delete the head and forge an anchor',
    (mine) => {
      const e = parse(mine.text);
      const last = e[2]!;
      const anchor: Entry = {
        seq: last.seq,
        at: Date.now(),
        kind: 'anchor',
        accountId: null,
        detail: { continuesFromSeq: last.seq, continuesFromHash: last.hash, prunedNow: 3, prunedTotal: 3 },
        prevHash: last.hash,
        hash: '',
      };
      return serialise([...rechain([anchor], 0), ...e.slice(3)]);
    },
  ],
  [
    '(12) add a forged entry',
    (mine) => {
      const e = parse(mine.text);
      const last = e.at(-1)!;
      const forged: Entry = { ...last, seq: last.seq + 1, kind: 'key-revoked', detail: { label: 'Main' } };
      return serialise([...e, ...rechain([...e.slice(-1), forged], 1).slice(1)]);
    },
  ],
  ['(13) put back an older copy of the file', (mine) => mine.older],
  ['(14) swap in another installation log', () => theirs.text],
];

function apply(dir: string, content: string | null): void {
  const path = join(dir, 'activity.jsonl');
  if (content === null) rmSync(path);
  else writeFileSync(path, content);
}

describe('activity log tamper evidence', () => {
  it('reports an untouched log as intact, running and after a restart', async () => {
    const mine = await install('ballast-tamper-');
    const app = await start(mine.dir, mine.keytar);
    expect(await app.call('activity:verify')).toMatchObject({ ok: true, entries: ENTRIES });
    await app.stop();
    const again = await start(mine.dir, mine.keytar);
    const status = await again.call('activity:verify');
    expect(status).toMatchObject({ ok: true, entries: ENTRIES });
    expect(intact(status)).toBe(true);
  });

  for (const [name, tamper] of TAMPERINGS) {
    it(`${name}: detected while the app runs`, async () => {
      const mine = await install('ballast-tamper-');
      const app = await start(mine.dir, mine.keytar);
      apply(mine.dir, tamper(mine));
      const status = await app.call('activity:verify');
      expect(intact(status), JSON.stringify(status)).toBe(false);
    });

    it(`${name}: detected when the app starts on the tampered folder`, async () => {
      const mine = await install('ballast-tamper-');
      apply(mine.dir, tamper(mine));
      const app = await start(mine.dir, mine.keytar);
      const status = await app.call('activity:verify');
      expect(intact(status), JSON.stringify(status)).toBe(false);
      // Writing on does not make the evidence go away.
      await app.context.activity.append({ kind: 'key-renamed', accountId: 'acc-a', detail: { to: 'After' } });
      await app.stop();
      const later = await start(mine.dir, mine.keytar);
      const after = await later.call('activity:verify');
      expect(intact(after), JSON.stringify(after)).toBe(false);
    });
  }
});
