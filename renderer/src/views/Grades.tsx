/**
 * Grades: the Trader Grade (short-term momentum) and Investor Grade (long-term quality) of every
 * held asset or every asset with price history, as a filterable table and a quadrant scatter; the
 * portfolio's split by grade profile against the user's target; a token detail with both factor
 * breakdowns, the price chart and the grade history; and how the grades are computed.
 */
import type { Chart, ChartData, ChartOptions, Plugin } from 'chart.js';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Line, Scatter } from 'react-chartjs-2';
import { FACTORS, formatRaw, type RawUnit } from '../../../shared/grades/factors';
import type { GradeResult } from '../../../shared/grades/grades';
import type { GradeBand, GradeQuadrant, GradeSplit } from '../../../shared/grades/quadrant';
import type { FactorInfo, GradeDetail, GradeRow, GradesList } from '../../../shared/ipc/channels/grades';
import { SortableTable, type Column } from '../components/SortableTable';
import { call, errorText } from '../lib/api';
import { useApp } from '../lib/context';
import { date, money, pct } from '../lib/format';
import { useAsync } from '../lib/useApi';
import './grades.css';

type Scope = 'held' | 'all';

const STRONG = 80;
const WEAK = 60;

const QUADRANT_LABELS: Record<GradeQuadrant, string> = {
  strong: 'Strong',
  'short-term': 'Short-term trade',
  'wait-for-entry': 'Wait for entry',
  speculative: 'Speculative',
  neutral: 'Neutral',
  ungraded: 'Ungraded',
};

const QUADRANT_TAGS: Record<GradeQuadrant, string> = {
  strong: 'ok',
  'short-term': 'warn',
  'wait-for-entry': 'info',
  speculative: 'crit',
  neutral: '',
  ungraded: '',
};

const BAND_LABELS: Record<GradeBand, string> = {
  strong: 'strong',
  neutral: 'neutral',
  weak: 'weak',
  ungraded: 'not graded',
};

const TRADER_COLOR = '#f2a900';
const INVESTOR_COLOR = '#58a6ff';

/** The engine writes scales as "a -> b"; show a real arrow. */
function arrows(text: string): string {
  return text.replace(/ -> /g, ' → ');
}

function unitOf(id: string): RawUnit {
  return [...FACTORS.trader, ...FACTORS.investor].find((f) => f.id === id)?.unit ?? 'number';
}

// ---------------------------------------------------------------------------------------------
// Small pieces

function GradePill(props: { grade: number | null; band: GradeBand; haveDays: number; needDays: number }) {
  if (props.grade === null) {
    return (
      <span className="grade-missing" title={`Needs ${props.needDays} days of price history`}>
        <span className="grade-pill none">{props.haveDays === 0 ? 'no history' : 'insufficient history'}</span>
        {props.haveDays > 0 && (
          <span className="muted small">
            {' '}
            {props.haveDays}/{props.needDays} days
          </span>
        )}
      </span>
    );
  }
  return (
    <span className={`grade-pill ${props.band}`} title={BAND_LABELS[props.band]}>
      {Math.round(props.grade)}
      <span className="visually-hidden"> ({BAND_LABELS[props.band]})</span>
    </span>
  );
}

function QuadrantTag({ quadrant }: { quadrant: GradeQuadrant }) {
  return <span className={`tag ${QUADRANT_TAGS[quadrant]}`}>{QUADRANT_LABELS[quadrant]}</span>;
}

