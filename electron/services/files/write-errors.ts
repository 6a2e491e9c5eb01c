/**
 * File-system write failures as errors the user can act on.
 *
 * `fileWriteError(err)` turns a Node errno error from a write (ENOSPC and EDQUOT: `disk-full`;
 * EROFS, EACCES and EPERM: `write-failed`) into an AppError whose plain message names the folder
 * that could not be written (its name, not its whole path), never a stack; any other error gives null. The IPC router
 * (../ipc-router.ts) applies it to whatever a handler throws, so a failed save answers with one of
 * these codes instead of "internal"; the activity log (../activity/log-file.ts) and the notice about
 * an activity log that cannot be written (../app-services.ts) use it too.
 */
import { basename, dirname } from 'node:path';
import { AppError } from '../errors';

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);
const NOT_WRITABLE = new Set(['EROFS', 'EACCES', 'EPERM']);

/** The errno code of a Node file-system error, or null. */
function errnoOf(err: unknown): { code: string; path: string | null } | null {
  if (!err || typeof err !== 'object') return null;
  const { code, path } = err as { code?: unknown; path?: unknown };
  if (typeof code !== 'string') return null;
  return { code, path: typeof path === 'string' ? path : null };
}

/**
 * The folder a failed write was in, by its name only (messages never carry a whole path, which would
 * reveal the user's folders): the folder “ballast”; without a path, `fallbackFolder` or Ballast's data
 * folder.
 */
function folderOf(path: string | null, fallbackFolder?: string): string {
  const name = path ? basename(dirname(path)) : '';
  if (name) return `the folder “${name}”`;
  return fallbackFolder ?? "Ballast's data folder";
}

/**
 * `disk-full` or `write-failed` for a write that failed because the disk is full or the folder may
 * not be written; null for any other error. `what` says what was being saved ("the activity log").
 */
export function fileWriteError(err: unknown, what = 'your change', fallbackFolder?: string): AppError | null {
  const e = errnoOf(err);
  if (!e) return null;
  const folder = folderOf(e.path, fallbackFolder);
  if (DISK_FULL.has(e.code)) {
    return new AppError(
      'disk-full',
      `The disk holding ${folder} is full, so Ballast could not save ${what}. Free some space and try again; what was saved before is kept.`,
    );
  }
  if (NOT_WRITABLE.has(e.code)) {
    return new AppError(
      'write-failed',
      `Ballast may not write to ${folder} (it is read-only or protected), so it could not save ${what}. Check the folder's permissions.`,
    );
  }
  return null;
}
