/**
 * Quitting (electron/services/quit.ts, used by the Electron shell's before-quit): the quit waits until the
 * services have written what they hold, the activity log's checkpoint in the keychain included, and
 * goes on when disposing hangs or fails.
 */
import { describe, expect, it } from 'vitest';
import { activityLogItem } from '../../electron/services/app-services';
import { disposeWithin } from '../../electron/services/quit';
import { startApp } from './support/app';
import { cleanUpAfterEach } from './support/cleanup';
import { memoryKeytar } from './support/keychain';

cleanUpAfterEach();

describe('quitting', () => {
  it('stores the newest entry of the activity log in the keychain before it lets the app go', async () => {
    const keytar = memoryKeytar();
    const app = await startApp({ vault: { service: 'Ballast Quit', keytar } });
    const log = app.context.activity;
    // The first append writes a checkpoint at once; the next ones wait for the throttle.
    for (let i = 0; i < 5; i++) await log.append({ kind: 'key-renamed', accountId: 'acc-a', detail: { to: `L${i}` } });
    const item = activityLogItem(keytar.scope);
    const before = JSON.parse((await app.context.vault.getAppItem(item))!) as { head: { seq: number } };
    expect(before.head.seq).toBeLessThan(log.head().seq);

    expect(await disposeWithin(() => app.stop(), 5_000)).toBe('done');
    const after = JSON.parse((await app.context.vault.getAppItem(item))!) as { head: { seq: number; hash: string } };
    expect(after.head).toEqual(log.head());
  });

  it('goes on when disposing hangs or fails', async () => {
    expect(await disposeWithin(() => new Promise<void>(() => undefined), 20)).toBe('timed-out');
    const errors: unknown[] = [];
    const failing = () => Promise.reject(new Error('disk gone'));
    expect(await disposeWithin(failing, 5_000, (err) => errors.push(err))).toBe('failed');
    expect(errors).toEqual([new Error('disk gone')]);
  });
});
