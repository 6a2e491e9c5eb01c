/**
 * What the account-history panel of the Keys view says: the import's state in one line, the label of
 * its button, and reading the panel's inputs (the start date, the coins to search besides). Pure (no
 * React, no DOM), tested by test/unit/keys-view-history-text.test.ts; used by HistoryPanel.
 */
import type { AccountHistoryView, HistoryProgress } from '../../../../shared/ipc/channels/history';
import { date, plural } from '../../lib/format';

const clock = (t: number): string => new Date(t).toISOString().slice(11, 16);

/** One line about the account's history now (the running import's progress when there is one). */
export function importSummary(v: AccountHistoryView, live: HistoryProgress | null): string {
  if (!v.supported) return v.gaps[0] ?? 'The history of this exchange cannot be imported.';
  if (live && (live.state === 'running' || live.state === 'queued')) {
    if (live.state === 'queued') return 'Waiting for another import on this exchange to finish…';
    const step = live.step ? `${live.step}: ` : '';
    return `${step}${plural(live.pages, 'page')} read, ${plural(live.entries, 'new entry', 'new entries')} (step ${Math.min(live.stepsDone + 1, live.stepsTotal)} of ${live.stepsTotal}).`;
  }
  const run = v.lastRun;
  if (!run)
    return 'Not imported yet. Import trades, deposits, withdrawals and rewards to see your net worth from the first deposit and your profit and loss.';
  const what = `${plural(v.entries, 'entry', 'entries')}${v.firstEntryAt ? ` since ${date(v.firstEntryAt)}` : ''}`;
  switch (run.state) {
    case 'done':
      return `Imported ${date(run.finishedAt ?? run.startedAt)}: ${what}.`;
    case 'paused':
      return `Paused: ${run.error?.message ?? 'the exchange asked Ballast to wait.'}${run.resumeAfter ? ` It can go on after ${clock(run.resumeAfter)} UTC.` : ''} ${what} kept.`;
    case 'cancelled':
      return `Cancelled: ${what} kept; the next import goes on from there.`;
    case 'error':
      return run.error?.message ?? 'The import failed; what was read is kept.';
    default:
      return `Importing: ${what} so far.`;
  }
}

/** The import button's label. */
export function importButtonLabel(v: AccountHistoryView): string {
  const s = v.lastRun?.state;
  if (!s) return 'Import history';
  if (s === 'done') return 'Import new entries';
  return 'Continue import';
}

/** Coins typed by the user ("ada, DOT xrp"): upper case, at most 50, each a plausible symbol; the rest are reported. */
export function parseAssets(text: string): { assets: string[]; invalid: string[] } {
  const parts = text
    .split(/[\s,;]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  const valid = parts.filter((p) => /^[A-Z0-9.]{1,20}$/.test(p));
  return { assets: [...new Set(valid)].slice(0, 50), invalid: parts.filter((p) => !valid.includes(p)) };
}

/** The start date typed ("2021-03-01") as ms, or null when empty or not a date. */
export function sinceOf(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const t = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(t) ? t : null;
}
