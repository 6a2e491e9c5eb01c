/**
 * Dashboard: 24h / 7d change cards and the net-worth line chart with 1W / 1M / 1Y / All ranges, or the
 * value history of one asset.
 * For the sample portfolio the series is its price history x current amounts, labelled as such. Once an
 * account's history is imported the chart starts at the first deposit, with a marker where Ballast was
 * installed and the recorded snapshots begin, and says what the rebuilt part leaves out.
 */
import { useMemo, useState } from 'react';
import { Line } from 'react-chartjs-2';
import type { ChartOptions } from 'chart.js';
import { DAY_MS } from '../../../shared/domain/types';
import type { Change, SnapshotRange } from '../../../shared/portfolio/snapshots';
import { call } from '../lib/api';
import { color } from '../lib/charts';
import { date, dateTime, money, pct } from '../lib/format';
import { useLive } from '../lib/useApi';
import { ChartFrame } from './ChartFrame';
import { installMarker, markerIndex } from './net-worth-marker';
import { StatCard } from './StatCard';

const RANGES: SnapshotRange[] = ['1W', '1M', '1Y', 'All'];

function ChangeCard(props: { label: string; change: Change | null; base: string; estimated: boolean; testId: string }) {
  const { label, change, base, estimated, testId } = props;
  const cls = !change ? 'muted' : change.abs >= 0 ? 'ok-text' : 'error-text';
  const sign = change && change.abs > 0 ? '+' : '';
  return (
    <StatCard
      testId={testId}
      label={label}
      value={change ? `${sign}${pct(change.pct, 2)}` : '–'}
      valueClass={cls}
      hint={
        <>
          {change ? `${sign}${money(change.abs, base)} since ${date(change.since)}` : 'Not enough history yet'}
          {change && estimated ? ' (estimated from price history)' : ''}
        </>
      }
    />
  );
}

export function NetWorthChart() {
  const [range, setRange] = useState<SnapshotRange>('1M');
  /** '' shows the total; a symbol shows that asset's value over the same points. */
  const [asset, setAsset] = useState('');
  const changes = useLive(() => call('portfolio:changes'), []);
  const series = useLive(() => call('snapshots:list', { range }), [range]);

  const s = series.data;
  const base = s?.base ?? changes.data?.base ?? 'USD';
  const data = useMemo(
    () => ({
      labels: (s?.points ?? []).map((p, _i, all) =>
        // short spans (a few syncs) need the time of day
        all.length > 1 && all.at(-1)!.t - all[0]!.t < 3 * DAY_MS ? dateTime(p.t) : date(p.t),
      ),
      datasets: [
        {
          label: asset || 'Net worth',
          data: asset
            ? (s?.assets.find((a) => a.asset === asset)?.values ?? []).map((v) => v ?? Number.NaN)
            : (s?.points ?? []).map((p) => p.total),
          borderColor: color(1),
          backgroundColor: 'rgba(98, 126, 234, 0.15)',
          fill: true,
          pointRadius: 0,
          tension: 0.2,
        },
      ],
    }),
    [s, asset],
  );
  const options = useMemo<ChartOptions<'line'>>(
    () => ({
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (ctx) => money(ctx.parsed.y, base) } },
      },
      scales: {
        x: { ticks: { maxTicksLimit: 8, autoSkip: true } },
        y: { ticks: { callback: (v) => money(Number(v), base, 0) } },
      },
    }),
    [base],
  );

  const marker = markerIndex(s?.points ?? [], s?.installedAt);
  const plugins = useMemo(
    () => [installMarker(marker, s?.installedAt ? `Installed ${date(s.installedAt)}` : '')],
    [marker, s?.installedAt],
  );
  const note = !s
    ? ''
    : s.sample
      ? 'Sample data: the sample holdings valued at each day’s closing price.'
      : s.source === 'imported'
        ? s.installedAt
          ? `Rebuilt from your imported history before ${date(s.installedAt)} (the dashed line, when Ballast was installed), recorded at each sync after.`
          : 'Rebuilt from your imported history: each day’s holdings valued at that day’s closing prices.'
        : s.source === 'history'
          ? 'Estimated from price history × current amounts until more syncs are recorded.'
          : s.source === 'mixed' && s.recordedFrom !== undefined
            ? `Estimated from price history × current amounts before ${dateTime(s.recordedFrom)}; recorded at each sync since.`
            : 'Recorded at each sync.';

  return (
    <>
      <section className="cards" aria-label="Portfolio change">
        {(['24h', '7d'] as const).map((k) => (
          <ChangeCard
            key={k}
            label={`${k} change`}
            change={changes.data?.[k === '24h' ? 'change24h' : 'change7d'] ?? null}
            base={base}
            estimated={changes.data?.estimated ?? false}
            testId={`change-${k}`}
          />
        ))}
      </section>
      {changes.error && (
        <p role="alert" className="error-text">
          {changes.error}
        </p>
      )}
      <section className="panel" data-testid="networth-panel">
        <div className="toolbar">
          <h2 style={{ margin: 0 }}>Net worth {s?.sample && <span className="tag info">sample</span>}</h2>
          <div className="row" role="group" aria-label="Chart range">
            <label className="row small" htmlFor="networth-asset">
              <span className="muted">Show</span>
              <select id="networth-asset" value={asset} onChange={(e) => setAsset(e.target.value)}>
                <option value="">Net worth</option>
                {(s?.assets ?? []).map((a) => (
                  <option key={a.asset} value={a.asset}>
                    {a.asset}
                  </option>
                ))}
              </select>
            </label>
            {RANGES.map((r) => (
              <button
                key={r}
                type="button"
                className={r === range ? 'primary' : undefined}
                aria-pressed={r === range}
                onClick={() => setRange(r)}
                data-testid={`range-${r}`}
              >
                {r}
              </button>
            ))}
          </div>
        </div>
        {series.error ? (
          <p role="alert" className="error-text">
            {series.error}
          </p>
        ) : s && s.points.length < 2 ? (
          <p className="muted" data-testid="networth-empty">
            No history for this range yet: the chart fills in as Ballast syncs your accounts.
          </p>
        ) : (
          <ChartFrame
            label={`${asset ? `${asset} value` : 'Net worth'} over ${range === 'All' ? 'all recorded time' : range}, in ${base}${marker !== null && s?.installedAt ? `, Ballast installed on ${date(s.installedAt)}` : ''}`}
            testId="networth-chart"
          >
            <Line data={data} options={options} plugins={plugins} />
          </ChartFrame>
        )}
        <p className="muted small" style={{ marginBottom: 0 }} data-testid="networth-note">
          {note}
        </p>
        {s?.notes && s.notes.length > 0 && (
          <ul className="muted small" style={{ marginBottom: 0 }} aria-label="What the rebuilt history leaves out">
            {s.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
