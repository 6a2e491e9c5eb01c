/**
 * File-system write failures reach the user as typed errors and notices, never as "internal" or as an
 * unhandled rejection:
 * - a handler whose write fails with ENOSPC / EDQUOT answers `disk-full`, with EROFS / EACCES / EPERM
 *   `write-failed`, both naming the folder (by name, never its whole path) (electron/services/files/write-errors.ts via the router);
 * - a sync whose activity log cannot be written (its file replaced by a folder) still syncs, leaves no
 *   unhandled rejection, and the user gets exactly one notice.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createRouter, type Handlers } from '../../electron/services/ipc-router';
import { CHANNELS } from '../../shared/ipc/contract';
import { testConfig } from '../emulator/fixtures';
import { startApp } from './support/app';
import { cleanUpAfterEach } from './support/cleanup';
import { addAccounts, emulatorOptions, useEmulator } from './support/emulator';
import { READ_KEYS } from './support/keys';
import { memoryKeytar } from './support/keychain';

cleanUpAfterEach();
const emu = useEmulator(() => testConfig({ candleDays: 30 }));

/** An error as Node's fs raises it for a failed write. */
function fsError(code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: write failed, open '${path}'`), { code, syscall: 'open', path, errno: -1 });
}

function routeThrowing(err: unknown) {
  const handlers = Object.fromEntries(
    CHANNELS.map((c) => [
      c,
      () => {
        throw err;
      },
    ]),
  ) as unknown as Handlers;
  return createRouter(handlers);
}

describe('a handler whose write fails', () => {
  it.each([
    ['ENOSPC', 'disk-full', /^The disk holding the folder “ballast” is full, so Ballast could not save/],
    ['EDQUOT', 'disk-full', /^The disk holding the folder “ballast” is full/],
    ['EROFS', 'write-failed', /^Ballast may not write to the folder “ballast” \(it is read-only or protected\)/],
    ['EACCES', 'write-failed', /^Ballast may not write to the folder “ballast”/],
    ['EPERM', 'write-failed', /^Ballast may not write to the folder “ballast”/],
  ])('%s answers %s naming the folder', async (errno, code, message) => {
    const res = await routeThrowing(fsError(errno, '/data/ballast/settings.json'))('settings:get', undefined);
    expect(res).toMatchObject({ ok: false, error: { code } });
    if (!res.ok) {
      expect(res.error.message).toMatch(message);
      expect(res.error.message).not.toContain(errno);
      expect(res.error.message).not.toContain('/data/');
    }
  });

  it('any other failure stays internal', async () => {
    const res = await routeThrowing(fsError('EISDIR', '/data/ballast/x'))('settings:get', undefined);
    expect(res).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('an activity log that cannot be written during a sync', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('syncs anyway, leaves no unhandled rejection and tells the user once', async () => {
    process.on('unhandledRejection', onUnhandled);
    const app = await startApp({
      prefix: 'ballast-logfail-',
      ...emulatorOptions(emu, { timeoutMs: 3_000 }),
      vault: { service: 'Ballast Log Failure', keytar: memoryKeytar() },
    });
    const ids = await addAccounts(app, READ_KEYS);
    await app.context.activity.flush();
    // the log's file becomes a folder: every append from now on fails
    rmSync(app.context.activity.path);
    mkdirSync(app.context.activity.path);

    const run = await app.call('sync:now', { wait: true });
    expect(run.accounts.map((a) => a.status)).toEqual(Object.values(ids).map(() => 'ok'));
    await app.call('sync:now', { wait: true });
    await app.context.activity.flush();
    await new Promise((r) => setImmediate(r));

    expect(unhandled).toEqual([]);
    const notices = (await app.call('app:info')).notices.filter((n) => n.id === 'activity-log-write-failed');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toMatch(/^The activity log could not be written \(EISDIR\)\. Ballast goes on/);
  });
});
