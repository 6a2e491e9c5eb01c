/**
 * Reconciliation: what an account's imported history says each balance should be, against the balance
 * the exchange reports today, with any difference said in words instead of hidden. Pure; the history
 * service (electron/services/history/) shows it in the account's import panel.
 */
export type ReconcileStatus = 'match' | 'short' | 'over';

export interface ReconcileRow {
  asset: string;
  /** Units the imported history adds up to. */
  explained: number;
  /** Units the exchange reports now. */
  balance: number;
  /** balance - explained. */
  unexplained: number;
  /** 'short': the balance holds more than the history explains; 'over': less. */
  status: ReconcileStatus;
  message: string;
}

/** Amounts within this of each other (relative, plus a floor) are the same. */
export const RECONCILE_TOLERANCE = 1e-6;

/** Units for messages: up to 8 decimals, no trailing zeros, en-US digits. */
export function units(x: number): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: 8, useGrouping: false });
}

export function sameAmount(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-8 + RECONCILE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * One row per asset in either map: matching rows last. `windowNote` adds what the exchange's history
 * window leaves out ("OKX serves trades of the last 3 months only").
 */
export function reconcile(
  explained: Readonly<Record<string, number>>,
  balance: Readonly<Record<string, number>>,
  windowNote?: string,
): ReconcileRow[] {
  const assets = [...new Set([...Object.keys(explained), ...Object.keys(balance)])].sort();
  const rows: ReconcileRow[] = [];
  for (const asset of assets) {
    const e = explained[asset] ?? 0;
    const b = balance[asset] ?? 0;
    if (sameAmount(e, b)) {
      if (e === 0 && b === 0) continue;
      rows.push({
        asset,
        explained: e,
        balance: b,
        unexplained: 0,
        status: 'match',
        message: `${asset}: history explains the balance (${units(b)}).`,
      });
      continue;
    }
    const diff = b - e;
    const head = `${asset}: history explains ${units(e)}, balance is ${units(b)}`;
    const tail = windowNote ? ` ${windowNote}` : '';
    rows.push(
      diff > 0
        ? {
            asset,
            explained: e,
            balance: b,
            unexplained: diff,
            status: 'short',
            message: `${head}: ${units(diff)} unexplained — maybe a deposit before the exchange's history window, or a transfer from an account Ballast doesn't know.${tail}`,
          }
        : {
            asset,
            explained: e,
            balance: b,
            unexplained: diff,
            status: 'over',
            message: `${head}: ${units(-diff)} more than the balance — maybe a withdrawal, fee or trade Ballast could not read (in a market that was not searched, or older than the exchange's history window).${tail}`,
          },
    );
  }
  const rank = (r: ReconcileRow): number => (r.status === 'match' ? 1 : 0);
  return rows.sort((a, b) => rank(a) - rank(b) || a.asset.localeCompare(b.asset));
}
