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

function Card({ card }: { card: GradesReportView }) {
  const week = card.trader[0];
  return (
    <div className="stack" data-testid="grades-report">
      <p className="muted small" data-testid="report-basis">
        {basisText(card)}
      </p>
      <div className="grid-2">
        <section className="stack" aria-labelledby="report-trader">
          <h3 id="report-trader">Trader Grade</h3>
          <p data-testid="report-reading-trader">{card.readings.trader}</p>
          <IcTable card={card} kind="trader" />
          <BucketTable card={card} kind="trader" />
        </section>
        <section className="stack" aria-labelledby="report-investor">
          <h3 id="report-investor">Investor Grade</h3>
          <p data-testid="report-reading-investor">{card.readings.investor}</p>
          <IcTable card={card} kind="investor" />
          <BucketTable card={card} kind="investor" />
        </section>
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
        <div className="banner error" role="alert">
          The grades could not be measured: {error}{' '}
          <button type="button" className="link" onClick={reload}>
            Try again
          </button>
        </div>
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
