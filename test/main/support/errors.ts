/**
 * Reading the code of an error the way the app's callers see it: from a thrown AppError (`codeOf`,
 * `failure`) or from an IPC answer (`IpcFailure`, thrown by TestApp.call).
 */
import { expect } from 'vitest';
import { AppError } from '../../../electron/services/errors';
import type { IpcError } from '../../../shared/ipc/define';

/** An IPC call that answered with an error. */
export class IpcFailure extends Error {
  constructor(
    readonly channel: string,
    readonly error: IpcError,
  ) {
    super(`${channel} failed: ${error.code} ${error.message}${error.details ? ` (${error.details.join('; ')})` : ''}`);
  }
}

/** The code of the AppError `fn` throws; null when it does not throw, 'not-app-error' for other errors. */
export function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof AppError ? err.code : 'not-app-error';
  }
}

/** The AppError a promise rejects with (the test fails when it resolves or rejects with anything else). */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}
