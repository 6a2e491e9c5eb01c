/**
 * The Dashboard's holdings as rows: one per asset across every account and wallet (amount, price,
 * value, share, where it is held), the small balances hidden as dust (counted, so the table can say
 * so), a search over a lower-case index built once, and short summaries of long lists. Pure; used
 * by the Dashboard and tested in test/unit/dashboard-holding-rows.test.ts.
 */
import type { PortfolioView } from '../../../../shared/ipc/channels/portfolio';

export interface HoldingRow {
  asset: string;
  name: string;
  amount: number;
  price: number | null;
  value: number | null;
  share: number | null;
  custodies: { label: string; amount: number; value: number | null }[];
  /** Asset and name in lower case, searched by `searchRows`. */
  key: string;
}

/** Rows of every asset held and the total of the priced ones. */
export function holdingRows(view: PortfolioView): { rows: HoldingRow[]; total: number } {
  const p = view.portfolio;
  const labels = new Map(p.custodies.map((c) => [c.id, c.label]));
  const by = new Map<string, HoldingRow>();
  for (const pos of p.positions) {
    let row = by.get(pos.asset);
    if (!row) {
      const name = view.catalog[pos.asset]?.name ?? pos.asset;
      row = {
        asset: pos.asset,
        name,
        amount: 0,
        price: pos.price,
        value: pos.value === null ? null : 0,
        share: null,
        custodies: [],
        key: `${pos.asset}\u0000${name}`.toLowerCase(),
      };
      by.set(pos.asset, row);
    }
    row.amount += pos.amount;
    if (row.value !== null && pos.value !== null) row.value += pos.value;
    else row.value = null;
    row.custodies.push({ label: labels.get(pos.custodyId) ?? pos.custodyId, amount: pos.amount, value: pos.value });
  }
  const rows = [...by.values()];
  const total = rows.reduce((s, r) => s + (r.value ?? 0), 0);
  for (const r of rows) r.share = r.value === null || total === 0 ? null : r.value / total;
  return { rows, total };
}

/**
 * The dust threshold in the base currency: the setting is in US dollars (`usdRate` is a dollar's
 * value in the base); 0 (nothing hidden) when there is no rate.
 */
export function dustInBase(thresholdUsd: number, usdRate: number | null): number {
  return usdRate === null || !(usdRate > 0) ? 0 : thresholdUsd * usdRate;
}

/**
 * The rows shown and how many small balances are hidden. Unpriced assets are always shown (their
 * value is unknown, not small).
 */
export function withoutDust(rows: readonly HoldingRow[], dust: number): { shown: HoldingRow[]; hidden: number } {
  if (dust <= 0) return { shown: [...rows], hidden: 0 };
  const shown = rows.filter((r) => r.value === null || r.value >= dust);
  return { shown, hidden: rows.length - shown.length };
}

/** Rows whose symbol or name contains the query (case-insensitive); every row for a blank query. */
export function searchRows(rows: readonly HoldingRow[], query: string): readonly HoldingRow[] {
  const q = query.trim().toLowerCase();
  return q ? rows.filter((r) => r.key.includes(q)) : rows;
}

/** "BTC, ETH, SOL and 9,412 more": the first `max` items of a list, then how many are left. */
export function listSummary(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${(items.length - max).toLocaleString('en-US')} more`;
}
