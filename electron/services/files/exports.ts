/**
 * Where an export is written when there is no save dialog (tests, the E2E harness, and any caller of
 * createServices without `saveFile`): the `exports` folder of the data folder. createServices uses it.
 *
 * The file stays inside that folder whatever the name: characters other than letters, digits, `.`, `_`
 * and `-` become `_`; a name that is empty, starts with a dot, or is a Windows device name (CON, PRN, AUX,
 * NUL, COM1-9, LPT1-9, with or without an extension, any case) is refused; and nothing is written through
 * a symbolic link: neither an `exports` folder that is a link nor a link (or anything but a plain file)
 * already at the file's path. The write itself is files/atomic.ts (a new temporary file, then a rename).
 */
import { lstat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '../errors';
import { ensureDir, writeFileAtomic } from './atomic';

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** The file name an export gets in the exports folder; AppError('invalid') when it cannot have one. */
export function exportFileName(name: string): string {
  const safe = basename(name.replace(/[^A-Za-z0-9._-]/g, '_'));
  if (safe === '' || safe.startsWith('.') || RESERVED.test(safe)) {
    throw new AppError('invalid', 'This file name cannot be used for an export. Choose another name.');
  }
  return safe;
}

const refuseLink = () =>
  new AppError('save-failed', 'The exports folder holds a link where the export would go; nothing was written.');

/** Writes `content` as `name` in `<dataDir>/exports` and answers with its path. */
export async function saveInExports(dataDir: string, name: string, content: string): Promise<string> {
  const fileName = exportFileName(name);
  const dir = join(dataDir, 'exports');
  await ensureDir(dir);
  if (!(await lstat(dir)).isDirectory()) throw refuseLink();
  const path = join(dir, fileName);
  const existing = await lstat(path).catch(() => null);
  if (existing && !existing.isFile()) throw refuseLink();
  await writeFileAtomic(path, content);
  return path;
}
