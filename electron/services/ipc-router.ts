/**
 * The main-process side of the IPC contract, independent of Electron so it runs under plain Node.
 *
 * `createRouter(handlers)` returns one function `(channel, payload) => IpcResult` that:
 * - refuses channels that are not in the contract;
 * - validates the payload (plain data only, then the channel's zod schema; see parseRequest in the
 *   contract): a bad payload gets a `bad-request` error;
 * - runs the handler and turns every thrown error into a plain `{ code, message }` with no stack trace;
 *   messages of unexpected errors are replaced by a generic one, and known secrets are scrubbed.
 * electron/main/ipc.ts binds it to ipcMain; the E2E harness binds it to Playwright's exposeFunction.
 */
import {
  isChannel,
  parseRequest,
  type Channel,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../shared/ipc/contract';
import type { IpcError, IpcResult } from '../../shared/ipc/define';
import { isAppError } from './errors';
import { fileWriteError } from './files/write-errors';

export type Handler<C extends Channel> = (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
export type Handlers = { [C in Channel]: Handler<C> };

export interface RouterOptions {
  /** Removes known secrets from any text leaving main. */
  scrub?: (text: string) => string;
  /** Called with unexpected errors (for the local diagnostics log); never sent to the renderer. */
  onUnexpected?: (channel: string, err: unknown) => void;
}

export type Router = (channel: unknown, payload: unknown) => Promise<IpcResult<unknown>>;

const MAX_DETAILS = 10;
/** Details echo parts of the request (e.g. unknown key names): keep them short. */
const MAX_DETAIL_LENGTH = 200;

function clip(text: string): string {
  return text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH)}…` : text;
}

export function createRouter(handlers: Handlers, opts: RouterOptions = {}): Router {
  const scrub = opts.scrub ?? ((s: string) => s);
  const fail = (error: IpcError): IpcResult<never> => ({
    ok: false,
    error: {
      code: error.code,
      message: scrub(error.message),
      ...(error.details ? { details: error.details.slice(0, MAX_DETAILS).map((d) => clip(scrub(d))) } : {}),
    },
  });

  return async (channel, payload) => {
    if (!isChannel(channel)) {
      return fail({ code: 'unknown-channel', message: 'This request is not part of the app.' });
    }
    const parsed = parseRequest(channel, payload);
    if (!parsed.ok) {
      return fail({ code: 'bad-request', message: 'The request was not valid.', details: parsed.details });
    }
    try {
      const handler = handlers[channel] as (req: unknown) => unknown;
      const data = await handler(parsed.data);
      return { ok: true, data };
    } catch (err) {
      if (isAppError(err)) {
        return fail({ code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) });
      }
      const written = fileWriteError(err);
      if (written) return fail({ code: written.code, message: written.message });
      opts.onUnexpected?.(channel, err);
      return fail({ code: 'internal', message: 'Something went wrong while handling this request.' });
    }
  };
}
