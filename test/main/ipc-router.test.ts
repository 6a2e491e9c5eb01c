import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/ipc/contract';
import { AppError } from '../../electron/services/errors';
import { createRouter, type Handlers } from '../../electron/services/ipc-router';

function handlersWith(overrides: Partial<Handlers>): Handlers {
  const base = Object.fromEntries(CHANNELS.map((c) => [c, () => ({ channel: c })])) as unknown as Handlers;
  return { ...base, ...overrides };
}

describe('IPC router', () => {
  it('refuses channels outside the contract', async () => {
    const route = createRouter(handlersWith({}));
    for (const bad of ['nope', 'constructor', '__proto__', 'toString', 42, null]) {
      const res = await route(bad, undefined);
      expect(res).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
  });

  it('validates payloads before the handler runs and lists the problems', async () => {
    let ran = false;
    const route = createRouter(
      handlersWith({
        'settings:update': () => {
          ran = true;
          throw new Error('should not run');
        },
      }),
    );
    const res = await route('settings:update', { dustThreshold: 'a lot', unknownKey: 1 });
    expect(ran).toBe(false);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('bad-request');
      expect(res.error.details?.join('\n')).toMatch(/dustThreshold/);
    }
  });

  it('refuses objects that are not plain data, which a strict schema would read as an empty request', async () => {
    const received: unknown[] = [];
    const route = createRouter(handlersWith({ 'rules:reset': (req) => (received.push(req), []) }));
    for (const payload of [new Date(), new Map(), new Set(), /x/, new Error('e')]) {
      expect(await route('rules:reset', payload)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(received).toEqual([]);
    expect(await route('rules:reset', JSON.parse('{}'))).toMatchObject({ ok: true });
    expect(await route('rules:reset', Object.assign(Object.create(null), { ruleId: 'x' }))).toMatchObject({ ok: true });
    expect(received).toHaveLength(2);
  });

  it('keeps error details short even when the request is huge', async () => {
    const route = createRouter(handlersWith({}));
    const res = await route('settings:update', { ['k'.repeat(100_000)]: 1 });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(JSON.stringify(res.error).length).toBeLessThan(3000);
  });

  it('passes AppErrors through as {code, message} and hides unexpected errors', async () => {
    const seen: unknown[] = [];
    const route = createRouter(
      handlersWith({
        'settings:reset': () => {
          throw new AppError('keychain-unavailable', 'The keychain is locked.');
        },
        'settings:get': () => {
          throw new Error('ENOENT /home/user/secret/path at foo.js:1');
        },
      }),
      { onUnexpected: (_c, e) => seen.push(e) },
    );
    expect(await route('settings:reset', undefined)).toEqual({
      ok: false,
      error: { code: 'keychain-unavailable', message: 'The keychain is locked.' },
    });
    const hidden = await route('settings:get', undefined);
    expect(hidden).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong while handling this request.' },
    });
    expect(seen).toHaveLength(1);
  });

  it('scrubs known secrets from error messages', async () => {
    const route = createRouter(
      handlersWith({
        'settings:reset': () => {
          throw new AppError('auth', 'Key sk-LIVE-123 was rejected');
        },
      }),
      { scrub: (t) => t.replaceAll('sk-LIVE-123', '[redacted]') },
    );
    const res = await route('settings:reset', undefined);
    expect(JSON.stringify(res)).not.toContain('sk-LIVE-123');
    expect(JSON.stringify(res)).toContain('[redacted]');
  });

  it('returns handler data on success', async () => {
    const route = createRouter(handlersWith({ 'app:dismissNotice': ({ id }) => ({ dismissed: id === 'x' }) }));
    expect(await route('app:dismissNotice', { id: 'x' })).toEqual({ ok: true, data: { dismissed: true } });
  });
});
