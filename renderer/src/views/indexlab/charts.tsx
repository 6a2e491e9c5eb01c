/**
 * The Index Lab's line charts (chart.js) and their shared options: a run's equity against its
 * benchmarks, its drawdown, and its weights stacked to 100% over time. Series are thinned to a few
 * hundred points; x is time (UTC ms, shown as dates). Each chart sits in a ChartFrame with an
 * accessible name. Called by RunCard, Compare and MyPortfolio.
 */
import type { ChartOptions } from 'chart.js';
import { useMemo } from 'react';
import { Line } from 'react-chartjs-2';
import type { Curve, SimulationResult } from '../../../../shared/indexlab';
import { ChartFrame } from '../../components/ChartFrame';
import { color } from '../../lib/charts';
import { date, money, pct } from '../../lib/format';
import { hindsightPoints, thin } from './lab-format';

/** Indices 0..n-1 thinned to about `max` (every k-th, always keeping the last). */
const thinnedIndices = (n: number, max?: number) =>
  thin(
    Array.from({ length: n }, (_, i) => i),
    max,
  );

/** A curve as chart points, thinned, each value times `scale`. */
export const xy = (c: Curve, scale = 1) => thinnedIndices(c.v.length).map((i) => ({ x: c.t[i]!, y: c.v[i]! * scale }));

function timeAxis(): NonNullable<ChartOptions<'line'>['scales']>['x'] {
  return {
    type: 'linear',
    bounds: 'data',
    ticks: { callback: (v) => date(Number(v)), maxTicksLimit: 8, maxRotation: 0 },
    grid: { display: false },
  };
}

/** Options of a time-series line chart whose y values print with `yFormat`; `extra` replaces top-level keys. */
export function lineOptions(
  yFormat: (v: number) => string,
  extra: Partial<ChartOptions<'line'>> = {},
): ChartOptions<'line'> {
  return {
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    interaction: { mode: 'index', intersect: false },
    elements: { point: { radius: 0, hoverRadius: 3 }, line: { borderWidth: 1.6 } },
    plugins: {
      legend: { position: 'bottom', labels: { boxWidth: 12 } },
      tooltip: {
        callbacks: {
          title: (items) => (items[0] ? date(Number(items[0].parsed.x)) : ''),
          label: (item) => `${item.dataset.label ?? ''}: ${yFormat(Number(item.parsed.y))}`,
        },
      },
    },
    scales: {
      x: timeAxis(),
      y: { ticks: { callback: (v) => yFormat(Number(v)) } },
    },
    ...extra,
  };
}

export function EquityChart({ result, base }: { result: SimulationResult; base: string }) {
  const data = useMemo(() => {
    const sets = [
      { label: 'Strategy', data: xy(result.equity), borderColor: color(0), backgroundColor: color(0) },
      ...(result.benchmarks.btc
        ? [
            {
              label: result.benchmarks.btc.label,
              data: xy(result.benchmarks.btc.equity),
              borderColor: color(1),
              backgroundColor: color(1),
            },
          ]
        : []),
      {
        label: result.benchmarks.hold.label,
        data: xy(result.benchmarks.hold.equity),
        borderColor: color(15),
        backgroundColor: color(15),
        borderDash: [5, 4],
      },
    ];
    const marked = hindsightPoints(result.equity, result.rebalances);
    if (marked.length > 0) {
      sets.push({
        label: "Rebalance ranked by today's market cap (hindsight)",
        data: marked,
        borderColor: '#d29922',
        backgroundColor: '#d29922',
        showLine: false,
        pointRadius: 4,
        pointStyle: 'triangle',
      } as (typeof sets)[number]);
    }
    return { datasets: sets };
  }, [result]);
  const options = useMemo(() => lineOptions((v) => money(v, base, 0)), [base]);
  return (
    <ChartFrame
      label="Equity curve of the strategy against buy-and-hold of the benchmark and the same basket without rebalancing"
      testId="chart-equity"
      tall
    >
      <Line data={data} options={options} />
    </ChartFrame>
  );
}

export function DrawdownChart({ result }: { result: SimulationResult }) {
  const data = useMemo(
    () => ({
      datasets: [
        {
          label: 'Drawdown',
          data: xy(result.drawdown),
          borderColor: '#f85149',
          backgroundColor: 'rgba(248, 81, 73, 0.28)',
          fill: 'origin' as const,
        },
      ],
    }),
    [result],
  );
  const options = useMemo(
    () =>
      lineOptions((v) => pct(v, 0), {
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: (items) => (items[0] ? date(Number(items[0].parsed.x)) : ''),
              label: (item) => `Drawdown: ${pct(Number(item.parsed.y), 1)}`,
            },
          },
        },
      }),
    [],
  );
  return (
    <ChartFrame label="Drawdown of the strategy from its running peak" testId="chart-drawdown">
      <Line data={data} options={options} />
    </ChartFrame>
  );
}

export function WeightsChart({ result }: { result: SimulationResult }) {
  const data = useMemo(() => {
    const w = result.weights;
    const idx = thinnedIndices(w.t.length, 400);
    // Largest average weight first, so the big holdings sit at the bottom of the stack.
    const avg = (arr: Float64Array) => arr.reduce((s, x) => s + x, 0) / Math.max(1, arr.length);
    const series = [...w.series].sort((a, b) => avg(b.w) - avg(a.w));
    const sets = series.map((s, i) => ({
      label: s.symbol,
      data: idx.map((k) => ({ x: w.t[k]!, y: s.w[k] ?? 0 })),
      borderColor: color(i),
      backgroundColor: `${color(i)}bb`,
      fill: i === 0 ? ('origin' as const) : ('-1' as const),
      borderWidth: 0.5,
    }));
    if (w.cash.some((c) => c > 1e-9)) {
      sets.push({
        label: 'Cash',
        data: idx.map((k) => ({ x: w.t[k]!, y: w.cash[k] ?? 0 })),
        borderColor: '#8b949e',
        backgroundColor: '#8b949e66',
        fill: sets.length === 0 ? ('origin' as const) : ('-1' as const),
        borderWidth: 0.5,
      });
    }
    return { datasets: sets };
  }, [result]);
  const options = useMemo(
    () =>
      lineOptions((v) => pct(v, 0), {
        scales: {
          x: timeAxis(),
          y: { stacked: true, min: 0, max: 1, ticks: { callback: (v) => pct(Number(v), 0) } },
        },
        plugins: {
          legend: { position: 'right', labels: { boxWidth: 10, font: { size: 11 } } },
          tooltip: {
            itemSort: (a, b) => Number(b.parsed.y) - Number(a.parsed.y),
            filter: (item) => Number(item.parsed.y) > 0.0005,
            callbacks: {
              title: (items) => (items[0] ? date(Number(items[0].parsed.x)) : ''),
              label: (item) => `${item.dataset.label ?? ''}: ${pct(Number(item.parsed.y), 1)}`,
            },
          },
        },
      }),
    [],
  );
  return (
    <ChartFrame label="Weights of each asset and cash over time, stacked to 100%" testId="chart-weights" tall>
      <Line data={data} options={options} />
    </ChartFrame>
  );
}
