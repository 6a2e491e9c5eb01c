/**
 * Errors that may be shown to the user. `code` is stable for the UI to branch on; `message` is plain
 * language and must never contain a secret, a signed URL or a stack trace.
 */
export class AppError extends Error {
  readonly code: string;
  readonly details?: string[];
  constructor(code: string, message: string, details?: string[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (details) this.details = details;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
