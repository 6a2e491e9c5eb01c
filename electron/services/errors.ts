/**
 * Errors that may be shown to the user. `code` comes from the closed list in shared/errors.ts, so the
 * renderer can branch on it; `message` is plain language and must never contain a secret, a signed URL or a
 * stack trace.
 */
import type { ErrorCode } from '../../shared/errors';

export type { ErrorCode } from '../../shared/errors';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: string[];
  constructor(code: ErrorCode, message: string, details?: string[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (details) this.details = details;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
