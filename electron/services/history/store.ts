/**
 * Where imported account history is kept: per account, in `<dataDir>/history/<account id>/`,
 * `entries.jsonl` (one entry per line, appended a page at a time) and `state.json` (the cursor of
 * every step and the last run), both through the crash-safe write module (files/atomic.ts).
 *
 * - A page's entries are appended (whole lines, flushed) before its cursor is written (atomically):
 *   a crash in between reads the page again at the next import, and since an entry with an id already
 *   stored replaces it, nothing is counted twice.
 * - Reading tolerates a torn last line and unreadable lines: the original file is kept next to it
 *   (`entries.corrupt-<time>.jsonl`), the readable lines are written back and the user is told once.
 *   An unreadable state file is moved aside the same way and the import starts over.
 * - Writes of one account run one after the other. Called by the history service (./index.ts).
 */
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  ASSET_CODE_PATTERN,
  MAX_ENTRIES_PER_ACCOUNT,
  MAX_ENTRY_ID,
  type HistoryEntry,
} from '../../../shared/history/types';
import type { AccountImportState } from '../../../shared/ipc/channels/history';
import { appendDurable, copyFilePrivate, ensureDir, writeFileAtomic } from '../files/atomic';
import type { Cursor } from './plans';

const finite = z.number().finite();
const positive = finite.positive();
const asset = z.string().regex(ASSET_CODE_PATTERN);
const amount = z.object({ asset, amount: positive });
const base = { id: z.string().min(1).max(MAX_ENTRY_ID), t: finite.min(0) };
const txid = z.string().max(MAX_ENTRY_ID).nullable();

export const EntrySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('trade'),
    ...base,
    give: amount,
    get: amount,
    fee: amount.nullable(),
    market: z.string().max(80).nullable(),
  }),
  z.object({ kind: z.literal('deposit'), ...base, asset, amount: positive, txid }),
  z.object({ kind: z.literal('withdrawal'), ...base, asset, amount: positive, fee: amount.nullable(), txid }),
  z.object({
    kind: z.literal('income'),
    ...base,
    asset,
    amount: positive,
    source: z.enum(['staking', 'earn', 'airdrop', 'reward']),
  }),
  z.object({ kind: z.literal('fee'), ...base, asset, amount: positive }),
  z.object({ kind: z.literal('adjustment'), ...base, asset, amount: finite }),
]) satisfies z.ZodType<HistoryEntry>;

/** What is kept about an account's imports besides the entries. */
export interface StoredState {
  v: 1;
  /** The next cursor of every step, by key. */
  cursors: Record<string, Cursor>;
  /** Steps the last run finished: their next import starts again a few days back. */
  complete: Record<string, boolean>;
  /** Markets searched for trades (exchanges that need them). */
  markets: string[];
  /** Markets whose daily candles price this history's assets ("BTC/USDT"), on the account's exchange. */
  priceMarkets: string[];
  /** The earliest time asked for, and the assets the user named besides the account's own. */
  since: number | null;
  extraAssets: string[];
  lastRun: AccountImportState | null;
}

const StateSchema = z.object({
  v: z.literal(1),
  cursors: z.record(z.string().max(120), z.record(z.string().max(40), z.unknown())),
  complete: z.record(z.string().max(120), z.boolean()),
  markets: z.array(z.string().max(80)).max(5000),
  priceMarkets: z.array(z.string().max(80)).max(5000),
  since: finite.nullable(),
  extraAssets: z.array(asset).max(100),
  lastRun: z.looseObject({ state: z.string() }).nullable(),
});

export function emptyState(): StoredState {
  return {
    v: 1,
    cursors: {},
    complete: {},
    markets: [],
    priceMarkets: [],
    since: null,
    extraAssets: [],
    lastRun: null,
  };
}

/** A file found damaged and set aside. */
export interface RecoveredHistoryFile {
  accountId: string;
  what: 'entries' | 'state';
  backupPath: string;
}

