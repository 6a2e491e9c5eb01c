/**
 * Quitting: the Electron shell (electron/main/index.ts) holds the quit until the services have written
 * what they keep in memory (the activity log's pending lines and its checkpoint in the keychain, which
 * docs/SECURITY.md counts on), but never longer than a time limit, so a keychain or disk that hangs
 * cannot keep the app from quitting. Plain Node, tested in test/main/quit.test.ts.
 */

/** The longest the app waits at quit for the services to write what they hold. */
export const QUIT_FLUSH_TIMEOUT_MS = 5_000;

/** How disposing went: finished, failed (`onError` is told why), or still running when time was up. */
export type DisposeOutcome = 'done' | 'failed' | 'timed-out';

/** Runs `dispose` and answers once it settles or `ms` have passed, whichever comes first. */
export async function disposeWithin(
  dispose: () => Promise<void>,
  ms: number,
  onError: (err: unknown) => void = () => undefined,
): Promise<DisposeOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<DisposeOutcome>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), ms);
  });
  const settled = dispose().then(
    (): DisposeOutcome => 'done',
    (err: unknown): DisposeOutcome => {
      onError(err);
      return 'failed';
    },
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}
