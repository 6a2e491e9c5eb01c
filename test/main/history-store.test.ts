/**
 * The imported-history store on disk: a page read again after a crash replaces its entries instead
 * of doubling them, a torn last line and unreadable lines are set aside with the readable entries kept
 * (and the user told), an unreadable state file starts the import over, and account ids never reach
 * outside the history folder.
 */
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryStore, emptyState, type RecoveredHistoryFile } from '../../electron/services/history/store';
import type { HistoryEntry } from '../../shared/history/types';
import { cleanUpAfterEach, tempDir } from './support/cleanup';

cleanUpAfterEach();

const dep = (id: string, amount: number): HistoryEntry => ({
  kind: 'deposit',
  id,
  t: 1_700_000_000_000,
  asset: 'BTC',
  amount,
  txid: null,
});

function open(dir: string) {
  const recovered: RecoveredHistoryFile[] = [];
  return { store: new HistoryStore(dir, { now: () => 42, onRecovered: (f) => recovered.push(f) }), recovered };
}

describe('history store', () => {
  it('keeps entries and state across restarts; an entry stored again replaces the first', async () => {
    const dir = tempDir();
    const a = open(dir).store;
    await a.append('acc-1', [dep('d1', 1), dep('d2', 2)]);
    await a.saveState('acc-1', { ...emptyState(), cursors: { deposits: { from: 5 } }, complete: { deposits: true } });
    // the page after a crash between the append and the cursor write: read again, stored again
    await a.append('acc-1', [dep('d2', 2.5), dep('d3', 3)]);
    const b = open(dir).store;
    expect((await b.entries('acc-1')).map((e) => [e.id, (e as { amount: number }).amount])).toEqual([
      ['d1', 1],
      ['d2', 2.5],
      ['d3', 3],
    ]);
    expect((await b.state('acc-1')).cursors).toEqual({ deposits: { from: 5 } });
    expect(await b.entries('other')).toEqual([]);
  });

  it('sets aside a torn last line and an unreadable line, keeps the rest, and says so once', async () => {
    const dir = tempDir();
    await open(dir).store.append('acc-1', [dep('d1', 1), dep('d2', 2)]);
    const file = join(dir, 'acc-1', 'entries.jsonl');
    appendFileSync(file, '{"kind":"deposit","id":"bad","t":1,"asset":"BTC","amount":-4,"txid":null}\n{"kind":"depo');
    const { store, recovered } = open(dir);
    expect((await store.entries('acc-1')).map((e) => e.id)).toEqual(['d1', 'd2']);
    expect(recovered).toEqual([
      { accountId: 'acc-1', what: 'entries', backupPath: join(dir, 'acc-1', 'entries.corrupt-42.jsonl') },
    ]);
    expect(readFileSync(recovered[0]!.backupPath, 'utf8')).toContain('{"kind":"depo');
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    // appends go on after the repair
    await store.append('acc-1', [dep('d3', 3)]);
    expect((await open(dir).store.entries('acc-1')).map((e) => e.id)).toEqual(['d1', 'd2', 'd3']);
  });

  it('an unreadable state file is moved aside and the import starts over', async () => {
    const dir = tempDir();
    await open(dir).store.saveState('acc-1', emptyState());
    writeFileSync(join(dir, 'acc-1', 'state.json'), '{"v":1,"cursors":');
    const { store, recovered } = open(dir);
    expect(await store.state('acc-1')).toEqual(emptyState());
    expect(recovered.map((r) => r.what)).toEqual(['state']);
    expect(existsSync(join(dir, 'acc-1', 'state.corrupt-42.json'))).toBe(true);
  });

  it('refuses ids that are not account ids, and refuses entries out of bounds', async () => {
    const dir = tempDir();
    const { store } = open(dir);
    await expect(store.append('../../etc', [dep('d', 1)])).rejects.toThrow('not an account id');
    await expect(store.append('acc', [dep('d', -1)])).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });
});
