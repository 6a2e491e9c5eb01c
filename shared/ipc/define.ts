/**
 * Building blocks of the typed IPC contract. A channel pairs a zod schema for its request (validated in
 * main before any handler runs) with a response type (a phantom type: main produces it, the renderer
 * consumes it).
 */
import { z } from 'zod';
import type { ErrorCode } from '../errors';

export interface ChannelDef<Req extends z.ZodType, Res> {
  readonly request: Req;
  /** Phantom field carrying the response type; never set at run time. */
  readonly _res?: Res;
}

/** Requests that carry nothing. */
export const NoArgs = z.undefined();

/** An account id as the app creates it (UUID); in the requests of the accounts and activity channels. */
export const AccountIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'not a valid account id');

/** Declare a channel: `channel<ResponseType>()(requestSchema)`. */
export function channel<Res>() {
  return <Req extends z.ZodType>(request: Req): ChannelDef<Req, Res> => ({ request });
}

/**
 * Whether a request holds plain data only: primitives, arrays and plain objects, which is all the
 * renderer's `call` sends. Class instances (Date, Map, Set, RegExp, Error...) are refused before the
 * schema runs, since a strict object schema would read them as an empty object.
 */
export function isPlainData(value: unknown): boolean {
  const pending: unknown[] = [value];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const v = pending.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const item of v) pending.push(item);
      continue;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    for (const key of Object.keys(v)) pending.push((v as Record<string, unknown>)[key]);
  }
  return true;
}

/** Error as it crosses IPC: a code the UI can branch on and a message safe to show. No stack, no secrets. */
export interface IpcError {
  code: ErrorCode;
  message: string;
  /** Field-level problems for validation errors ("path: problem"). */
  details?: string[];
}

export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError };
