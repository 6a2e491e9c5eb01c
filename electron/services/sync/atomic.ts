/**
 * Crash-safe file writes: a file is replaced by writing a temporary file next to it, flushing it to
 * disk and renaming it over the old one, so a crash at any point leaves either the old or the new
 * content, never a mix. Appends go out as one write of whole lines followed by an fsync.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

function fsyncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // not supported everywhere (e.g. directories on Windows); the rename itself is still atomic
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Replace `path` with `content` atomically (temp file + fsync + rename + fsync of the folder). */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(dirname(path));
}

/** Append `text` (whole lines) to `path` in one write and flush it to disk. */
export function appendDurable(path: string, text: string): void {
  const fd = openSync(path, 'a', 0o600);
  try {
    const buf = Buffer.from(text, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
