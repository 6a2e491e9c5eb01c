/** The activity log check in plain words (renderer/src/views/keys/chain-words.ts). */
import { describe, expect, it } from 'vitest';
import { chainWords } from '../../renderer/src/views/keys/chain-words';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('chainWords', () => {
  it('calls a signed, complete log intact and says what protects it', () => {
    const w = chainWords({ ok: true, entries: 12, signing: { state: 'signed' } }, day);
    expect(w).toMatchObject({ tone: 'ok', title: 'Log intact' });
    expect(w.detail).toMatch(/^12 entries checked; each is chained to the one before and signed/);
    expect(w.detail).toMatch(/system keychain/);
  });

  it('says when entries written before signing started are only chained', () => {
    const at = Date.UTC(2026, 4, 2);
    const w = chainWords(
      { ok: true, entries: 9, signing: { state: 'signed', unsignedBefore: { entries: 4, at } } },
      day,
    );
    expect(w.tone).toBe('ok');
    expect(w.detail).toContain('the 4 entries written before 2026-05-02 are not signed');
  });

  it('says a log without keychain is only hash-chained', () => {
    const w = chainWords({ ok: true, entries: 1, signing: { state: 'unavailable' } }, day);
    expect(w.tone).toBe('ok');
    expect(w.detail).toMatch(/^1 entry checked; .*not signed: the system keychain is not available/);
  });

  it('does not call a log intact when part of it could not be checked', () => {
    const w = chainWords(
      { ok: true, entries: 5, warning: 'Entry 5 is not signed.', signing: { state: 'signed' } },
      day,
    );
    expect(w).toEqual({
      tone: 'warn',
      title: 'Log not fully checked',
      detail: '5 entries checked. Entry 5 is not signed.',
    });
  });

  it('names the entry where the log was altered and why', () => {
    const w = chainWords(
      { ok: false, brokenAt: 7, reason: 'entries 7 to 12 are missing from the end of the log' },
      day,
    );
    expect(w.tone).toBe('crit');
    expect(w.title).toBe('Log altered at entry 7');
    expect(w.detail).toMatch(/^Entries 7 to 12 are missing from the end of the log\./);
  });
});
