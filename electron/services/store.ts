/**
 * Small persistence interface for main-process services.
 *
 * In the app the backend is electron-store (see electron/main/stores.ts); in tests it is `conf`
 * (which electron-store is built on) pointed at a temporary directory. Services depend only on
 * `JsonStore`, so they run under plain Node.
 *
 * A corrupt file is never silently discarded: it is moved aside to `<name>.corrupt-<time>.json`
 * and reported through `recovered`, so the app can tell the user and start with defaults.
 * Store files are created readable by their owner only (STORE_FILE_MODE).
 */
import Conf from 'conf';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_MODE } from './files/atomic';

/** Mode of store files, the same as every file Ballast writes. */
export const STORE_FILE_MODE = FILE_MODE;

export interface JsonStore<T extends Record<string, unknown>> {
  get<K extends keyof T>(key: K): T[K];
  /** Every call is one atomic write of the whole file. */
  set<K extends keyof T>(key: K, value: T[K]): void;
  /** Several keys in one atomic write, so a crash never leaves some of them changed and not the others. */
  set(values: Partial<T>): void;
  /** Absolute path of the backing file. */
  readonly path: string;
}

export interface StoreOptions<T extends Record<string, unknown>> {
  /** File name without extension, e.g. "settings". */
  name: string;
  /** Directory of the file. */
  cwd: string;
  defaults: T;
}

export interface RecoveredFile {
  /** Store name. */
  name: string;
  /** Where the unreadable file was moved. */
  backupPath: string;
  reason: string;
}

/**
 * If `<cwd>/<name>.json` exists but is not valid JSON, move it aside and return what happened.
 * Returns null when the file is absent or readable.
 */
export function quarantineIfCorrupt(name: string, cwd: string, now = Date.now()): RecoveredFile | null {
  const path = join(cwd, `${name}.json`);
  if (!existsSync(path)) return null;
  let reason: string;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return null;
    reason = 'the file does not hold a JSON object';
  } catch (err) {
    reason = err instanceof Error ? err.message : 'unreadable';
  }
  const backupPath = join(cwd, `${name}.corrupt-${now}.json`);
  renameSync(path, backupPath);
  return { name, backupPath, reason };
}

/** Creates a store; the app passes the electron-store factory, tests and the CLI the conf one. */
export type StoreFactory = <T extends Record<string, unknown>>(
  opts: StoreOptions<T>,
) => { store: JsonStore<T>; recovered: RecoveredFile | null };

/** A `conf`-backed store: used by tests, the CLI and anything running under plain Node. */
export const createConfStore: StoreFactory = <T extends Record<string, unknown>>(opts: StoreOptions<T>) => {
  const recovered = quarantineIfCorrupt(opts.name, opts.cwd);
  const conf = new Conf<T>({
    configName: opts.name,
    cwd: opts.cwd,
    defaults: opts.defaults,
    projectName: 'ballast',
    configFileMode: STORE_FILE_MODE,
  });
  return { store: conf as unknown as JsonStore<T>, recovered };
};
