/**
 * The shared retry rules (electron/services/net/retry-after.ts): reading Retry-After, and deciding
 * after a failed attempt whether to retry, wait or give up.
 */
import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  decideRetry,
  DEFAULT_BAN_MS,
  DEFAULT_RETRY,
  isTransientStatus,
  MAX_INLINE_WAIT_MS,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  type RetryPolicy,
} from '../../electron/services/net/retry-after';

const NOW = Date.parse('2030-03-04T14:00:00Z');
const POLICY: RetryPolicy = { attempts: 3, baseMs: 500, capMs: 5_000 };

describe('parseRetryAfter', () => {
  it('reads a delay in seconds', () => {
    expect(parseRetryAfter('30', NOW)).toBe(30_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP date against now; a date in the past is no wait', () => {
    expect(parseRetryAfter('Mon, 04 Mar 2030 14:02:30 GMT', NOW)).toBe(150_000);
    expect(parseRetryAfter('Mon, 04 Mar 2030 13:00:00 GMT', NOW)).toBe(0);
  });

  it('caps long waits at 10 minutes, or at the cap given', () => {
    expect(parseRetryAfter('86400', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(MAX_RETRY_AFTER_MS).toBe(600_000);
    expect(parseRetryAfter('Tue, 05 Mar 2030 14:00:00 GMT', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('120', NOW, 60_000)).toBe(60_000);
  });

  it('returns null for absent or unreadable values', () => {
    for (const v of [undefined, null, '', '   ', '-5', '1.5', 'soon', '30s', 'NaN', '1e3']) {
      expect(parseRetryAfter(v, NOW), String(v)).toBeNull();
    }
  });
});

describe('decideRetry', () => {
  it('never retries a 418 (IP ban): waits for the Retry-After, or a default ban time', () => {
    expect(decideRetry({ status: 418, retryAfterMs: 5_000, attempt: 1, now: NOW }, POLICY)).toEqual({
      action: 'wait',
      until: NOW + 5_000,
      reason: 'ban',
    });
    expect(decideRetry({ status: 418, attempt: 1, now: NOW }, POLICY)).toEqual({
      action: 'wait',
      until: NOW + DEFAULT_BAN_MS,
      reason: 'ban',
    });
  });

  it('waits out a short Retry-After within the run, exactly as long as asked', () => {
    expect(decideRetry({ status: 429, retryAfterMs: 30_000, attempt: 1, now: NOW }, POLICY)).toEqual({
      action: 'retry',
      delayMs: 30_000,
    });
    expect(decideRetry({ status: 429, retryAfterMs: MAX_INLINE_WAIT_MS, attempt: 2, now: NOW }, POLICY)).toEqual({
      action: 'retry',
      delayMs: MAX_INLINE_WAIT_MS,
    });
  });

  it('ends the run on a long Retry-After, or when no attempt is left, and says until when', () => {
    expect(decideRetry({ status: 429, retryAfterMs: 90_000, attempt: 1, now: NOW }, POLICY)).toEqual({
      action: 'wait',
      until: NOW + 90_000,
      reason: 'rate-limit',
    });
    expect(decideRetry({ status: 429, retryAfterMs: 30_000, attempt: 3, now: NOW }, POLICY)).toEqual({
      action: 'wait',
      until: NOW + 30_000,
      reason: 'rate-limit',
    });
  });

  it('backs off exponentially on temporary failures without Retry-After, then gives up', () => {
    const random = () => 0.5;
    const first = decideRetry({ status: 503, attempt: 1, now: NOW }, POLICY, random);
    const second = decideRetry({ status: null, attempt: 2, now: NOW }, POLICY, random);
    expect(first).toEqual({ action: 'retry', delayMs: backoffDelay(1, POLICY, random) });
    expect(second).toEqual({ action: 'retry', delayMs: backoffDelay(2, POLICY, random) });
    expect(decideRetry({ status: 503, attempt: 3, now: NOW }, POLICY)).toEqual({ action: 'give-up' });
  });

  it('gives up at once on failures that are not temporary, even with a Retry-After', () => {
    for (const status of [400, 401, 403, 404]) {
      expect(decideRetry({ status, attempt: 1, now: NOW, retryAfterMs: 1_000 }, POLICY)).toEqual({
        action: 'give-up',
      });
    }
    expect(decideRetry({ status: 200, attempt: 1, now: NOW, transient: false }, POLICY)).toEqual({
      action: 'give-up',
    });
  });

  it('lets the caller say a failure is temporary when its status does not (a 200 with an unreadable body)', () => {
    expect(decideRetry({ status: 200, attempt: 1, now: NOW, transient: true }, POLICY, () => 0)).toEqual({
      action: 'retry',
      delayMs: backoffDelay(1, POLICY, () => 0),
    });
  });

  it('treats no answer, 408, 425, 429 and 5xx as temporary', () => {
    expect([null, 408, 425, 429, 500, 502, 503, 599].every(isTransientStatus)).toBe(true);
    expect([200, 301, 400, 401, 403, 404, 418].some(isTransientStatus)).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('stays within half and all of min(cap, base * 2^(attempt-1))', () => {
    for (let attempt = 1; attempt <= 6; attempt++) {
      const ceiling = Math.min(DEFAULT_RETRY.capMs, DEFAULT_RETRY.baseMs * 2 ** (attempt - 1));
      expect(backoffDelay(attempt, DEFAULT_RETRY, () => 0)).toBe(ceiling / 2);
      expect(backoffDelay(attempt, DEFAULT_RETRY, () => 1)).toBe(ceiling);
    }
  });
});
