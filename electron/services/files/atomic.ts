/**
 * Crash-safe file writes, the one module every store of ours and the activity log write through.
 *
 * - `writeFileAtomic` replaces a file: it writes a temporary file next to it, flushes it to disk and
 *   renames it over the old one, so a crash at any point leaves either the old or the new content,
 *   never a mix. The temporary file is removed when any step fails.
 * - `appendDurable` appends whole lines in one pass and flushes them (unless told not to).
 * - Every write loops until all bytes are written; a write that makes no progress is an error.
 * - A failed write (a full disk...) throws the file system's error, which files/write-errors.ts turns into
 *   words the user can act on; nothing of the failed write is counted as written.
 * - Files are created readable and writable by their owner only (0o600), folders (`ensureDir`) for
 *   their owner only too (0o700).
 *
 * The functions are async, so the main process keeps answering IPC while the disk works. The `Sync`
 * variants block and are meant for start-up and repairs made while opening a file.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { chmod, copyFile, mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Mode of every file Ballast creates. */
export const FILE_MODE = 0o600;
/** Mode of every folder Ballast creates. */
export const DIR_MODE = 0o700;

export interface AppendOptions {
  /** Flush to disk after the write (default true). */
  fsync?: boolean;
}

function bytesOf(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
}

function tempPathFor(path: string): string {
  return `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
}

function noProgress(path: string): Error {
  return Object.assign(new Error(`no bytes could be written to ${path}`), { code: 'EIO' });
}

async function writeAll(fh: FileHandle, path: string, buf: Uint8Array): Promise<void> {
  let off = 0;
  while (off < buf.length) {
    const { bytesWritten } = await fh.write(buf, off, buf.length - off);
    if (bytesWritten <= 0) throw noProgress(path);
    off += bytesWritten;
  }
}

function writeAllSync(fd: number, path: string, buf: Uint8Array): void {
  let off = 0;
  while (off < buf.length) {
    const written = writeSync(fd, buf, off, buf.length - off);
    if (written <= 0) throw noProgress(path);
    off += written;
  }
}

async function fsyncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Folders cannot be opened for fsync on some platforms (Windows); the rename is still atomic.
  }
}

function fsyncDirSync(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Folders cannot be opened for fsync on some platforms (Windows); the rename is still atomic.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Replace `path` with `content` atomically (temp file + fsync + rename + fsync of the folder). */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const tmp = tempPathFor(path);
  try {
    const fh = await open(tmp, 'wx', FILE_MODE);
    try {
      await writeAll(fh, tmp, bytesOf(content));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await fsyncDir(dirname(path));
}

/** writeFileAtomic, blocking: for start-up and for repairs made while opening a file. */
export function writeFileAtomicSync(path: string, content: string | Uint8Array): void {
  const tmp = tempPathFor(path);
  try {
    const fd = openSync(tmp, 'wx', FILE_MODE);
    try {
      writeAllSync(fd, tmp, bytesOf(content));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDirSync(dirname(path));
}

/** Append `text` (whole lines) to `path` and flush it to disk. */
export async function appendDurable(path: string, text: string, opts: AppendOptions = {}): Promise<void> {
  const fh = await open(path, 'a', FILE_MODE);
  try {
    await writeAll(fh, path, bytesOf(text));
    if (opts.fsync ?? true) await fh.datasync();
  } finally {
    await fh.close();
  }
}

/** Creates `dir` (and its parents) for its owner only; nothing happens when it exists. */
export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: DIR_MODE });
}

/** ensureDir, blocking: for start-up. */
export function ensureDirSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
}

/** Copies `from` to `to` (a backup kept before a repair), readable by its owner only. */
export async function copyFilePrivate(from: string, to: string): Promise<void> {
  await copyFile(from, to);
  await chmod(to, FILE_MODE);
}

/** copyFilePrivate, blocking: for repairs made while opening a file. */
export function copyFilePrivateSync(from: string, to: string): void {
  copyFileSync(from, to);
  chmodSync(to, FILE_MODE);
}
