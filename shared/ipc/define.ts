/**
 * Building blocks of the typed IPC contract. A channel pairs a zod schema for its request (validated in
 * main before any handler runs) with a response type (a phantom type: main produces it, the renderer
 * consumes it).
 */
import type { z } from 'zod';
import type { ErrorCode } from '../errors';

export interface ChannelDef<Req extends z.ZodType, Res> {
  readonly request: Req;
  /** Phantom field carrying the response type; never set at run time. */
  readonly _res?: Res;
}

/** Declare a channel: `channel<ResponseType>()(requestSchema)`. */
export function channel<Res>() {
  return <Req extends z.ZodType>(request: Req): ChannelDef<Req, Res> => ({ request });
}

/** Error as it crosses IPC: a code the UI can branch on and a message safe to show. No stack, no secrets. */
export interface IpcError {
  code: ErrorCode;
  message: string;
  /** Field-level problems for validation errors ("path: problem"). */
  details?: string[];
}

export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError };
