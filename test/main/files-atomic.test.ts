/**
 * The crash-safe write module (electron/services/files/atomic.ts): whole content replaced or kept,
 * appends that add exactly the bytes given, files created for their owner only, and no temporary
 * file left behind when a write fails.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendDurable, FILE_MODE, writeFileAtomic, writeFileAtomicSync } from '../../electron/services/files/atomic';
import { createConfStore } from '../../electron/services/store';
import { cleanUpAfterEach, tempDir } from './support/cleanup';

cleanUpAfterEach();

const modeOf = (path: string) => statSync(path).mode & 0o777;
const posix = process.platform !== 'win32';

describe('writeFileAtomic', () => {
  it('replaces the whole content, creates the file for its owner only and leaves no temporary file', async () => {
    const dir = tempDir('ballast-atomic-');
    const path = join(dir, 'cache.json');
    await writeFileAtomic(path, '{"v":1}');
    await writeFileAtomic(path, 'é'.repeat(100_000));
    expect(readFileSync(path, 'utf8')).toBe('é'.repeat(100_000));
    writeFileAtomicSync(path, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(path)]).toEqual([1, 2, 3]);
    if (posix) expect(modeOf(path)).toBe(FILE_MODE);
    expect(readdirSync(dir)).toEqual(['cache.json']);
  });

  it('keeps the old file and removes its temporary file when the rename fails', async () => {
    const dir = tempDir('ballast-atomic-');
    // a folder in the way of the rename
    const path = join(dir, 'taken');
    mkdirSync(path);
    writeFileSync(join(path, 'inside'), 'x');
    await expect(writeFileAtomic(path, 'new')).rejects.toThrow();
    expect(() => writeFileAtomicSync(path, 'new')).toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readFileSync(join(path, 'inside'), 'utf8')).toBe('x');
  });
});

describe('appendDurable', () => {
  it('appends exactly the lines given and creates the file for its owner only', async () => {
    const path = join(tempDir('ballast-atomic-'), 'log.jsonl');
    await appendDurable(path, '{"a":1}\n');
    await appendDurable(path, '{"b":"ü"}\n', { fsync: false });
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n{"b":"ü"}\n');
    if (posix) expect(modeOf(path)).toBe(FILE_MODE);
  });
});

describe('store files', () => {
  it('are created for their owner only', () => {
    const dir = tempDir('ballast-atomic-');
    const { store } = createConfStore({ name: 'settings', cwd: dir, defaults: { a: 1 } });
    store.set('a', 2);
    if (posix) expect(modeOf(store.path)).toBe(FILE_MODE);
  });
});
