/**
 * The returns card's words: a one-line explanation of each return, and, when money came in or went out
 * during the period, a sentence showing why the money-weighted and time-weighted figures differ. Pure
 * (no DOM), tested by test/unit/pnl-view-returns.test.ts; used by ReturnsCard.tsx.
 */
import type { PeriodReturn, ReturnPeriod } from '../../../../shared/pnl/returns';
import { money, pct } from '../../lib/format';

export type ReturnKind = 'simple' | 'twr' | 'mwr';

export const RETURN_LABELS: Record<ReturnKind, string> = {
  simple: 'Simple return',
  twr: 'Time-weighted return',
  mwr: 'Money-weighted return',
};

export const RETURN_EXPLANATIONS: Record<ReturnKind, string> = {
  simple: 'What you gained after taking out what you put in, compared with what you had plus what you added.',
  twr: 'How the holdings themselves did, whatever you added or took out and when: the one to compare with BTC or an index.',
  mwr: 'How your own money grew, counting when you added or took it out: your personal rate of return.',
};

export const PERIOD_LABELS: Record<ReturnPeriod, string> = {
  '1M': 'last month',
  '3M': 'last 3 months',
  YTD: 'this year',
  '1Y': 'last year',
  All: 'since the first deposit',
};

/** "+12.0%" / "-3.5%" / "–" (no figure). */
export function signedPct(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '–';
  return `${x > 0 ? '+' : ''}${pct(x, 1)}`;
}

const grew = (x: number): string => (x >= 0 ? `grew ${pct(x, 0)}` : `fell ${pct(-x, 0)}`);

function monthOf(t: number, to: number): string {
  const d = new Date(t);
  const month = d.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
  return d.getUTCFullYear() === new Date(to).getUTCFullYear() ? month : `${month} ${d.getUTCFullYear()}`;
}

/**
 * "You added $5,000 in March: your money grew 12% (money-weighted) while the portfolio's holdings grew
 * 18% (time-weighted). ..." — null when no money came in or went out in the period.
 */
export function illustration(r: PeriodReturn, base: string): string | null {
  if (!r.largestFlow || r.flowCount === 0 || r.mwr === null || r.twr === null) return null;
  const f = r.largestFlow;
  const when = monthOf(f.t, r.to);
  const what =
    f.amount > 0
      ? `You added ${money(f.amount, base, 0)} in ${when}`
      : `You took out ${money(-f.amount, base, 0)} in ${when}`;
  const others =
    r.flowCount > 1
      ? ` (and made ${r.flowCount - 1} other deposit${r.flowCount > 2 ? 's or withdrawals' : ' or withdrawal'})`
      : '';
  const why =
    r.mwr < r.twr - 0.005
      ? ' The money you added came in before a fall or after a rise, so it earned less than the holdings did over the whole period.'
      : r.mwr > r.twr + 0.005
        ? ' The money you added was there for the better part of the period, so it earned more than the holdings did on average.'
        : ' The timing of your deposits made little difference.';
  return `${what}${others}: your money ${grew(r.mwr)} (money-weighted) while the portfolio's holdings ${grew(r.twr)} (time-weighted).${why}`;
}