interface Loaded {
  byId: Map<string, number>;
  list: HistoryEntry[];
  state: StoredState;
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export class HistoryStore {
  readonly dir: string;
  private readonly now: () => number;
  private readonly onRecovered: (f: RecoveredHistoryFile) => void;
  private readonly loaded = new Map<string, Promise<Loaded>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Increases with every change of any account's entries (cache key for derived views). */
  revision = 0;

  constructor(dir: string, opts: { now: () => number; onRecovered?: (f: RecoveredHistoryFile) => void }) {
    this.dir = dir;
    this.now = opts.now;
    this.onRecovered = opts.onRecovered ?? (() => undefined);
  }

  private folder(accountId: string): string {
    if (!SAFE_ID.test(accountId) || accountId.includes('..')) throw new Error('not an account id');
    return join(this.dir, accountId.replace(/:/g, '_'));
  }

  private load(accountId: string): Promise<Loaded> {
    let p = this.loaded.get(accountId);
    if (!p) {
      p = this.read(accountId);
      p.catch(() => this.loaded.delete(accountId));
      this.loaded.set(accountId, p);
    }
    return p;
  }

  private async read(accountId: string): Promise<Loaded> {
    const dir = this.folder(accountId);
    const out: Loaded = { byId: new Map(), list: [], state: emptyState() };
    const entriesPath = join(dir, 'entries.jsonl');
    const text = await readFile(entriesPath, 'utf8').catch(() => null);
    if (text !== null) {
      const lines = text.split('\n');
      const tail = lines.pop() ?? '';
      let damaged = tail.trim().length > 0;
      for (const line of lines) {
        if (line.length === 0) continue;
        let parsed: HistoryEntry;
        try {
          parsed = EntrySchema.parse(JSON.parse(line));
        } catch {
          damaged = true;
          continue;
        }
        upsert(out, parsed);
      }
      if (damaged) {
        const backupPath = join(dir, `entries.corrupt-${this.now()}.jsonl`);
        await copyFilePrivate(entriesPath, backupPath);
        await writeFileAtomic(entriesPath, out.list.map((e) => `${JSON.stringify(e)}\n`).join(''));
        this.onRecovered({ accountId, what: 'entries', backupPath });
      }
    }
    const statePath = join(dir, 'state.json');
    const stateText = await readFile(statePath, 'utf8').catch(() => null);
    if (stateText !== null) {
      try {
        out.state = StateSchema.parse(JSON.parse(stateText)) as StoredState;
      } catch {
        const backupPath = join(dir, `state.corrupt-${this.now()}.json`);
        await rename(statePath, backupPath);
        this.onRecovered({ accountId, what: 'state', backupPath });
      }
    }
    return out;
  }

  /** Every entry of the account, oldest first by time of arrival in the file (do not mutate). */
  async entries(accountId: string): Promise<readonly HistoryEntry[]> {
    return (await this.load(accountId)).list;
  }

  async state(accountId: string): Promise<StoredState> {
    return structuredClone((await this.load(accountId)).state);
  }

  /** Adds (or replaces, by id) a page's entries: one durable append. */
  append(accountId: string, entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return this.serial(accountId, async () => {
      const l = await this.load(accountId);
      if (l.list.length + entries.length > MAX_ENTRIES_PER_ACCOUNT) {
        throw new Error('the account history is too large to keep');
      }
      const valid = entries.map((e) => EntrySchema.parse(e));
      await ensureDir(this.folder(accountId));
      await appendDurable(
        join(this.folder(accountId), 'entries.jsonl'),
        valid.map((e) => `${JSON.stringify(e)}\n`).join(''),
      );
      for (const e of valid) upsert(l, e);
      this.revision += 1;
    });
  }

  /** Replaces the account's state (atomically). */
  saveState(accountId: string, state: StoredState): Promise<void> {
    return this.serial(accountId, async () => {
      const l = await this.load(accountId);
      await ensureDir(this.folder(accountId));
      await writeFileAtomic(join(this.folder(accountId), 'state.json'), `${JSON.stringify(state)}\n`);
      l.state = structuredClone(state);
    });
  }

  /** Forgets the account's history: files and memory. */
  forget(accountId: string): Promise<void> {
    return this.serial(accountId, async () => {
      await rm(this.folder(accountId), { recursive: true, force: true });
      this.loaded.delete(accountId);
      this.revision += 1;
    });
  }

  /** Waits for the account's pending writes. */
  idle(accountId: string): Promise<unknown> {
    return this.queues.get(accountId) ?? Promise.resolve();
  }

  private serial<T>(accountId: string, fn: () => Promise<T>): Promise<T> {
    const p = (this.queues.get(accountId) ?? Promise.resolve()).then(fn);
    this.queues.set(
      accountId,
      p.catch(() => undefined),
    );
    return p;
  }
}

function upsert(l: Loaded, e: HistoryEntry): void {
  const at = l.byId.get(e.id);
  if (at === undefined) {
    l.byId.set(e.id, l.list.length);
    l.list.push(e);
  } else l.list[at] = e;
}
