/**
 * The exports folder, where exports go without a save dialog (electron/services/files/exports.ts):
 * Windows device names refused in any case and with any extension, nothing written through a symbolic
 * link (an exports folder that is one, or one at the file's path), and the file always inside the folder.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportFileName, saveInExports } from '../../electron/services/files/exports';
import { startApp } from './support/app';
import { cleanUpAfterEach, tempDir } from './support/cleanup';
import { failure } from './support/errors';

cleanUpAfterEach();

const posix = process.platform !== 'win32';

describe('the exports folder', () => {
  it('refuses Windows device names, with or without an extension, in any case', async () => {
    for (const name of ['CON', 'nul.csv', 'Com1.txt', 'lpt9.json', 'aux', 'PRN.tar.gz']) {
      expect((await failure(Promise.resolve().then(() => exportFileName(name)))).code, name).toBe('invalid');
    }
    for (const name of ['console.csv', 'ballast-index-con.csv', 'com10.csv']) expect(exportFileName(name)).toBe(name);
  });

  it('refuses such a name over IPC, with nothing written', async () => {
    const app = await startApp();
    const err = await app.fail('indexlab:export', { kind: 'spec-json', name: 'NUL.json', content: '{}' });
    expect(err.code).toBe('invalid');
    expect(existsSync(join(app.dataDir, 'exports', 'NUL.json'))).toBe(false);
  });

  it('keeps every file inside the folder', async () => {
    const dataDir = tempDir('ballast-exports-');
    expect(await saveInExports(dataDir, 'a/b\\c.csv', 'x')).toBe(join(dataDir, 'exports', 'a_b_c.csv'));
    for (const name of ['../settings.json', '..\\..\\x.csv', '..', '.hidden']) {
      expect((await failure(saveInExports(dataDir, name, 'x'))).code, name).toBe('invalid');
    }
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(false);
  });

  it.skipIf(!posix)('never writes through a symbolic link', async () => {
    const dataDir = tempDir('ballast-exports-');
    const outside = tempDir('ballast-exports-outside-');
    writeFileSync(join(outside, 'victim.csv'), 'keep me');
    mkdirSync(join(dataDir, 'exports'));
    symlinkSync(join(outside, 'victim.csv'), join(dataDir, 'exports', 'plan.csv'));
    expect((await failure(saveInExports(dataDir, 'plan.csv', 'overwritten'))).code).toBe('save-failed');
    expect(readFileSync(join(outside, 'victim.csv'), 'utf8')).toBe('keep me');
    expect(lstatSync(join(dataDir, 'exports', 'plan.csv')).isSymbolicLink()).toBe(true);

    const linked = tempDir('ballast-exports-');
    symlinkSync(outside, join(linked, 'exports'));
    expect((await failure(saveInExports(linked, 'new.csv', 'x'))).code).toBe('save-failed');
    expect(existsSync(join(outside, 'new.csv'))).toBe(false);
  });
});
