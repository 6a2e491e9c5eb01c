/**
 * A disk that fills up, for tests of what Ballast writes: `fillDisk(bytes)` lets the next `bytes` bytes
 * of async file writes (FileHandle.write, which every append and atomic write of
 * electron/services/files/atomic.ts goes through) reach the disk, cuts the write that crosses the
 * limit short (a real short write: only the bytes that fit are written), and fails every later write
 * with ENOSPC, as a full disk does. `free()` gives the disk room again; it is also called at clean-up.
 */
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanUp } from './cleanup';

interface WriteResult {
  bytesWritten: number;
  buffer: Uint8Array;
}
type WriteFn = (
  this: unknown,
  buffer: Uint8Array,
  offset?: number,
  length?: number,
  position?: number | null,
) => Promise<WriteResult>;

export interface FullDisk {
  /** Bytes the disk still takes before it is full. */
  readonly remaining: number;
  /** Write calls that were cut short or refused. */
  readonly refused: number;
  /** The disk has room again. */
  free(): void;
}

let proto: { write: WriteFn } | null = null;

async function fileHandlePrototype(): Promise<{ write: WriteFn }> {
  if (!proto) {
    const fh = await open(join(tmpdir(), `ballast-disk-probe-${process.pid}`), 'w');
    proto = Object.getPrototypeOf(fh) as { write: WriteFn };
    await fh.close();
  }
  return proto;
}

function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), {
    code: 'ENOSPC',
    errno: -28,
    syscall: 'write',
  });
}

/** From now on, async file writes fit in `bytes` more bytes; then the disk is full. */
export async function fillDisk(bytes: number): Promise<FullDisk> {
  const p = await fileHandlePrototype();
  const original = p.write;
  let remaining = bytes;
  let refused = 0;
  let active = true;
  p.write = async function (this: unknown, buffer, offset = 0, length, position) {
    if (!active || !(buffer instanceof Uint8Array)) return original.call(this, buffer, offset, length, position);
    const len = length ?? buffer.length - offset;
    if (remaining <= 0) {
      refused++;
      throw enospc();
    }
    if (len > remaining) {
      refused++;
      const cut = remaining;
      remaining = 0;
      return original.call(this, buffer, offset, cut, position);
    }
    remaining -= len;
    return original.call(this, buffer, offset, length, position);
  };
  const disk: FullDisk = {
    get remaining() {
      return remaining;
    },
    get refused() {
      return refused;
    },
    free() {
      if (!active) return;
      active = false;
      p.write = original;
    },
  };
  onCleanUp(() => disk.free());
  return disk;
}
