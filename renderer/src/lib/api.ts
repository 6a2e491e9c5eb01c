/**
 * The renderer's only door to main: the typed API the preload exposes as `window.ballast`.
 * `call` unwraps the IPC result and throws an `ApiError` carrying the error's code and message.
 */
import type { BallastApi, Channel, EventMap, EventName, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { ErrorCode } from '../../../shared/errors';
import type { IpcError } from '../../../shared/ipc/define';

declare global {
  interface Window {
    ballast?: BallastApi;
  }
}

export class ApiError extends Error {
  /** From the closed list in shared/errors.ts, the same codes main's AppError uses. */
  readonly code: ErrorCode;
  readonly details: string[];
  constructor(error: IpcError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.details = error.details ?? [];
  }
}

function bridge(): BallastApi {
  const api = window.ballast;
  if (!api) throw new ApiError({ code: 'no-bridge', message: 'The app bridge is not available.' });
  return api;
}

export async function call<C extends Channel>(
  channel: C,
  ...request: RequestOf<C> extends undefined ? [] : [RequestOf<C>]
): Promise<ResponseOf<C>> {
  const fn = bridge()[channel] as (
    req: unknown,
  ) => Promise<{ ok: true; data: ResponseOf<C> } | { ok: false; error: IpcError }>;
  const result = await fn(request[0]);
  if (!result.ok) throw new ApiError(result.error);
  return result.data;
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
  return bridge().on(event, listener);
}

export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.details.length ? `${err.message} (${err.details.join('; ')})` : err.message;
  if (err instanceof Error) return err.message;
  return 'Unexpected error';
}
