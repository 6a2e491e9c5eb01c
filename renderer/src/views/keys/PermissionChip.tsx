/** The permission chip of a key (read-only, can trade, withdraw enabled, unverified, revoked). */
import type { AccountView } from '../../../../shared/ipc/channels/accounts';
import { permissionChip } from './account-text';

export function PermissionChip({ account }: { account: AccountView }) {
  const chip = permissionChip(account);
  return (
    <span className={chip.className} title={chip.title}>
      {chip.text}
    </span>
  );
}
