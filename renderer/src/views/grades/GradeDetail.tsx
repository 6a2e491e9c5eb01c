/**
 * One token's grades in full: its quadrant reading, summary cards, price and grade history charts
 * and both factor breakdowns. Loads `grades:detail`; the heading takes the focus when it opens and
 * Escape (or the back button) returns to the list. Opened by GradesView.
 */
import { useEffect, useRef } from 'react';
import { formatRaw } from '../../../../shared/grades';
import { RetryBanner } from '../../components/ErrorText';
import { StatCard } from '../../components/StatCard';
import { call } from '../../lib/api';
import { date, pct, plural } from '../../lib/format';
import { useLive } from '../../lib/useApi';
import { DetailCharts } from './DetailCharts';
import { FactorTable } from './FactorTable';
import { GradeCard } from './GradeCard';
import { QuadrantTag } from './GradePill';

export function GradeDetail(props: { symbol: string; onBack: () => void }) {
  const { symbol, onBack } = props;
  const { data, error, loading, reload } = useLive(() => call('grades:detail', { symbol }), [symbol]);
  const heading = useRef<HTMLHeadingElement>(null);
  const d = data && (data.symbol === symbol || data.symbol === symbol.toUpperCase()) ? data : undefined;

  useEffect(() => {
    heading.current?.focus();
  }, [d?.symbol]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault();
        onBack();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);

  return (
    <div className="stack" data-testid="grade-detail">
      <div className="row">
        <button type="button" onClick={onBack} data-testid="detail-back">
          ← Back to all grades
        </button>
        <span className="muted small">Esc closes</span>
      </div>
      {error && <RetryBanner onRetry={reload}>{error}</RetryBanner>}
      {loading && !d && (
        <p className="muted" role="status">
          Loading {symbol}…
        </p>
      )}
      {d && (
        <>
          <header className="detail-head">
            <h2 ref={heading} tabIndex={-1}>
              {d.symbol} <span className="muted">{d.name}</span>
            </h2>
            <div className="row">
              <QuadrantTag quadrant={d.quadrant.quadrant} />
              <span data-testid="detail-reading">{d.quadrant.reading}</span>
            </div>
          </header>
          <section className="cards" aria-label="Summary">
            <GradeCard label="Trader Grade" note="Short-term momentum" result={d.trader} haveDays={d.haveDays} />
            <GradeCard label="Investor Grade" note="Long-term quality" result={d.investor} haveDays={d.haveDays} />
            <StatCard
              label="Your holding"
              value={d.held ? pct(d.valueShare) : 'Not held'}
              hint={d.held ? 'of portfolio value' : 'Listed because price history exists'}
            />
            <StatCard
              label="History"
              value={plural(d.haveDays, 'day')}
              hint={
                <>
                  Graded on {date(d.asOf)}
                  {d.marketCapUsd !== null
                    ? `, market cap ${formatRaw('usd', d.marketCapUsd)}`
                    : ', market cap unknown'}
                </>
              }
            />
          </section>
          {d.stablecoin && (
            <p className="banner warning small">
              {d.symbol} is a stablecoin: it is graded like any token, but the grades say little about it.
            </p>
          )}
          <DetailCharts d={d} />
          <div className="grid-2 detail-factors">
            <FactorTable title="Trader Grade factors" kind="trader" result={d.trader} />
            <FactorTable title="Investor Grade factors" kind="investor" result={d.investor} />
          </div>
        </>
      )}
    </div>
  );
}
