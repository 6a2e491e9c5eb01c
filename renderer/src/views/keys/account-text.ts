/**
 * What the Keys view says about an account: its permission chip, the verdict after a check, the
 * rotation reminder, the enable/disable confirmation and the summary above the list.
 *
 * Pure (no React, no DOM). Used by AccountCard, PermissionChip, AddAccount and KeysView; tested by
 * test/unit/keys-view-account-text.test.ts.
 */
import type { AccountView } from '../../../../shared/ipc/channels/accounts';
import type { KeychainStatus } from '../../../../shared/ipc/channels/keychain';
import { plural } from '../../lib/format';

export interface Chip {
  className: string;
  /** Tooltip; none for the plain states. */
  title?: string;
  text: string;
}

/** The permission chip of a key: read-only is fine, trade and unverified stand out. */
export function permissionChip(account: AccountView): Chip {
  const p = account.permission;
  if (account.status === 'revoked') return { className: 'tag key-chip revoked', text: 'Revoked' };
  if (!p) return { className: 'tag warn key-chip', text: 'Unverified' };
  if (p.status === 'withdraw' || p.canWithdraw) {
    return { className: 'tag crit key-chip strong', title: 'This key can withdraw funds', text: '⛔ Withdraw enabled' };
  }
  if (p.status === 'trade' || p.canTrade) {
    return {
      className: 'tag crit key-chip strong',
      title: 'This key can place orders',
      text: `⚠ Can trade${account.tradeAccepted ? ' (accepted)' : ''}`,
    };
  }
  if (p.status === 'unverified') {
    return {
      className: 'tag warn key-chip',
      title: 'The exchange did not confirm what this key may do',
      text: '? Unverified',
    };
  }
  return { className: 'tag ok key-chip', title: 'The exchange confirmed this key can only read', text: '✓ Read-only' };
}

/** What the last check found, for "Added …: <verdict>" and "Checked with …: <verdict>". */
export function verdict(a: AccountView): string {
  const p = a.permission?.status;
  if (p === 'read-only') return 'verified read-only';
  if (p === 'trade') return 'can place orders (accepted)';
  return 'permissions could not be verified: make sure it is read-only';
}

export function rotationText(a: AccountView): string {
  return a.rotationDue
    ? `rotation due (every ${a.rotationDays} days)`
    : `rotate in ${plural(a.rotationDays - a.keyAgeDays, 'day')}`;
}

/** After Enable or Disable, from the account as main returned it. */
export function enabledText(a: AccountView): string {
  return a.status === 'active' ? 'Enabled: this account is synced again.' : 'Disabled: not synced.';
}

/** The rotate form's passphrase label; null (unknown exchange) means it may have one. */
export function passphraseLabel(requiresPassword: boolean | null): string {
  return requiresPassword ? 'Passphrase' : 'Passphrase (if the exchange gave you one)';
}

/** "2 active keys, 1 revoked · <keychain message>", leaving out what is empty. */
export function keysSummary(accounts: readonly AccountView[], keychain: KeychainStatus | undefined): string {
  const live = accounts.filter((a) => a.status !== 'revoked').length;
  const revoked = accounts.length - live;
  const keys = accounts.length === 0 ? '' : `${plural(live, 'active key')}${revoked > 0 ? `, ${revoked} revoked` : ''}`;
  return [keys, keychain?.ok ? keychain.message : ''].filter(Boolean).join(' · ');
}
