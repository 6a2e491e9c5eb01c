/**
 * The add and rotate forms' request flow, without React: the credentials a form sends, what a
 * failed call becomes (`failure`), the state shown after it, and the headline of each refusal.
 *
 * Codes are the closed list of shared/errors.ts, so a misspelt code here fails to compile. Pure (no
 * React, no DOM). Used by useKeySubmit and SubmitFeedback; tested by
 * test/unit/keys-view-submit.test.ts.
 */
import { isErrorCode, type ErrorCode } from '../../../../shared/errors';

/** What a form sends once; the inputs are cleared as soon as it is built. */
export interface Credentials {
  apiKey: string;
  secret: string;
  /** Left out when the user typed none. */
  password?: string;
}

export interface KeyFailure {
  code: ErrorCode;
  message: string;
}

export type SubmitState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'needs-accept'; message: string }
  | ({ kind: 'error' } & KeyFailure)
  | { kind: 'done' };

/** A bold first sentence for the refusals the user can act on; other codes show their message only. */
export const ERROR_HEADLINES: Readonly<Partial<Record<ErrorCode, string>>> = {
  'key-withdraw-enabled': 'This key can withdraw funds, so it was refused.',
  auth: 'The exchange rejected this key.',
  'keychain-unavailable': 'The system keychain is not available.',
  'key-duplicate': 'This key is already added.',
  'key-unchanged': 'This is the key already in use.',
  'bad-request': 'Some fields are not valid.',
};

/**
 * A failed call as the forms show it: the code an ApiError carries (renderer/src/lib/api.ts), or
 * 'internal' for anything else, and the error's text as `describe` (errorText) words it.
 */
export function failure(err: unknown, describe: (err: unknown) => string): KeyFailure {
  const code = err instanceof Error && 'code' in err && isErrorCode(err.code) ? err.code : 'internal';
  return { code, message: describe(err) };
}

/**
 * After a failure: a key that can trade asks for explicit acceptance (once; a failure of the
 * accepted retry is an error like any other).
 */
export function afterFailure(f: KeyFailure, acceptTrade: boolean): SubmitState {
  if (f.code === 'key-trade-needs-acceptance' && !acceptTrade) return { kind: 'needs-accept', message: f.message };
  return { kind: 'error', ...f };
}

/**
 * Whether a refusal gives the typed key back to the form for the user to correct (a rejected key is
 * most often one wrong character; an exchange or keychain that did not answer needs only a retry).
 * A key that can withdraw, one already added, or one waiting for "add it anyway" is not given back.
 */
export function keepsTyped(f: KeyFailure): boolean {
  return !(['key-withdraw-enabled', 'key-duplicate', 'key-trade-needs-acceptance'] as ErrorCode[]).includes(f.code);
}

/** The credentials to send; a blank passphrase, or one the exchange does not take, is left out. */
export function credentials(
  typed: { apiKey: string; secret: string; password: string },
  takesPassphrase: boolean,
): Credentials {
  const { apiKey, secret, password } = typed;
  return { apiKey, secret, ...(takesPassphrase && password.trim() ? { password } : {}) };
}

/** The label of a new account: what the user typed, or else the exchange's name. */
export function accountLabel(typed: string, exchangeName: string): string {
  return typed.trim() || exchangeName;
}
