/** What the Keys view says about an account (renderer/src/views/keys/account-text.ts). */
import { describe, expect, it } from 'vitest';
import type { PermissionReport } from '../../shared/domain/keys';
import type { AccountView } from '../../shared/ipc/channels/accounts';
import {
  enabledText,
  keysSummary,
  passphraseLabel,
  permissionChip,
  rotationText,
  verdict,
} from '../../renderer/src/views/keys/account-text';

/** A permission report with only what the chip reads: its status and the two capabilities. */
function permission(status: PermissionReport['status'], over: Partial<PermissionReport> = {}): PermissionReport {
  return { status, canTrade: status === 'trade', canWithdraw: status === 'withdraw', ...over } as PermissionReport;
}

/** An active read-only account, 10 days into a 90-day rotation; only the fields these texts read. */
function account(over: Partial<AccountView> = {}): AccountView {
  const base = { status: 'active', permission: permission('read-only'), tradeAccepted: false };
  return { ...base, keyAgeDays: 10, rotationDays: 90, rotationDue: false, ...over } as AccountView;
}

describe('permissionChip', () => {
  it('shows a read-only key as fine', () => {
    expect(permissionChip(account())).toEqual({
      className: 'tag ok key-chip',
      title: 'The exchange confirmed this key can only read',
      text: '✓ Read-only',
    });
  });

  it('makes withdraw and trade stand out, withdraw first, and says when trading was accepted', () => {
    expect(permissionChip(account({ permission: permission('trade', { canWithdraw: true }) })).text).toBe(
      '⛔ Withdraw enabled',
    );
    const trade = permissionChip(account({ permission: permission('trade'), tradeAccepted: true }));
    expect(trade).toMatchObject({ className: 'tag crit key-chip strong', text: '⚠ Can trade (accepted)' });
    expect(permissionChip(account({ permission: permission('read-only', { canTrade: true }) })).text).toBe(
      '⚠ Can trade',
    );
  });

  it('flags keys never checked or not confirmed, and plainly marks revoked ones', () => {
    expect(permissionChip(account({ permission: null }))).toEqual({
      className: 'tag warn key-chip',
      text: 'Unverified',
    });
    expect(permissionChip(account({ permission: permission('unverified') })).text).toBe('? Unverified');
    expect(permissionChip(account({ status: 'revoked', permission: permission('withdraw') }))).toEqual({
      className: 'tag key-chip revoked',
      text: 'Revoked',
    });
  });
});

describe('account texts', () => {
  it('gives the verdict of the last check', () => {
    expect(verdict(account())).toBe('verified read-only');
    expect(verdict(account({ permission: permission('trade') }))).toBe('can place orders (accepted)');
    expect(verdict(account({ permission: null }))).toMatch(/could not be verified/);
  });

  it('counts down to the next rotation, or says it is due', () => {
    expect(rotationText(account({ keyAgeDays: 89 }))).toBe('rotate in 1 day');
    expect(rotationText(account({ keyAgeDays: 10 }))).toBe('rotate in 80 days');
    expect(rotationText(account({ keyAgeDays: 95, rotationDue: true }))).toBe('rotation due (every 90 days)');
  });

  it('confirms enable and disable from the returned account', () => {
    expect(enabledText(account())).toMatch(/^Enabled/);
    expect(enabledText(account({ status: 'disabled' }))).toBe('Disabled: not synced.');
  });

  it('labels the rotate passphrase by what is known of the exchange', () => {
    expect(passphraseLabel(true)).toBe('Passphrase');
    expect(passphraseLabel(null)).toBe('Passphrase (if the exchange gave you one)');
  });
});

describe('keysSummary', () => {
  const ok = { ok: true, message: 'Keys are in GNOME Keyring.' };

  it('counts active and revoked keys and adds the keychain when it works', () => {
    const list = [account(), account({ id: 'b', status: 'disabled' }), account({ id: 'c', status: 'revoked' })];
    expect(keysSummary(list, ok)).toBe('2 active keys, 1 revoked · Keys are in GNOME Keyring.');
    expect(keysSummary([account()], undefined)).toBe('1 active key');
  });

  it('leaves out what is empty', () => {
    expect(keysSummary([], ok)).toBe('Keys are in GNOME Keyring.');
    expect(keysSummary([], { ok: false, message: 'No keychain.' })).toBe('');
  });
});
