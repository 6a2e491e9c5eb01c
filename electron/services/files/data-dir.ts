/**
 * The data folder at start: createServices calls `prepareDataDir` before any store opens it.
 *
 * - The folder exists and is its owner's only (0o700).
 * - Temporary files of atomic writes that never finished (a crash or a kill between writing the temporary
 *   file and renaming it) are removed once older than a minute; younger ones may belong to a write
 *   still running and are kept.
 * - Files and folders that an earlier version created readable by others are narrowed to their owner
 *   (files 0o600, folders 0o700), as every write of electron/services/files/atomic.ts now creates them.
 *
 * Symbolic links are neither followed nor changed. Nothing here throws on a file it cannot read or
 * change: it is left as it is (start-up must go on).
 */
import type { Dirent } from 'node:fs';
import { chmod, lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DIR_MODE, ensureDir, FILE_MODE } from './atomic';

/**
 * Names of the temporary files of an atomic write: ours (`<name>.tmp-<pid>-<8 hex>`) and those of the
 * JSON stores' writer (`<name>.tmp-<10 digits><6 hex>`, the `atomically` package under conf).
 */
const TEMP_FILE = /\.tmp-(?:\d+-[0-9a-f]{8}|\d{10}[0-9a-f]{6})$/;
/** A temporary file older than this belongs to a write that never finished. */
export const STALE_TEMP_MS = 60_000;

export interface PreparedDataDir {
  /** Stale temporary files removed. */
  removedTempFiles: number;
  /** Files and folders whose mode was narrowed to their owner. */
  narrowed: number;
}

async function narrow(path: string, mode: number, current: number): Promise<boolean> {
  if (process.platform === 'win32' || (current & 0o777) === mode) return false;
  try {
    await chmod(path, mode);
    return true;
  } catch {
    // A file we may not change (another owner): left as it is.
    return false;
  }
}

/**
 * Creates the data folder for its owner only, removes stale temporary files under it and narrows what
 * others could read. `now` is the wall clock the files' times are compared with (default Date.now()).
 */
export async function prepareDataDir(dir: string, opts: { now?: number } = {}): Promise<PreparedDataDir> {
  await ensureDir(dir);
  const cutoff = (opts.now ?? Date.now()) - STALE_TEMP_MS;
  const out: PreparedDataDir = { removedTempFiles: 0, narrowed: 0 };
  const visit = async (path: string, isDir: boolean): Promise<void> => {
    const st = await lstat(path).catch(() => null);
    if (!st || st.isSymbolicLink()) return;
    if (await narrow(path, isDir ? DIR_MODE : FILE_MODE, st.mode)) out.narrowed++;
    if (!isDir) return;
    let entries: Dirent[];
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch {
      // A folder that cannot be read has nothing we can clean.
      return;
    }
    for (const e of entries) {
      const child = join(path, e.name);
      if (e.isDirectory()) await visit(child, true);
      else if (!e.isFile()) continue;
      else if (TEMP_FILE.test(e.name)) {
        const t = await lstat(child).catch(() => null);
        if (t && t.mtimeMs < cutoff) {
          await rm(child, { force: true });
          out.removedTempFiles++;
        }
      } else await visit(child, false);
    }
  };
  await visit(dir, true);
  return out;
}
