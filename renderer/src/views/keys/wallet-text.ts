/**
 * Wording of the watch-only wallets panel, without React: a wallet's status line, where it is read, and
 * the tokens it lists. Pure; used by WalletCard and tested in test/unit/keys-view-wallets.test.ts.
 */
import { NETWORK_LABELS, SCRIPT_LABELS, type WalletTokenView, type WalletView } from '../../../../shared/wallets/types';

/** "synced", "stale", "not synced yet": the chip of a wallet. */
export function walletChip(w: WalletView): { text: string; level: 'ok' | 'crit' | 'info' } {
  if (w.lastError) return { text: 'stale', level: 'crit' };
  if (w.lastSuccessAt === null) return { text: 'not synced yet', level: 'info' };
  return { text: 'up to date', level: 'ok' };
}

/** What was added: the address (with its ENS name), or the extended key's short form and script. */
export function walletSource(w: WalletView): string {
  if (w.extendedKey) return `${w.extendedKey.shortForm} · ${SCRIPT_LABELS[w.extendedKey.script]}`;
  return w.ensName ? `${w.ensName} (${w.address ?? ''})` : (w.address ?? '');
}

/** "Ethereum, Base" */
export function networksText(w: WalletView): string {
  return w.networks.map((n) => NETWORK_LABELS[n]).join(', ');
}

/** The tokens shown: hidden ones only when asked for; largest amounts first within a network. */
export function visibleTokens(tokens: readonly WalletTokenView[], showHidden: boolean): WalletTokenView[] {
  return tokens.filter((t) => showHidden || !t.hidden);
}

/** "1.5 USDC on Ethereum", "4.2 SPL Cs8KY3…Xh (unpriced)". */
export function tokenText(t: WalletTokenView, amount: (n: number) => string): string {
  const name = t.asset ?? t.name;
  const tags = [t.asset === null ? 'not in the catalog, unpriced' : null, t.hidden ? 'hidden: probable spam' : null]
    .filter(Boolean)
    .join('; ');
  return `${amount(t.amount)} ${name} on ${NETWORK_LABELS[t.network]}${tags ? ` (${tags})` : ''}`;
}