/** Draws a horizontal guide at the given grades (60 weak, 80 strong) on a 0-100 y axis. */
function guideLinesPlugin(id: string): Plugin<'line'> {
  return {
    id,
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: a, scales } = chart;
      const y = scales['y'];
      if (!y) return;
      ctx.save();
      ctx.setLineDash([5, 4]);
      ctx.lineWidth = 1;
      ctx.font = '11px system-ui, sans-serif';
      for (const [v, label, c] of [
        [STRONG, `${STRONG} strong`, '#3fb950'],
        [WEAK, `${WEAK} weak`, '#f85149'],
      ] as const) {
        const py = y.getPixelForValue(v);
        ctx.strokeStyle = c;
        ctx.globalAlpha = 0.7;
        ctx.beginPath();
        ctx.moveTo(a.left, py);
        ctx.lineTo(a.right, py);
        ctx.stroke();
        ctx.globalAlpha = 1;
        ctx.fillStyle = c;
        ctx.textAlign = 'right';
        ctx.fillText(label, a.right - 4, py - 4);
      }
      ctx.restore();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Quadrant scatter

interface QuadrantRegion {
  x: [number, number];
  y: [number, number];
  color: string;
  lines: string[];
}

/** The four labelled quadrants: x = Investor Grade, y = Trader Grade. */
const REGIONS: QuadrantRegion[] = [
  { x: [STRONG, 100], y: [STRONG, 100], color: 'rgba(63, 185, 80, 0.14)', lines: ['Strong:', 'both high'] },
  {
    x: [0, WEAK],
    y: [STRONG, 100],
    color: 'rgba(210, 153, 34, 0.13)',
    lines: ['Short-term trade,', 'not a long hold'],
  },
  {
    x: [STRONG, 100],
    y: [0, WEAK],
    color: 'rgba(88, 166, 255, 0.12)',
    lines: ['Wait for a', 'better entry'],
  },
  { x: [0, WEAK], y: [0, WEAK], color: 'rgba(248, 81, 73, 0.09)', lines: ['Speculative:', 'both weak'] },
];

interface PlottedPoint {
  x: number;
  y: number;
  row: GradeRow;
}

const quadrantPlugin: Plugin<'scatter'> = {
  id: 'gradeQuadrants',
  beforeDatasetsDraw(chart) {
    const { ctx, chartArea: a, scales } = chart;
    const x = scales['x'];
    const y = scales['y'];
    if (!x || !y) return;
    ctx.save();
    for (const r of REGIONS) {
      const left = x.getPixelForValue(r.x[0]);
      const right = x.getPixelForValue(r.x[1]);
      const top = y.getPixelForValue(r.y[1]);
      const bottom = y.getPixelForValue(r.y[0]);
      ctx.fillStyle = r.color;
      ctx.fillRect(left, top, right - left, bottom - top);
      ctx.fillStyle = 'rgba(230, 237, 243, 0.55)';
      ctx.font = '11px system-ui, sans-serif';
      ctx.textAlign = r.x[0] === 0 ? 'left' : 'right';
      const tx = r.x[0] === 0 ? left + 6 : right - 6;
      const ty0 = r.y[1] === 100 ? top + 14 : bottom - 6 - 13 * (r.lines.length - 1);
      r.lines.forEach((line, i) => ctx.fillText(line, tx, ty0 + i * 13));
    }
    ctx.setLineDash([5, 4]);
    ctx.lineWidth = 1;
    for (const [v, c] of [
      [WEAK, 'rgba(248, 81, 73, 0.6)'],
      [STRONG, 'rgba(63, 185, 80, 0.6)'],
    ] as const) {
      ctx.strokeStyle = c;
      const px = x.getPixelForValue(v);
      const py = y.getPixelForValue(v);
      ctx.beginPath();
      ctx.moveTo(px, a.top);
      ctx.lineTo(px, a.bottom);
      ctx.moveTo(a.left, py);
      ctx.lineTo(a.right, py);
      ctx.stroke();
    }
    ctx.restore();
  },
  afterDatasetsDraw(chart) {
    // Symbol labels next to the points.
    const { ctx } = chart;
    ctx.save();
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'left';
    chart.data.datasets.forEach((ds, di) => {
      const meta = chart.getDatasetMeta(di);
      if (meta.hidden) return;
      ctx.fillStyle = di === 0 ? '#e6edf3' : 'rgba(139, 148, 158, 0.9)';
      (ds.data as unknown as PlottedPoint[]).forEach((p, i) => {
        const el = meta.data[i] as unknown as { x: number; y: number; options?: { radius?: number } } | undefined;
        if (!el) return;
        ctx.fillText(p.row.symbol, el.x + (el.options?.radius ?? 4) + 3, el.y + 4);
      });
    });
    ctx.restore();
  },
};

function QuadrantChart(props: { rows: GradeRow[]; onSelect: (symbol: string) => void }) {
  const { rows, onSelect } = props;
  const plotted = useMemo(() => rows.filter((r) => r.trader !== null && r.investor !== null), [rows]);
  const data = useMemo<ChartData<'scatter', PlottedPoint[]>>(() => {
    const toPoint = (r: GradeRow): PlottedPoint => ({ x: r.investor ?? 0, y: r.trader ?? 0, row: r });
    const held = plotted.filter((r) => r.held);
    const others = plotted.filter((r) => !r.held);
    return {
      datasets: [
        {
          label: 'Held (size = share of value)',
          data: held.map(toPoint),
          backgroundColor: 'rgba(242, 169, 0, 0.55)',
          borderColor: '#f2a900',
          borderWidth: 1.5,
          pointRadius: held.map((r) => 4 + Math.sqrt(r.valueShare ?? 0) * 26),
          pointHoverRadius: held.map((r) => 6 + Math.sqrt(r.valueShare ?? 0) * 26),
        },
        {
          label: 'Not held',
          data: others.map(toPoint),
          backgroundColor: 'rgba(139, 148, 158, 0.25)',
          borderColor: '#8b949e',
          borderWidth: 1,
          pointRadius: 4,
          pointHoverRadius: 6,
        },
      ],
    };
  }, [plotted]);
  const options = useMemo<ChartOptions<'scatter'>>(
    () => ({
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      scales: {
        x: {
          type: 'linear',
          min: 0,
          max: 100,
          title: { display: true, text: 'Investor Grade (long-term quality)' },
          ticks: { stepSize: 20 },
        },
        y: {
          type: 'linear',
          min: 0,
          max: 100,
          title: { display: true, text: 'Trader Grade (short-term momentum)' },
          ticks: { stepSize: 20 },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true } },
        tooltip: {
          callbacks: {
            label: (item) => {
              const p = item.raw as PlottedPoint;
              const share = p.row.held ? `, ${pct(p.row.valueShare)} of value` : '';
              return `${p.row.symbol}: Trader ${Math.round(p.y)}, Investor ${Math.round(p.x)}${share} (${QUADRANT_LABELS[p.row.quadrant]})`;
            },
          },
        },
      },
      onClick: (_e, elements, chart: Chart) => {
        const el = elements[0];
        if (!el) return;
        const p = chart.data.datasets[el.datasetIndex]?.data[el.index] as unknown as PlottedPoint | undefined;
        if (p) onSelect(p.row.symbol);
      },
      onHover: (event, elements) => {
        const target = event.native?.target;
        if (target instanceof HTMLElement) target.style.cursor = elements.length ? 'pointer' : 'default';
      },
    }),
    [onSelect],
  );
  const missing = rows.length - plotted.length;
  return (
    <section className="panel" aria-labelledby="grades-quadrant-title">
      <h2 id="grades-quadrant-title">Quadrant</h2>
      <div
        className="chart-box tall"
        role="figure"
        aria-label="Quadrant chart: Investor Grade across, Trader Grade up, lines at 60 and 80. Use the table to open a token with the keyboard."
        data-testid="grades-scatter"
      >
        <Scatter data={data} options={options} plugins={[quadrantPlugin]} />
      </div>
      <p className="muted small">
        Larger dots are larger holdings. Click a dot (or a row of the table) to see why it scores as it does.
        {missing > 0 && ` ${missing} of the listed assets lack a grade and are not plotted.`}
      </p>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Portfolio split

function SplitBar(props: {
  parts: { key: string; share: number; className: string; label: string }[];
  label: string;
  testId: string;
}) {
  return (
    <div className="split-bar" role="img" aria-label={props.label} data-testid={props.testId}>
      {props.parts
        .filter((p) => p.share > 0)
        .map((p) => (
          <span
            key={p.key}
            className={p.className}
            style={{ width: `${p.share * 100}%` }}
            title={`${p.label}: ${pct(p.share)}`}
          />
        ))}
    </div>
  );
}

function SplitCard(props: { split: GradeSplit; base: string }) {
  const { split } = props;
  const { updateSettings } = useApp();
  const [editing, setEditing] = useState(false);
  const [traderText, setTraderText] = useState(String(Math.round(split.target.trader * 100)));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const inputId = useId();
  const traderPct = Number(traderText);
  const valid = traderText.trim() !== '' && Number.isInteger(traderPct) && traderPct >= 0 && traderPct <= 100;

  const open = () => {
    setTraderText(String(Math.round(split.target.trader * 100)));
    setError(null);
    setSaved(false);
    setEditing(true);
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) {
      setError('Enter a whole percentage between 0 and 100.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await updateSettings({ gradeSplit: { trader: traderPct / 100, investor: (100 - traderPct) / 100 } });
      setEditing(false);
      setSaved(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  const rows = [
    {
      key: 'trader',
      label: `High Trader Grade (≥ ${STRONG})`,
      b: split.trader,
      target: split.target.trader,
      cls: 'seg-trader',
    },
    {
      key: 'investor',
      label: `High Investor Grade (≥ ${STRONG})`,
      b: split.investor,
      target: split.target.investor,
      cls: 'seg-investor',
    },
    { key: 'neither', label: 'Neither', b: split.neither, target: null, cls: 'seg-neither' },
    { key: 'ungraded', label: 'Not graded', b: split.ungraded, target: null, cls: 'seg-ungraded' },
  ];
  const rest = Math.max(0, 1 - split.target.trader - split.target.investor);
  return (
    <section className="panel split-card" aria-labelledby="grades-split-title" data-testid="grade-split">
      <h2 id="grades-split-title">Portfolio split by grade</h2>
      <div className="split-bars">
        <span className="muted small">Now</span>
        <SplitBar
          testId="split-actual"
          label={`Now: ${rows.map((r) => `${r.label} ${pct(r.b.share)}`).join(', ')}`}
          parts={rows.map((r) => ({ key: r.key, share: r.b.share, className: r.cls, label: r.label }))}
        />
        <span className="muted small">Target</span>
        <SplitBar
          testId="split-target"
          label={`Target: high Trader Grade ${pct(split.target.trader, 0)}, high Investor Grade ${pct(split.target.investor, 0)}`}
          parts={[
            { key: 'trader', share: split.target.trader, className: 'seg-trader', label: 'High Trader Grade' },
            { key: 'investor', share: split.target.investor, className: 'seg-investor', label: 'High Investor Grade' },
            { key: 'rest', share: rest, className: 'seg-neither', label: 'Anything else' },
          ]}
        />
      </div>
      <table className="split-table">
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-testid={`split-${r.key}`}>
              <th scope="row">
                <span className={`swatch ${r.cls}`} aria-hidden="true" /> {r.label}
              </th>
              <td className="num">{pct(r.b.share)}</td>
              <td className="num muted">{money(r.b.value, props.base, 0)}</td>
              <td className="muted small">
                {r.target !== null ? (
                  <span data-testid={`split-target-${r.key}`}>target {pct(r.target, 0)}</span>
                ) : r.b.assets.length > 0 ? (
                  r.b.assets.slice(0, 6).join(', ') + (r.b.assets.length > 6 ? ` +${r.b.assets.length - 6}` : '')
                ) : (
                  ''
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Tokens strong on both grades count as long holds (Investor). Change the target to match how much you mean to
        keep in short-term trades.
      </p>
      <p className="split-reading" data-testid="split-reading">
        {split.reading}
      </p>
      {editing ? (
        <form className="split-editor" noValidate onSubmit={(e) => void save(e)} aria-label="Target split">
          <label htmlFor={inputId}>High Trader Grade share</label>
          <span className="row">
            <input
              id={inputId}
              type="range"
              min={0}
              max={100}
              step={5}
              value={valid ? traderPct : 0}
              aria-label="High Trader Grade share slider"
              onChange={(e) => setTraderText(e.target.value)}
            />
            <input
              type="number"
              className="pct-input"
              min={0}
              max={100}
              step={1}
              value={traderText}
              aria-label="High Trader Grade share (%)"
              aria-invalid={!valid || undefined}
              data-testid="split-trader-input"
              onChange={(e) => setTraderText(e.target.value)}
            />
            %
          </span>
          <span className="muted small" data-testid="split-investor-preview">
            High Investor Grade share: {valid ? `${100 - traderPct}%` : '–'}
          </span>
          {error && (
            <p className="error-text small" role="alert">
              {error}
            </p>
          )}
          <span className="actions">
            <button type="submit" className="primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save target'}
            </button>
            <button type="button" onClick={() => setEditing(false)} disabled={saving}>
              Cancel
            </button>
          </span>
        </form>
      ) : (
        <div className="actions">
          <button type="button" onClick={open} data-testid="split-edit">
            Change target
          </button>
          {saved && (
            <span className="ok-text small" role="status">
              Target saved.
            </span>
          )}
        </div>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// How it works

function FactorList(props: { title: string; factors: FactorInfo[] }) {
  return (
    <div>
      <h3>{props.title}</h3>
      <table className="table factor-defs">
        <thead>
          <tr>
            <th>Factor</th>
            <th className="num">Weight</th>
            <th>Raw value</th>
            <th>Scale (raw → score)</th>
          </tr>
        </thead>
        <tbody>
          {props.factors.map((f) => (
            <tr key={f.id}>
              <td>
                <strong>{f.label}</strong>
                <div className="muted small">{f.rationale}</div>
              </td>
              <td className="num">{pct(f.weight, 0)}</td>
              <td className="small">{f.rawMeaning}</td>
              <td className="small">{arrows(f.scale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HowItWorks({ list }: { list: GradesList }) {
  return (
    <details className="panel how-it-works" data-testid="grades-how">
      <summary>
        <h2>How grades work</h2>
      </summary>
      <div className="stack">
        <p>
          Each token gets two scores from 0 to 100, computed on this computer from daily prices, volume and market cap.
          The <strong>Trader Grade</strong> reads short-term momentum; the <strong>Investor Grade</strong> reads
          long-term quality. A grade of {list.thresholds.strong} or more is{' '}
          <span className="grade-pill strong">strong</span>, below {list.thresholds.weak} is{' '}
          <span className="grade-pill weak">weak</span>, in between <span className="grade-pill neutral">neutral</span>.
        </p>
        <p>
          Every factor turns one measured value into a 0-100 score along the scale shown, and a grade is the weighted
          sum of its factors. A Trader Grade needs {list.minDays.trader} days of history, an Investor Grade{' '}
          {list.minDays.investor}; with less, the grade is shown as insufficient history, never guessed. A factor
          without data (for example an unknown market cap) is left out and its weight shared among the others.
        </p>
        <div className="stack">
          <FactorList title="Trader Grade" factors={list.factors.trader} />
          <FactorList title="Investor Grade" factors={list.factors.investor} />
        </div>
        <p className="muted small">
          Not investment advice. Grades summarise past price behaviour only: no fundamentals, on-chain data, news or
          token unlocks. Stablecoins are graded like any token and their grades mean little.
        </p>
      </div>
    </details>
  );
}

// ---------------------------------------------------------------------------------------------
// Token detail

function FactorTable(props: { title: string; kind: 'trader' | 'investor'; result: GradeResult }) {
  const r = props.result;
  return (
    <section className="panel" aria-labelledby={`factors-${props.kind}-title`}>
      <div className="toolbar">
        <h2 id={`factors-${props.kind}-title`}>{props.title}</h2>
        {r.grade === null ? (
          <span className="grade-pill none">insufficient history</span>
        ) : (
          <span className={`grade-pill big ${bandOf(r.grade)}`} data-testid={`detail-${props.kind}-grade`}>
            {Math.round(r.grade)}
          </span>
        )}
      </div>
      {r.grade === null ? (
        <p className="muted" data-testid={`factors-${props.kind}`}>
          Insufficient history: {r.haveDays} of the {r.needDays} daily candles this grade needs.
        </p>
      ) : (
        <table className="table factor-table" data-testid={`factors-${props.kind}`}>
          <thead>
            <tr>
              <th>Factor</th>
              <th className="num">Value</th>
              <th>Score</th>
              <th className="num">Weight</th>
            </tr>
          </thead>
          <tbody>
            {r.factors.map((f) => (
              <tr key={f.id} className="factor-row">
                <td>
                  <strong>{f.label}</strong>
                  <div className="muted small">{arrows(f.explanation)}</div>
                </td>
                <td className="num">{f.raw === null ? 'no data' : formatRaw(unitOf(f.id), f.raw)}</td>
                <td className="score-cell">
                  {f.score === null ? (
                    <span className="muted">–</span>
                  ) : (
                    <>
                      <span className="score-bar" aria-hidden="true">
                        <span
                          className={bandOf(f.score)}
                          style={{ width: `${Math.max(0, Math.min(100, f.score))}%` }}
                        />
                      </span>
                      <span className="score-num">{Math.round(f.score)}</span>
                    </>
                  )}
                </td>
                <td className="num">{pct(f.weight, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function bandOf(grade: number): GradeBand {
  return grade >= STRONG ? 'strong' : grade < WEAK ? 'weak' : 'neutral';
}

const xDateAxis = {
  type: 'linear' as const,
  ticks: { callback: (v: number | string) => date(Number(v)).slice(0, 7), maxTicksLimit: 8 },
};

const gradeGuides = guideLinesPlugin('gradeGuides');

function DetailCharts({ d }: { d: GradeDetail }) {
  const priceData = useMemo<ChartData<'line', { x: number; y: number }[]>>(
    () => ({
      datasets: [
        {
          label: `${d.symbol} close`,
          data: d.closes.map(([x, y]) => ({ x, y })),
          borderColor: '#a5d6ff',
          backgroundColor: 'rgba(165, 214, 255, 0.08)',
          borderWidth: 1.5,
          pointRadius: 0,
          fill: true,
        },
      ],
    }),
    [d],
  );
  const priceOptions = useMemo<ChartOptions<'line'>>(
    () => ({
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      interaction: { mode: 'index', intersect: false },
      scales: { x: xDateAxis, y: { type: 'linear' } },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? date(Number(items[0].parsed.x)) : ''),
            label: (item) => `Close ${Number(item.parsed.y).toPrecision(6)}`,
          },
        },
      },
    }),
    [],
  );
  const historyData = useMemo<ChartData<'line', { x: number; y: number }[]>>(() => {
    const pts = (k: 'trader' | 'investor') =>
      d.history.flatMap((p) => (p[k] === null ? [] : [{ x: p.t, y: p[k] as number }]));
    return {
      datasets: [
        {
          label: 'Trader Grade',
          data: pts('trader'),
          borderColor: TRADER_COLOR,
          backgroundColor: TRADER_COLOR,
          pointRadius: 0,
          borderWidth: 2,
        },
        {
          label: 'Investor Grade',
          data: pts('investor'),
          borderColor: INVESTOR_COLOR,
          backgroundColor: INVESTOR_COLOR,
          pointRadius: 0,
          borderWidth: 2,
        },
      ],
    };
  }, [d]);
  const historyOptions = useMemo<ChartOptions<'line'>>(
    () => ({
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      interaction: { mode: 'index', intersect: false },
      scales: { x: xDateAxis, y: { type: 'linear', min: 0, max: 100, ticks: { stepSize: 20 } } },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? `Week ending ${date(Number(items[0].parsed.x))}` : ''),
            label: (item) => `${item.dataset.label ?? ''}: ${Math.round(Number(item.parsed.y))}`,
          },
        },
      },
    }),
    [],
  );
  return (
    <div className="grid-2">
      <section className="panel" aria-labelledby="detail-price-title">
        <h2 id="detail-price-title">Price</h2>
        <div
          className="chart-box"
          role="figure"
          aria-label={`Daily closing price of ${d.symbol}`}
          data-testid="detail-price-chart"
        >
          <Line data={priceData} options={priceOptions} />
        </div>
      </section>
      <section className="panel" aria-labelledby="detail-history-title">
        <h2 id="detail-history-title">Grade history (weekly)</h2>
        <div
          className="chart-box"
          role="figure"
          aria-label={`Trader and Investor Grade of ${d.symbol} over time, with guide lines at 60 and 80`}
          data-testid="detail-history-chart"
        >
          <Line data={historyData} options={historyOptions} plugins={[gradeGuides]} />
        </div>
      </section>
    </div>
  );
}

function GradeDetailView(props: { symbol: string; onBack: () => void }) {
  const { symbol, onBack } = props;
  const { data, error, loading, reload } = useAsync(() => call('grades:detail', { symbol }), [symbol]);
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
      {error && (
        <div className="banner error" role="alert">
          {error}{' '}
          <button type="button" className="link" onClick={reload}>
            Try again
          </button>
        </div>
      )}
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
            <div className="card">
              <div className="card-label">Trader Grade</div>
              <div className="card-value">
                <GradePill
                  grade={d.trader.grade}
                  band={d.trader.grade === null ? 'ungraded' : bandOf(d.trader.grade)}
                  haveDays={d.haveDays}
                  needDays={d.trader.grade === null ? d.trader.needDays : 0}
                />
              </div>
              <div className="muted small">Short-term momentum</div>
            </div>
            <div className="card">
              <div className="card-label">Investor Grade</div>
              <div className="card-value">
                <GradePill
                  grade={d.investor.grade}
                  band={d.investor.grade === null ? 'ungraded' : bandOf(d.investor.grade)}
                  haveDays={d.haveDays}
                  needDays={d.investor.grade === null ? d.investor.needDays : 0}
                />
              </div>
              <div className="muted small">Long-term quality</div>
            </div>
            <div className="card">
              <div className="card-label">Your holding</div>
              <div className="card-value">{d.held ? pct(d.valueShare) : 'Not held'}</div>
              <div className="muted small">{d.held ? 'of portfolio value' : 'Listed because price history exists'}</div>
            </div>
            <div className="card">
              <div className="card-label">History</div>
              <div className="card-value">{d.haveDays.toLocaleString('en-US')} days</div>
              <div className="muted small">
                Graded on {date(d.asOf)}
                {d.marketCapUsd !== null ? `, market cap ${formatRaw('usd', d.marketCapUsd)}` : ', market cap unknown'}
              </div>
            </div>
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

// ---------------------------------------------------------------------------------------------
// Table and filters

interface Filters {
  search: string;
  traderMin: string;
  traderMax: string;
  investorMin: string;
  investorMax: string;
}

const NO_FILTERS: Filters = { search: '', traderMin: '', traderMax: '', investorMin: '', investorMax: '' };

function bound(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** Rows in scope that pass the filters. A bound on a grade excludes rows without that grade. */
function filterRows(rows: GradeRow[], scope: Scope, f: Filters): GradeRow[] {
  const q = f.search.trim().toLowerCase();
  const tMin = bound(f.traderMin);
  const tMax = bound(f.traderMax);
  const iMin = bound(f.investorMin);
  const iMax = bound(f.investorMax);
  const within = (g: number | null, min: number | null, max: number | null) =>
    (min === null && max === null) || (g !== null && (min === null || g >= min) && (max === null || g <= max));
  return rows.filter(
    (r) =>
      (scope === 'held' ? r.held : r.haveDays > 0) &&
      (!q || r.symbol.toLowerCase().includes(q) || r.name.toLowerCase().includes(q)) &&
      within(r.trader, tMin, tMax) &&
      within(r.investor, iMin, iMax),
  );
}

function RangeInput(props: { label: string; value: string; onChange: (v: string) => void; testId: string }) {
  const n = bound(props.value);
  const invalid = props.value.trim() !== '' && (n === null || n < 0 || n > 100);
  return (
    <label className="range-field">
      <span className="muted small">{props.label}</span>
      <input
        type="number"
        min={0}
        max={100}
        step={1}
        value={props.value}
        aria-invalid={invalid || undefined}
        data-testid={props.testId}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

function GradesTable(props: {
  rows: GradeRow[];
  list: GradesList;
  scope: Scope;
  onSelect: (symbol: string) => void;
  onClear: () => void;
  filtered: boolean;
}) {
  const { list, onSelect } = props;
  const columns = useMemo<Column<GradeRow>[]>(
    () => [
      {
        key: 'symbol',
        header: 'Asset',
        sort: (r) => r.symbol,
        render: (r) =>
          r.haveDays > 0 ? (
            <button
              type="button"
              className="symbol-button"
              data-symbol={r.symbol}
              aria-label={`${r.symbol}: open grade details`}
              onClick={(e) => {
                e.stopPropagation();
                onSelect(r.symbol);
              }}
            >
              {r.symbol}
            </button>
          ) : (
            <strong>{r.symbol}</strong>
          ),
      },
      {
        key: 'name',
        header: 'Name',
        sort: (r) => r.name.toLowerCase(),
        render: (r) => (
          <>
            {r.name}
            {r.stablecoin && (
              <span className="tag small-tag" title="Stablecoins are graded like any token; their grades mean little.">
                stablecoin
              </span>
            )}
          </>
        ),
      },
      {
        key: 'trader',
        header: 'Trader',
        align: 'right',
        sort: (r) => r.trader,
        render: (r) => (
          <GradePill grade={r.trader} band={r.traderBand} haveDays={r.haveDays} needDays={list.minDays.trader} />
        ),
      },
      {
        key: 'investor',
        header: 'Investor',
        align: 'right',
        sort: (r) => r.investor,
        render: (r) => (
          <GradePill grade={r.investor} band={r.investorBand} haveDays={r.haveDays} needDays={list.minDays.investor} />
        ),
      },
      {
        key: 'reading',
        header: 'Reading',
        sort: (r) => QUADRANT_LABELS[r.quadrant],
        render: (r) => (
          <div className="reading-cell">
            <QuadrantTag quadrant={r.quadrant} />
            <span className="muted small">{r.reading}</span>
          </div>
        ),
      },
      {
        key: 'share',
        header: 'Value share',
        align: 'right',
        sort: (r) => r.valueShare ?? null,
        render: (r) =>
          r.held ? (
            <span title={money(r.value, list.base)}>{pct(r.valueShare)}</span>
          ) : (
            <span className="muted small">not held</span>
          ),
      },
    ],
    [list, onSelect],
  );
  return (
    <SortableTable
      rows={props.rows}
      columns={columns}
      rowKey={(r) => r.symbol}
      initialSort={props.scope === 'held' ? { key: 'share', dir: 'desc' } : { key: 'trader', dir: 'desc' }}
      onRowClick={(r) => r.haveDays > 0 && onSelect(r.symbol)}
      testId="grades-table"
      empty={
        props.filtered ? (
          <span>
            No assets match these filters.{' '}
            <button type="button" className="link" onClick={props.onClear}>
              Clear filters
            </button>
          </span>
        ) : props.scope === 'held' ? (
          'You hold nothing with a value yet: switch to all assets with history.'
        ) : (
          'No price history is available yet.'
        )
      }
    />
  );
}

// ---------------------------------------------------------------------------------------------
// The view

export function GradesView() {
  const { portfolio, settings } = useApp();
  const { data, error, loading, reload } = useAsync(() => call('grades:list'), [portfolio, settings?.gradeSplit]);
  const [scope, setScope] = useState<Scope | null>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [selected, setSelected] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const lastSelected = useRef<string | null>(null);

  const effectiveScope: Scope = scope ?? (data && data.rows.some((r) => r.held) ? 'held' : 'all');
  const rows = useMemo(
    () => (data ? filterRows(data.rows, effectiveScope, filters) : []),
    [data, effectiveScope, filters],
  );
  const inScope = useMemo(
    () => (data ? data.rows.filter((r) => (effectiveScope === 'held' ? r.held : r.haveDays > 0)).length : 0),
    [data, effectiveScope],
  );
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);

  const select = useCallback((symbol: string) => {
    lastSelected.current = symbol;
    setSelected(symbol);
  }, []);
  const back = useCallback(() => setSelected(null), []);
  useEffect(() => {
    if (selected !== null || !lastSelected.current) return;
    const sym = lastSelected.current;
    lastSelected.current = null;
    listRef.current?.querySelector<HTMLElement>(`[data-symbol="${CSS.escape(sym)}"]`)?.focus();
  }, [selected]);

  const set = (k: keyof Filters) => (v: string) => setFilters((f) => ({ ...f, [k]: v }));
  const toggleStrong = (k: 'traderMin' | 'investorMin') =>
    setFilters((f) => ({ ...f, [k]: f[k] === String(STRONG) ? '' : String(STRONG) }));

  if (!data) {
    return error ? (
      <div className="banner error" role="alert">
        The grades could not be computed: {error}{' '}
        <button type="button" className="link" onClick={reload}>
          Try again
        </button>
      </div>
    ) : (
      <p className="muted" role="status" data-testid="grades-loading">
        Computing grades from price history…
      </p>
    );
  }

  return (
    <div className="grades-view">
      {selected !== null && <GradeDetailView symbol={selected} onBack={back} />}
      <div className="stack" hidden={selected !== null} ref={listRef} data-testid="grades-list">
        <p className="muted small grades-asof">
          Graded {data.asOf !== null ? `on ${date(data.asOf)}` : ''} from {data.sample ? 'the sample' : 'your cached'}{' '}
          daily prices, on this computer. Strong ≥ {data.thresholds.strong}, weak &lt; {data.thresholds.weak}.
          {loading && ' Updating…'}
        </p>
        {error && (
          <div className="banner error" role="alert">
            {error}
          </div>
        )}
        <div className="grid-2">
          <QuadrantChart rows={rows} onSelect={select} />
          <SplitCard split={data.split} base={data.base} />
        </div>
        <section className="panel" aria-labelledby="grades-table-title">
          <div className="toolbar">
            <h2 id="grades-table-title">Grades</h2>
            <div className="segmented" role="group" aria-label="Which assets">
              <button
                type="button"
                aria-pressed={effectiveScope === 'held'}
                className={effectiveScope === 'held' ? 'active' : undefined}
                onClick={() => setScope('held')}
              >
                My holdings
              </button>
              <button
                type="button"
                aria-pressed={effectiveScope === 'all'}
                className={effectiveScope === 'all' ? 'active' : undefined}
                onClick={() => setScope('all')}
              >
                All assets with history
              </button>
            </div>
          </div>
          <div className="grades-filters" role="group" aria-label="Filters">
            <input
              type="search"
              placeholder="Search symbol or name"
              aria-label="Search assets"
              value={filters.search}
              onChange={(e) => set('search')(e.target.value)}
            />
            <button
              type="button"
              aria-pressed={filters.traderMin === String(STRONG)}
              onClick={() => toggleStrong('traderMin')}
              className={filters.traderMin === String(STRONG) ? 'chip active' : 'chip'}
            >
              Trader ≥ {STRONG}
            </button>
            <button
              type="button"
              aria-pressed={filters.investorMin === String(STRONG)}
              onClick={() => toggleStrong('investorMin')}
              className={filters.investorMin === String(STRONG) ? 'chip active' : 'chip'}
            >
              Investor ≥ {STRONG}
            </button>
            <RangeInput
              label="Trader min"
              value={filters.traderMin}
              onChange={set('traderMin')}
              testId="filter-trader-min"
            />
            <RangeInput
              label="Trader max"
              value={filters.traderMax}
              onChange={set('traderMax')}
              testId="filter-trader-max"
            />
            <RangeInput
              label="Investor min"
              value={filters.investorMin}
              onChange={set('investorMin')}
              testId="filter-investor-min"
            />
            <RangeInput
              label="Investor max"
              value={filters.investorMax}
              onChange={set('investorMax')}
              testId="filter-investor-max"
            />
            {filtered && (
              <button type="button" className="link" onClick={() => setFilters(NO_FILTERS)}>
                Clear filters
              </button>
            )}
          </div>
          <p className="muted small" role="status" data-testid="grades-count">
            Showing {rows.length} of {inScope} {effectiveScope === 'held' ? 'holdings' : 'assets with history'}.
          </p>
          <GradesTable
            key={effectiveScope}
            rows={rows}
            list={data}
            scope={effectiveScope}
            onSelect={select}
            onClear={() => setFilters(NO_FILTERS)}
            filtered={filtered}
          />
        </section>
        <HowItWorks list={data} />
      </div>
    </div>
  );
}
