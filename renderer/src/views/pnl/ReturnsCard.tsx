/**
 * Dashboard card: the simple, time-weighted and money-weighted returns of the accounts with imported
 * history over 1M, 3M, YTD, 1Y or since the first deposit, each with a one-line explanation, and when
 * money came in or went out, a sentence showing why the figures differ (returns-text.ts).
 */
import { useState } from 'react';
import type { ReturnPeriod } from '../../../../shared/pnl/returns';
import { ErrorText } from '../../components/ErrorText';
import { StatCard } from '../../components/StatCard';
import { date } from '../../lib/format';
import {
  illustration,
  PERIOD_LABELS,
  RETURN_EXPLANATIONS,
  RETURN_LABELS,
  signedPct,
  type ReturnKind,
} from './returns-text';
import { useReturns } from './use-pnl';

const KINDS: ReturnKind[] = ['simple', 'twr', 'mwr'];

export function ReturnsCard() {
  const returns = useReturns();
  const [period, setPeriod] = useState<ReturnPeriod>('1Y');
  const r = returns.data;
  if (!r) return <ErrorText error={returns.error} />;
  if (r.sample || r.periods.length === 0) {
    return (
      <section className="panel" data-testid="returns-card" aria-labelledby="returns-title">
        <h2 id="returns-title">Returns</h2>
        <p className="muted small" style={{ margin: 0 }}>
          {r.sample
            ? 'Returns appear once you connect an exchange account and import its history (Keys & Activity).'
            : 'Import an account’s history in Keys & Activity to see how your money and your holdings grew.'}
        </p>
      </section>
    );
  }
  const shown = r.periods.find((p) => p.period === period) ?? r.periods[r.periods.length - 1]!;
  const story = illustration(shown, r.base);
  return (
    <section className="panel" data-testid="returns-card" aria-labelledby="returns-title">
      <div className="toolbar">
        <h2 id="returns-title" style={{ margin: 0 }}>
          Returns <span className="muted small">{PERIOD_LABELS[shown.period]}</span>
        </h2>
        <div className="segmented" role="group" aria-label="Returns period">
          {r.periods.map((p) => (
            <button
              key={p.period}
              type="button"
              className={p.period === shown.period ? 'active' : undefined}
              aria-pressed={p.period === shown.period}
              onClick={() => setPeriod(p.period)}
              data-testid={`returns-${p.period}`}
            >
              {p.period}
            </button>
          ))}
        </div>
      </div>
      <div className="cards">
        {KINDS.map((k) => {
          const value = shown[k];
          return (
            <StatCard
              key={k}
              testId={`return-${k}`}
              label={RETURN_LABELS[k]}
              value={signedPct(value)}
              valueClass={value === null ? 'muted' : value >= 0 ? 'ok-text' : 'error-text'}
              hint={RETURN_EXPLANATIONS[k]}
            />
          );
        })}
      </div>
      {story && (
        <p data-testid="returns-illustration" style={{ marginBottom: 0 }}>
          {story}
        </p>
      )}
      <p className="muted small" style={{ marginBottom: 0 }}>
        From {date(shown.from)} to {date(shown.to)}
        {shown.partial ? ' (the history starts later than the period)' : ''}.{' '}
        {shown.mwrAnnual !== null && `Money-weighted per year: ${signedPct(shown.mwrAnnual)}. `}
        {r.scope}
      </p>
    </section>
  );
}
