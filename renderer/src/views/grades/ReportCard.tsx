/**
 * "How have the grades done?": what followed each grade bucket on the price history in use, the
 * rank IC and how it moved month by month, with the sample sizes and a plain caveat. Main measures
 * it (`grades:report`); it is asked for only when the panel is opened, since it takes a moment.
 */
import { useState } from 'react';
import { Bar } from 'react-chartjs-2';
import type { GradesReportView } from '../../../../shared/ipc/channels/grades';
import '../../lib/charts';
import { ChartPanel } from '../../components/ChartFrame';
import { RetryBanner } from '../../components/ErrorText';
import { call } from '../../lib/api';
import { useAsync } from '../../lib/useApi';
import { basisText, bucketLines, icByMonthData, icByMonthOptions, icByMonthSummary, icLines } from './report-card';

function IcTable({ card, kind }: { card: GradesReportView; kind: 'trader' | 'investor' }) {
  const lines = icLines(card[kind]);
  return (
    <table className="table report-ic" data-testid={`report-ic-${kind}`}>
      <caption className="sr-only">Rank IC of the {kind === 'trader' ? 'Trader' : 'Investor'} Grade</caption>
      <thead>
        <tr>
          <th scope="col">Horizon</th>
          <th scope="col" className="num">
            Mean rank IC
          </th>
          <th scope="col" className="num">
            t
          </th>
          <th scope="col" className="num">
            Days
          </th>
          <th scope="col" className="num">
            Days above 0
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.horizon}>
            <th scope="row">{l.horizon}</th>
            <td className="num">{l.ic}</td>
            <td className="num">{l.t}</td>
            <td className="num">{l.days}</td>
            <td className="num">{l.positive}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BucketTable({ card, kind }: { card: GradesReportView; kind: 'trader' | 'investor' }) {
  const h = card[kind][0];
  if (!h) return null;
  const risk = kind === 'investor';
  return (
    <table className="table report-buckets" data-testid={`report-buckets-${kind}`}>
      <caption>
        What followed over {h.horizon} days, by {kind === 'trader' ? 'Trader' : 'Investor'} Grade
      </caption>
      <thead>
        <tr>
          <th scope="col">Bucket</th>
          <th scope="col" className="num">
            Token-days
          </th>
          {risk ? (
            <>
              <th scope="col" className="num">
                Median volatility
              </th>
              <th scope="col" className="num">
                Median worst fall
              </th>
              <th scope="col" className="num">
                Collapse (-80%) within a year
              </th>
            </>
          ) : (
            <>
              <th scope="col" className="num">
                Mean return
              </th>
              <th scope="col" className="num">
                Vs the day’s average
              </th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {bucketLines(h).map((l) => (
          <tr key={l.band}>
            <th scope="row">
              <span className={`grade-pill ${l.band}`}>{l.label}</span>
            </th>
            <td className="num">{l.n}</td>
            {risk ? (
              <>
                <td className="num">{l.volatility}</td>
                <td className="num">{l.worstFall}</td>
                <td className="num">{l.collapse}</td>
              </>
            ) : (
              <>
                <td className="num">{l.meanReturn}</td>
                <td className="num">{l.meanExcess}</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One grade's reading, rank IC and buckets. */
function GradeReport({ card, kind, title }: { card: GradesReportView; kind: 'trader' | 'investor'; title: string }) {
  return (
    <section className="stack" aria-labelledby={`report-${kind}`}>
      <h3 id={`report-${kind}`}>{title}</h3>
      <p data-testid={`report-reading-${kind}`}>{card.readings[kind]}</p>
      <IcTable card={card} kind={kind} />
      <BucketTable card={card} kind={kind} />
    </section>
  );
}

function Card({ card }: { card: GradesReportView }) {
  const week = card.trader[0];
  return (
    <div className="stack" data-testid="grades-report">
      <p className="muted small" data-testid="report-basis">
        {basisText(card)}
      </p>
      <div className="grid-2">
        <GradeReport card={card} kind="trader" title="Trader Grade" />
        <GradeReport card={card} kind="investor" title="Investor Grade" />
      </div>
      {week && week.icByMonth.length > 0 && (
        <ChartPanel
          titleId="report-ic-month"
          title="Trader Grade rank IC, month by month"
          label={icByMonthSummary(week)}
          testId="report-ic-chart"
          footer={
            <p className="muted small">{icByMonthSummary(week)} Above zero: higher grades did better that month.</p>
          }
        >
          <Bar data={icByMonthData(week)} options={icByMonthOptions()} />
        </ChartPanel>
      )}
    </div>
  );
}

export function ReportCard() {
  const [open, setOpen] = useState(false);
  const { data, error, loading, reload } = useAsync(
    () => (open ? call('grades:report') : Promise.resolve(null)),
    [open],
  );
  return (
    <details
      className="panel grades-report"
      data-testid="grades-report-panel"
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        <h2>How have the grades done?</h2>
      </summary>
      {error ? (
        <RetryBanner onRetry={reload}>The grades could not be measured: {error}</RetryBanner>
      ) : data ? (
        <Card card={data} />
      ) : (
        open &&
        loading && (
          <p className="muted" role="status">
            Measuring the grades against what followed on this price history…
          </p>
        )
      )}
    </details>
  );
}
