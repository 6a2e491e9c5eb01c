/** The add and rotate forms' request flow (renderer/src/views/keys/key-submit.ts). */
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../shared/errors';
import { listOf } from '../../shared/text';
import {
  accountLabel,
  afterFailure,
  credentials,
  ERROR_HEADLINES,
  failure,
  keepsTyped,
} from '../../renderer/src/views/keys/key-submit';

/** What `call()` throws: an Error carrying a code from shared/errors.ts (an ApiError). */
function apiError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'ApiError', code, details: [] as string[] });
}
const text = (err: unknown) => (err instanceof Error ? `text of ${err.message}` : 'Unexpected error');

describe('failure', () => {
  it('keeps the code of an error from main and words it with the given text', () => {
    expect(failure(apiError('key-withdraw-enabled', 'Refused.'), text)).toEqual({
      code: 'key-withdraw-enabled',
      message: 'text of Refused.',
    });
  });

  it('turns anything else into internal', () => {
    expect(failure(new Error('boom'), text)).toEqual({ code: 'internal', message: 'text of boom' });
    expect(failure(apiError('not-a-code', 'odd'), text).code).toBe('internal');
    expect(failure('a string', text)).toEqual({ code: 'internal', message: 'Unexpected error' });
    expect(failure({ code: 'auth', message: 'not an Error' }, text).code).toBe('internal');
  });
});

describe('afterFailure', () => {
  it('asks to accept a trading key once, then reports a failure of the accepted retry', () => {
    const f = { code: 'key-trade-needs-acceptance' as const, message: 'This key can trade.' };
    expect(afterFailure(f, false)).toEqual({ kind: 'needs-accept', message: 'This key can trade.' });
    expect(afterFailure(f, true)).toEqual({ kind: 'error', ...f });
  });

  it('reports any other failure as an error with its code', () => {
    expect(afterFailure({ code: 'auth', message: 'Rejected.' }, false)).toEqual({
      kind: 'error',
      code: 'auth',
      message: 'Rejected.',
    });
  });
});

describe('ERROR_HEADLINES', () => {
  it('only uses codes of the closed list', () => {
    const known = new Set<string>(ERROR_CODES);
    for (const code of Object.keys(ERROR_HEADLINES)) expect(known.has(code), code).toBe(true);
  });

  it('heads the refusals the user can act on', () => {
    const codes: ErrorCode[] = ['key-withdraw-enabled', 'auth', 'keychain-unavailable', 'key-duplicate'];
    for (const code of codes) expect(ERROR_HEADLINES[code]).toMatch(/\.$/);
    expect(ERROR_HEADLINES['key-withdraw-enabled']).toContain('can withdraw funds');
    expect(ERROR_HEADLINES.internal).toBeUndefined();
  });
});

describe('keepsTyped', () => {
  it('gives a rejected or unanswered key back to the form, never one that can withdraw', () => {
    const f = (code: ErrorCode) => ({ code, message: '' });
    for (const code of ['auth', 'network', 'timeout', 'keychain-unavailable'] as ErrorCode[]) {
      expect(keepsTyped(f(code))).toBe(true);
    }
    for (const code of ['key-withdraw-enabled', 'key-duplicate', 'key-trade-needs-acceptance'] as ErrorCode[]) {
      expect(keepsTyped(f(code))).toBe(false);
    }
  });
});

describe('listOf', () => {
  it('writes a list as a sentence does', () => {
    expect(listOf(['API key'])).toBe('API key');
    expect(listOf(['API key', 'secret'])).toBe('API key and secret');
    expect(listOf(['API key', 'secret', 'passphrase'])).toBe('API key, secret, and passphrase');
  });
});

describe('credentials', () => {
  const typed = { apiKey: 'k', secret: 's', password: 'p' };

  it('sends the passphrase only where the exchange takes one and the user typed one', () => {
    expect(credentials(typed, true)).toEqual({ apiKey: 'k', secret: 's', password: 'p' });
    expect(credentials(typed, false)).toEqual({ apiKey: 'k', secret: 's' });
    expect(credentials({ ...typed, password: '   ' }, true)).toEqual({ apiKey: 'k', secret: 's' });
  });

  it('names a new account after the exchange when no name is typed', () => {
    expect(accountLabel('  Main  ', 'Binance')).toBe('Main');
    expect(accountLabel('   ', 'Binance')).toBe('Binance');
  });
});
