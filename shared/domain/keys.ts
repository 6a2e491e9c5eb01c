/**
 * Exchange account and API-key metadata. Secrets never appear in these types:
 * they live only in the OS keychain, inside the main process.
 */

/** What the exchange says a key may do. */
export type PermissionStatus =
  /** Verified: the key can only read. */
  | 'read-only'
  /** Verified: the key can place/cancel orders (flagged; the user must accept explicitly). */
  | 'trade'
  /** Verified: the key can withdraw (refused, never stored). */
  | 'withdraw'
  /** The exchange offers no way to check, or the check failed: treat with care. */
  | 'unverified';

/** Result of asking an exchange what a key may do. */
export interface PermissionReport {
  status: PermissionStatus;
  canRead: boolean;
  canTrade: boolean;
  canWithdraw: boolean;
  /** Raw permission names the exchange reported (e.g. ["read_only", "trade"]), for display. */
  granted: string[];
  /** Whether the key is restricted to an IP allow-list, when the exchange tells us. */
  ipRestricted: boolean | null;
  /** The exchange's own advice for a safe key (read-only permission, IP allow-list...). */
  guidance: string;
  checkedAt: number;
}

export type AccountStatus = 'active' | 'disabled' | 'revoked';

/** Metadata of one exchange account and its key, safe to send to the renderer. */
export interface AccountMeta {
  id: string;
  label: string;
  /** ccxt exchange id, e.g. "binance". */
  exchange: string;
  status: AccountStatus;
  createdAt: number;
  /** When the current secret was stored (creation or last rotation). */
  keyCreatedAt: number;
  rotatedAt: number | null;
  lastUsedAt: number | null;
  lastVerifiedAt: number | null;
  permission: PermissionReport | null;
  /** The user explicitly accepted a trade-capable key. */
  tradeAccepted: boolean;
  /** Last 4 characters of the API key, for recognition. Never the secret. */
  fingerprint: string;
}

/** Sync health of one account, used by the sync view and the allocation rules. */
export interface AccountSyncState {
  accountId: string;
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  lastError: { code: string; message: string } | null;
  /** True when the balances shown are from an earlier successful sync. */
  stale: boolean;
  /**
   * Set when every balance of the account read as zero in a sync while it held something before: the
   * last good balances are kept until the user confirms (sync:confirmEmpty). `at` is when the empty
   * balance was read. Absent or null otherwise.
   */
  needsConfirmation?: { at: number; message: string } | null;
}

/** Why Ballast does not call an exchange for a while: it asked to slow down (429 + Retry-After) or banned the IP (418). */
export type PauseReason = 'rate-limit' | 'ban';

/** An exchange Ballast makes no call to before `until` (ms since epoch), because the exchange asked it to wait. */
export interface ExchangePause {
  /** Exchange id, e.g. "binance". */
  exchange: string;
  /** Display name, e.g. "Binance". */
  name: string;
  until: number;
  reason: PauseReason;
}
