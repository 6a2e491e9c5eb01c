/**
 * Pure text and grouping of the Network view: what each purpose of an outgoing request means and what
 * it tells the other side, the totals per host per day, and the hosts and purposes seen. No React, no
 * IPC: NetworkView calls these, and the unit tests check them.
 */
import { API_PURPOSES, type ApiPurpose } from '../../../../shared/domain/activity';
import type { ActivityRow } from '../../../../shared/ipc/channels/activity';

/** Each purpose: a label, and what a request for it reveals, in plain words. */
export const PURPOSE_TEXT: Record<ApiPurpose, { label: string; reveals: string }> = {
  sync: {
    label: 'Balance sync',
    reveals: 'The exchange learns your balances through your read-only key, and when you sync.',
  },
  'key-check': {
    label: 'Key check',
    reveals: 'The exchange learns that this key is being checked and answers with what it may do.',
  },
  'market-history': {
    label: 'Market history (prices)',
    reveals: 'The exchange learns only that someone downloads public daily candles of the top assets; no key is sent.',
  },
  'market-caps': {
    label: 'Market history (market caps)',
    reveals:
      'Coin Metrics or CoinGecko learn only that someone downloads the caps of the top N assets; no key is sent.',
  },
  prices: {
    label: 'Prices without a key',
    reveals:
      'The exchange learns only that someone asks for the public prices of about 50 large assets, with the held ones among them; no key is sent.',
  },
  catalog: {
    label: 'Asset catalog',
    reveals: 'The catalog source learns that someone refreshes the list of the largest assets.',
  },
  wallet: {
    label: 'Watch-only wallets',
    reveals: 'The blockchain API learns the public addresses you watch, and can link them to each other.',
  },
  'history-import': {
    label: 'Trade history import',
    reveals: 'The exchange learns, through your read-only key, that your trade history is being read.',
  },
};

/** The label of a purpose as recorded (older entries have none). */
export function purposeLabel(p: string | undefined): string {
  if (p === undefined) return 'not recorded';
  return (PURPOSE_TEXT as Record<string, { label: string } | undefined>)[p]?.label ?? p;
}

export const isPurpose = (p: string): p is ApiPurpose => (API_PURPOSES as readonly string[]).includes(p);

export interface HostDayTotal {
  /** UTC day "YYYY-MM-DD". */
  day: string;
  host: string;
  requests: number;
  failed: number;
  bytesOut: number;
  bytesIn: number;
  purposes: string[];
}

/** Requests per host per UTC day, newest day first, then by host. Rows without a host count as "(unknown host)". */
export function hostDayTotals(rows: readonly ActivityRow[]): HostDayTotal[] {
  const m = new Map<string, HostDayTotal & { purposeSet: Set<string> }>();
  for (const r of rows) {
    if (r.kind !== 'api-call') continue;
    const day = new Date(r.at).toISOString().slice(0, 10);
    const host = r.host ?? '(unknown host)';
    const key = `${day}\u0000${host}`;
    let t = m.get(key);
    if (!t) {
      t = { day, host, requests: 0, failed: 0, bytesOut: 0, bytesIn: 0, purposes: [], purposeSet: new Set() };
      m.set(key, t);
    }
    t.requests++;
    if (r.ok === false) t.failed++;
    t.bytesOut += r.bytesOut ?? 0;
    t.bytesIn += r.bytesIn ?? 0;
    t.purposeSet.add(purposeLabel(r.purpose));
  }
  return [...m.values()]
    .map(({ purposeSet, ...t }) => ({ ...t, purposes: [...purposeSet].sort() }))
    .sort((a, b) => (a.day === b.day ? a.host.localeCompare(b.host) : a.day < b.day ? 1 : -1));
}

/** The distinct hosts of the rows, sorted. */
export function hostsOf(rows: readonly ActivityRow[]): string[] {
  return [...new Set(rows.flatMap((r) => (r.host ? [r.host] : [])))].sort();
}
