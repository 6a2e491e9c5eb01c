/**
 * Diversification: the breakdown by asset, tier, sector and custody with concentration figures,
 * then targets (presets or custom weights), drift from them and a rebalance plan with CSV export.
 */
import type { ChartOptions } from 'chart.js';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { Doughnut } from 'react-chartjs-2';
import type { Breakdown, Slice } from '../../../shared/allocation/breakdown';
import { TIER_LABELS } from '../../../shared/allocation/classify';
import {
  DEFAULT_BAND,
  TARGET_PRESETS,
  drift,
  labelFor,
  slicesFor,
  validateTargetSet,
  type DriftRow,
  type TargetDimension,
  type TargetSet,
} from '../../../shared/allocation/targets';
import type { ValuedPosition } from '../../../shared/domain/types';
import type { AllocationView } from '../../../shared/ipc/channels/allocation';
import { UnitNumberInput } from '../components/UnitNumberInput';
import { call, errorText } from '../lib/api';
import { color } from '../lib/charts';
import { amount, money, pct } from '../lib/format';
import { useAsync } from '../lib/useApi';
import './diversification.css';

type Dimension = 'asset' | 'tier' | 'sector' | 'custody';

const DIMENSIONS: { id: Dimension; label: string; noun: string }[] = [
  { id: 'asset', label: 'By asset', noun: 'asset' },
  { id: 'tier', label: 'Market-cap tier', noun: 'tier' },
  { id: 'sector', label: 'Sector', noun: 'sector' },
  { id: 'custody', label: 'Exchange & custody', noun: 'account or wallet' },
];

/** Enough decimals to show about three significant digits of a small unit price. */
function priceDigits(price: number): number {
  if (!(price > 0) || price >= 1) return 2;
  return Math.min(12, 2 - Math.floor(Math.log10(price)));
}

function slicesOf(b: Breakdown, d: Dimension): Slice[] {
  return d === 'asset' ? b.byAsset : d === 'tier' ? b.byTier : d === 'sector' ? b.bySector : b.byCustody;
}

function custodyLabels(b: Breakdown): Map<string, string> {
  return new Map(b.byCustody.map((c) => [c.key, c.label]));
}

// ---------------------------------------------------------------------------------------------
// Breakdown

function ConcentrationCards({ b }: { b: Breakdown }) {
  const c = b.concentration;
  const held = b.byAsset.length;
  const hhiLevel = c.hhiPoints > 2500 ? 'crit' : c.hhiPoints > 1500 ? 'warn' : 'ok';
  const hhiText =
    c.hhiPoints > 2500 ? 'highly concentrated' : c.hhiPoints > 1500 ? 'moderately concentrated' : 'diversified';
  return (
    <section className="cards" aria-label="Concentration" data-testid="concentration">
      <div className="card" data-testid="card-total">
        <div className="card-label">Priced value</div>
        <div className="card-value">{money(b.total, b.base)}</div>
        <div className="muted small">
          {held} assets
          {b.unpricedPositions.length > 0 ? `, ${b.unpricedPositions.length} unpriced positions left out` : ''}
        </div>
      </div>
      <div className="card" data-testid="card-largest">
        <div className="card-label">Largest position</div>
        <div className="card-value">{c.largest ? `${c.largest.asset} ${pct(c.largest.share)}` : '–'}</div>
        <div className="muted small">The one asset with the most value, as a share of the whole.</div>
      </div>
      <div className="card" data-testid="card-top3">
        <div className="card-label">Top 3 share</div>
        <div className="card-value">{pct(c.top3Share)}</div>
        <div className="muted small">How much the three largest assets hold together.</div>
      </div>
      <div className="card" data-testid="card-hhi">
        <div className="card-label">HHI</div>
        <div className="card-value">
          {Math.round(c.hhiPoints).toLocaleString('en-US')} <span className={`tag ${hhiLevel}`}>{hhiText}</span>
        </div>
        <div className="muted small">Sum of squared shares (0-10,000); above 2,500 is highly concentrated.</div>
      </div>
      <div className="card" data-testid="card-effective">
        <div className="card-label">Effective assets</div>
        <div className="card-value">{c.effectiveAssets.toFixed(1)}</div>
        <div className="muted small">
          Spread like {c.effectiveAssets.toFixed(1)} equal positions, out of {held} held.
        </div>
      </div>
    </section>
  );
}

function SliceChart(props: {
  slices: Slice[];
  base: string;
  selected: string | null;
  onSelect: (key: string) => void;
  title: string;
}) {
  const { slices, base, selected, onSelect } = props;
  const data = useMemo(
    () => ({
      labels: slices.map((s) => s.label),
      datasets: [
        {
          data: slices.map((s) => s.value),
          backgroundColor: slices.map((_, i) => color(i)),
          borderColor: slices.map((s) => (s.key === selected ? '#e6edf3' : '#161b22')),
          borderWidth: slices.map((s) => (s.key === selected ? 3 : 1)),
          offset: slices.map((s) => (s.key === selected ? 14 : 0)),
        },
      ],
    }),
    [slices, selected],
  );
  const options = useMemo<ChartOptions<'doughnut'>>(
    () => ({
      responsive: true,
      maintainAspectRatio: false,
      cutout: '58%',
      layout: { padding: 16 },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => {
              const s = slices[item.dataIndex];
              return s ? `${s.label}: ${money(s.value, base)} (${pct(s.share)})` : '';
            },
          },
        },
      },
      onClick: (_event, elements) => {
        const i = elements[0]?.index;
        const s = i === undefined ? undefined : slices[i];
        if (s) onSelect(s.key);
      },
      onHover: (event, elements) => {
        const target = event.native?.target;
        if (target instanceof HTMLElement) target.style.cursor = elements.length ? 'pointer' : 'default';
      },
    }),
    [slices, base, onSelect],
  );
  return (
    <div className="chart-box tall" role="figure" aria-label={props.title} data-testid="breakdown-chart">
      <Doughnut data={data} options={options} />
    </div>
  );
}

function SliceTable(props: {
  slices: Slice[];
  base: string;
  selected: string | null;
  onSelect: (key: string) => void;
  noun: string;
}) {
  return (
    <table className="table slice-table" data-testid="slice-table">
      <thead>
        <tr>
          <th>{props.noun.charAt(0).toUpperCase() + props.noun.slice(1)}</th>
          <th className="num">Value</th>
          <th className="num">Share</th>
          <th className="num">Positions</th>
        </tr>
      </thead>
      <tbody>
        {props.slices.length === 0 && (
          <tr>
            <td colSpan={4} className="muted">
              Nothing priced to break down.
            </td>
          </tr>
        )}
        {props.slices.map((s, i) => {
          const active = s.key === props.selected;
          return (
            <tr key={s.key} className={`clickable${active ? ' selected' : ''}`} onClick={() => props.onSelect(s.key)}>
              <td>
                <button
                  type="button"
                  className="slice-button"
                  aria-pressed={active}
                  onClick={(e) => {
                    e.stopPropagation();
                    props.onSelect(s.key);
                  }}
                >
                  <span className="swatch" style={{ background: color(i) }} aria-hidden="true" />
                  {s.label}
                </button>
              </td>
              <td className="num">{money(s.value, props.base)}</td>
              <td className="num">
                <span className="share-bar" aria-hidden="true">
                  <span style={{ width: `${Math.min(100, s.share * 100)}%`, background: color(i) }} />
                </span>
                {pct(s.share)}
              </td>
              <td className="num">{s.positions.length}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function SliceHoldings(props: { slice: Slice; b: Breakdown; onClose: () => void }) {
  const { slice, b } = props;
  const labels = custodyLabels(b);
  const rows = [...slice.positions].sort((x, y) => (y.value ?? 0) - (x.value ?? 0));
  return (
    <section className="panel" aria-labelledby="slice-holdings-title" data-testid="slice-holdings">
      <div className="toolbar">
        <h2 id="slice-holdings-title">
          {slice.label}: {money(slice.value, b.base)} ({pct(slice.share)})
        </h2>
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>Asset</th>
            <th>Held at</th>
            <th className="num">Amount</th>
            <th className="num">Value</th>
            <th className="num">Of this group</th>
            <th className="num">Of portfolio</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={`${p.custodyId}:${p.asset}`}>
              <td>
                <strong>{p.asset}</strong>
              </td>
              <td>{labels.get(p.custodyId) ?? p.custodyId}</td>
              <td className="num">{amount(p.amount)}</td>
              <td className="num">{money(p.value, b.base)}</td>
              <td className="num">{pct(slice.value > 0 ? (p.value ?? 0) / slice.value : null)}</td>
              <td className="num">{pct(b.total > 0 ? (p.value ?? 0) / b.total : null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function UnpricedList({ positions, b }: { positions: ValuedPosition[]; b: Breakdown }) {
  const labels = custodyLabels(b);
  if (positions.length === 0) {
    return <p className="muted small">Every position has a price, so every share above covers all your holdings.</p>;
  }
  return (
    <section className="panel" aria-labelledby="unpriced-title" data-testid="unpriced">
      <h2 id="unpriced-title">Unpriced positions</h2>
      <p className="muted small">
        No price was found for these. They are left out of every share and of the rebalance plan, never counted as zero.
      </p>
      <ul className="drill">
        {positions.map((p) => (
          <li key={`${p.custodyId}:${p.asset}`}>
            <strong>{p.asset}</strong> {amount(p.amount)} at {labels.get(p.custodyId) ?? p.custodyId}
          </li>
        ))}
      </ul>
    </section>
  );
}

function BreakdownSection({ b }: { b: Breakdown }) {
  const [dim, setDim] = useState<Dimension>('asset');
  const [selected, setSelected] = useState<string | null>(null);
  const slices = slicesOf(b, dim);
  const def = DIMENSIONS.find((d) => d.id === dim) ?? DIMENSIONS[0]!;
  const slice = slices.find((s) => s.key === selected) ?? null;
  const toggle = useMemo(() => (key: string) => setSelected((cur) => (cur === key ? null : key)), []);

  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const i = DIMENSIONS.findIndex((d) => d.id === dim);
    const next = DIMENSIONS[(i + (e.key === 'ArrowRight' ? 1 : DIMENSIONS.length - 1)) % DIMENSIONS.length]!;
    setDim(next.id);
    setSelected(null);
    document.getElementById(`dim-tab-${next.id}`)?.focus();
  };

  return (
    <section className="stack" aria-label="Breakdown">
      <div className="segmented" role="tablist" aria-label="Break down by" onKeyDown={onTabKey}>
        {DIMENSIONS.map((d) => (
          <button
            key={d.id}
            id={`dim-tab-${d.id}`}
            type="button"
            role="tab"
            aria-selected={d.id === dim}
            aria-controls="dim-panel"
            tabIndex={d.id === dim ? 0 : -1}
            className={d.id === dim ? 'active' : undefined}
            onClick={() => {
              setDim(d.id);
              setSelected(null);
            }}
          >
            {d.label}
          </button>
        ))}
      </div>
      <div id="dim-panel" role="tabpanel" aria-labelledby={`dim-tab-${dim}`} className="grid-2">
        <div className="panel">
          <SliceChart
            slices={slices}
            base={b.base}
            selected={selected}
            onSelect={toggle}
            title={`Doughnut chart of the portfolio ${def.label.toLowerCase()}; pick a row in the table to see its holdings`}
          />
          <p className="muted small center">Click a slice or a row to see what it holds.</p>
        </div>
        <SliceTable slices={slices} base={b.base} selected={selected} onSelect={toggle} noun={def.noun} />
      </div>
      {slice && <SliceHoldings slice={slice} b={b} onClose={() => setSelected(null)} />}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Targets, drift and plan

/** Targets equal to the current mix of a dimension, rounded to 0.1% and adding up to 100%. */
function fromCurrent(dimension: TargetDimension, b: Breakdown): TargetSet {
  const slices = slicesFor(b, dimension).filter((s) => s.share > 0);
  const targets: TargetSet['targets'] = {};
  if (dimension === 'tier' && slices.length === 0) {
    targets['large'] = { target: 1 };
  }
  for (const s of slices) targets[s.key] = { target: Math.round(s.share * 1000) / 1000 };
  const keys = Object.keys(targets);
  const sum = keys.reduce((acc, k) => acc + (targets[k]?.target ?? 0), 0);
  const first = keys[0];
  if (first && targets[first]) targets[first] = { target: Math.round((targets[first].target + 1 - sum) * 1e6) / 1e6 };
  return { dimension, targets, band: DEFAULT_BAND };
}

function keysFor(set: TargetSet, b: Breakdown): string[] {
  const held = slicesFor(b, set.dimension).map((s) => s.key);
  const base = set.dimension === 'tier' ? (['large', 'mid', 'small', 'stablecoin'] as string[]) : [];
  return [...new Set([...base, ...Object.keys(set.targets), ...held])];
}

function DriftTable({ rows }: { rows: DriftRow[] }) {
  const sorted = [...rows].sort((a, c) => c.target - a.target || c.actual - a.actual);
  return (
    <table className="table drift-table" data-testid="drift-table">
      <thead>
        <tr>
          <th>Group</th>
          <th className="num">Actual</th>
          <th className="num">Target</th>
          <th className="num">Range</th>
          <th className="num">Drift</th>
          <th className="drift-col">Actual vs range</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => (
          <tr key={r.key} className={r.outsideBand ? 'out-of-band' : undefined}>
            <td>{r.label}</td>
            <td className="num">{pct(r.actual)}</td>
            <td className="num">{pct(r.target)}</td>
            <td className="num">
              {pct(r.lower)}–{pct(r.upper)}
            </td>
            <td className="num">
              {r.drift >= 0 ? '+' : '−'}
              {Math.abs(r.drift * 100).toFixed(1)} pts
            </td>
            <td className="drift-col" aria-hidden="true">
              <span className="drift-track">
                <span
                  className="drift-band"
                  style={{ left: `${r.lower * 100}%`, width: `${(r.upper - r.lower) * 100}%` }}
                />
                <span className="drift-target" style={{ left: `${r.target * 100}%` }} />
                <span
                  className={`drift-actual${r.outsideBand ? ' out' : ''}`}
                  style={{ left: `${Math.min(100, r.actual * 100)}%` }}
                />
              </span>
            </td>
            <td>
              {r.outsideBand ? (
                <span className="tag warn">{r.drift > 0 ? 'over' : 'under'}</span>
              ) : (
                <span className="tag ok">in range</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TargetEditor(props: { draft: TargetSet; b: Breakdown; onChange: (t: TargetSet) => void }) {
  const { draft, b, onChange } = props;
  const [extra, setExtra] = useState('');
  const keys = keysFor(draft, b);
  const sum = Object.values(draft.targets).reduce((s, t) => s + (Number.isFinite(t.target) ? t.target : 0), 0);
  const setTarget = (key: string, v: number) => {
    const targets = { ...draft.targets };
    // An edited target uses the band; a preset's published min/max no longer apply to it.
    targets[key] = { target: v };
    onChange({ ...draft, targets });
  };
  const normalise = () => {
    if (!(sum > 0)) return;
    const targets: TargetSet['targets'] = {};
    for (const [k, t] of Object.entries(draft.targets)) {
      if (Number.isFinite(t.target) && t.target > 0) targets[k] = { target: t.target / sum };
    }
    onChange({ ...draft, targets });
  };
  return (
    <div className="stack">
      <div className="row">
        <label className="field" htmlFor="target-dimension">
          <span>Targets by</span>
          <select
            id="target-dimension"
            value={draft.dimension}
            onChange={(e) => onChange(fromCurrent(e.target.value as TargetDimension, b))}
          >
            <option value="tier">Market-cap tier</option>
            <option value="sector">Sector</option>
            <option value="asset">Asset</option>
          </select>
        </label>
        <label className="field" htmlFor="target-band">
          <span>Tolerated drift (±)</span>
          <UnitNumberInput
            id="target-band"
            value={draft.band ?? DEFAULT_BAND}
            scale={100}
            unit="%"
            min={0}
            max={100}
            step={0.5}
            onChange={(v) => onChange({ ...draft, band: v })}
          />
        </label>
      </div>
      <table className="table target-table" data-testid="target-editor">
        <thead>
          <tr>
            <th>{draft.dimension === 'tier' ? 'Tier' : draft.dimension === 'sector' ? 'Sector' : 'Asset'}</th>
            <th className="num">Now</th>
            <th className="num">Target</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => {
            const t = draft.targets[k];
            const label = labelFor(draft.dimension, k);
            return (
              <tr key={k}>
                <td>{label}</td>
                <td className="num">{pct(slicesFor(b, draft.dimension).find((s) => s.key === k)?.share ?? 0)}</td>
                <td className="num">
                  <UnitNumberInput
                    value={t?.target ?? 0}
                    scale={100}
                    unit="%"
                    min={0}
                    max={100}
                    step={0.5}
                    digits={2}
                    label={`Target for ${label}`}
                    testId={`target-${k}`}
                    onChange={(v) => setTarget(k, v)}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={2}>
              <strong>Total</strong>
            </td>
            <td className="num">
              <span className={Math.abs(sum - 1) < 1e-6 ? 'ok-text' : 'error-text'} data-testid="target-sum">
                {pct(sum, 2)}
              </span>
            </td>
          </tr>
        </tfoot>
      </table>
      <div className="row">
        {draft.dimension !== 'tier' && (
          <>
            <label className="field" htmlFor="target-add">
              <span>Add a {draft.dimension}</span>
              <input
                id="target-add"
                value={extra}
                maxLength={40}
                placeholder={draft.dimension === 'asset' ? 'e.g. BTC' : 'e.g. DeFi'}
                onChange={(e) => setExtra(e.target.value)}
              />
            </label>
            <button
              type="button"
              disabled={!extra.trim()}
              onClick={() => {
                const key = draft.dimension === 'asset' ? extra.trim().toUpperCase() : extra.trim();
                if (!draft.targets[key]) onChange({ ...draft, targets: { ...draft.targets, [key]: { target: 0 } } });
                setExtra('');
              }}
            >
              Add
            </button>
          </>
        )}
        <button type="button" onClick={normalise} disabled={!(sum > 0) || Math.abs(sum - 1) < 1e-9}>
          Scale to 100%
        </button>
      </div>
    </div>
  );
}

function PlanPanel(props: { targets: TargetSet; base: string }) {
  const [feeBps, setFeeBps] = useState(10);
  const [exportStatus, setExportStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const key = JSON.stringify(props.targets);
  const feeOk = Number.isFinite(feeBps) && feeBps >= 0 && feeBps <= 1000;
  const plan = useAsync(
    () => (feeOk ? call('allocation:plan', { targets: props.targets, feeBps }) : Promise.resolve(null)),
    [key, feeBps, feeOk],
  );
  const p = plan.data;
  const base = props.base;

  const exportCsv = async () => {
    setExportStatus(null);
    try {
      const r = await call('allocation:exportPlan', { targets: props.targets, feeBps });
      setExportStatus(
        r.path
          ? { kind: 'ok', text: `Saved ${r.trades} trades to ${r.path}` }
          : { kind: 'ok', text: 'Export cancelled.' },
      );
    } catch (err) {
      setExportStatus({ kind: 'error', text: errorText(err) });
    }
  };

  return (
    <section className="panel" aria-labelledby="plan-title" data-testid="rebalance-plan">
      <div className="toolbar">
        <h2 id="plan-title">Rebalance plan</h2>
        <div className="actions">
          <label className="field inline" htmlFor="fee-bps">
            <span>Fee per trade</span>
            <UnitNumberInput id="fee-bps" value={feeBps} unit="bps" min={0} max={1000} step={1} onChange={setFeeBps} />
          </label>
          <button
            type="button"
            className="primary"
            disabled={!p || p.trades.length === 0 || plan.loading}
            onClick={() => void exportCsv()}
          >
            Export CSV
          </button>
        </div>
      </div>
      <p className="banner never-orders" data-testid="never-orders">
        <strong>Ballast never places orders.</strong> This plan is a list for you to check and carry out yourself at
        your exchanges; prices move, so recheck them there.
      </p>
      {!feeOk && (
        <p role="alert" className="error-text">
          Enter a fee between 0 and 1,000 basis points (10 bps = 0.1% of each trade).
        </p>
      )}
      {plan.error && (
        <p role="alert" className="error-text">
          {plan.error}
        </p>
      )}
      {exportStatus && (
        <p
          role={exportStatus.kind === 'error' ? 'alert' : 'status'}
          className={exportStatus.kind === 'error' ? 'error-text' : 'ok-text'}
        >
          {exportStatus.text}
        </p>
      )}
      {!p && !plan.error && feeOk && <p className="muted">Planning…</p>}
      {p && (
        <div className="stack">
          <div className="cards">
            <div className="card">
              <div className="card-label">To sell</div>
              <div className="card-value">{money(p.totalSold, base)}</div>
            </div>
            <div className="card">
              <div className="card-label">To buy</div>
              <div className="card-value">{money(p.totalBought, base)}</div>
            </div>
            <div className="card" data-testid="plan-fees">
              <div className="card-label">Fees</div>
              <div className="card-value">{money(p.totalFees, base)}</div>
              <div className="muted small">{(p.feeBps / 100).toFixed(2)}% of each trade</div>
            </div>
            <div className="card">
              <div className="card-label">Trades</div>
              <div className="card-value">{p.trades.length}</div>
            </div>
          </div>
          <table className="table" data-testid="plan-trades">
            <thead>
              <tr>
                <th>Side</th>
                <th>Asset</th>
                <th className="num">Amount</th>
                <th className="num">Price</th>
                <th className="num">Value</th>
                <th className="num">Fee</th>
                <th>Counts toward</th>
              </tr>
            </thead>
            <tbody>
              {p.trades.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted">
                    Nothing to trade: the portfolio already matches these targets.
                  </td>
                </tr>
              )}
              {p.trades.map((t) => (
                <tr key={`${t.side}:${t.asset}`}>
                  <td>
                    <span className={`tag ${t.side === 'sell' ? 'warn' : 'ok'}`}>{t.side}</span>
                  </td>
                  <td>
                    <strong>{t.asset}</strong>
                  </td>
                  <td className="num">{amount(t.amount)}</td>
                  <td className="num">{money(t.price, base, priceDigits(t.price))}</td>
                  <td className="num">{money(t.value, base)}</td>
                  <td className="num">{money(t.fee, base)}</td>
                  <td>{labelFor(p.dimension, t.group)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {(p.unfilled.length > 0 || p.notes.length > 0 || p.skipped.length > 0) && (
            <ul className="plan-notes" data-testid="plan-notes">
              {p.unfilled.map((u) => (
                <li key={`u:${u.key}`}>
                  <span className="tag warn">unfilled</span> {u.message}
                </li>
              ))}
              {p.skipped.map((s) => (
                <li key={`s:${s.asset}`}>
                  <span className="tag info">skipped</span> {s.side} {s.asset} {money(s.value, base)}: below the minimum
                  trade.
                </li>
              ))}
              {p.notes.map((n) => (
                <li key={`n:${n}`}>
                  <span className="tag info">note</span> {n}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

function TargetsSection(props: { view: AllocationView; onSaved: (v: AllocationView) => void }) {
  const { view } = props;
  const b = view.breakdown;
  const [draft, setDraft] = useState<TargetSet | null>(view.targets);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => setDraft(view.targets), [view.targets]);

  const validation = draft ? validateTargetSet(draft) : null;
  const valid = validation?.ok ? validation.value : null;
  const dirty = JSON.stringify(draft) !== JSON.stringify(view.targets);
  const rows = useMemo(
    () => (valid ? drift(b, { ...valid, band: valid.band ?? view.band }) : null),
    [valid, b, view.band],
  );
  const outside = rows?.filter((r) => r.outsideBand).length ?? 0;
  const activePreset = TARGET_PRESETS.find((p) => JSON.stringify(p.targetSet) === JSON.stringify(draft))?.id;

  const save = async (targets: TargetSet | null) => {
    setBusy(true);
    try {
      props.onSaved(await call('allocation:setTargets', { targets }));
      setStatus({ kind: 'ok', text: targets ? 'Targets saved. Drift warnings now use them.' : 'Targets cleared.' });
    } catch (err) {
      setStatus({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="stack" aria-labelledby="targets-title" data-testid="targets">
      <div className="panel stack">
        <div className="toolbar">
          <h2 id="targets-title">Targets</h2>
          {view.targets ? (
            <span className="tag info">saved: by {view.targets.dimension}</span>
          ) : (
            <span className="muted small">No targets saved yet</span>
          )}
        </div>
        <p className="muted small">
          Start from a preset or from your current mix, adjust the weights, and save. Presets are tier mixes built from
          ranges commonly given in retail crypto guidance: starting points, not advice.
        </p>
        <div className="preset-row" role="group" aria-label="Presets">
          {TARGET_PRESETS.map((p) => (
            <button
              key={p.id}
              type="button"
              className={`preset${activePreset === p.id ? ' active' : ''}`}
              aria-pressed={activePreset === p.id}
              onClick={() => {
                setDraft(structuredClone(p.targetSet));
                setStatus(null);
              }}
            >
              <strong>{p.name}</strong>
              <span className="muted small">
                {Object.entries(p.targetSet.targets)
                  .map(([k, t]) => `${(TIER_LABELS as Record<string, string>)[k] ?? k} ${pct(t.target, 0)}`)
                  .join(' · ')}
              </span>
              <span className="small">{p.description}</span>
            </button>
          ))}
          <button
            type="button"
            className="preset"
            onClick={() => {
              setDraft(fromCurrent(draft?.dimension ?? 'tier', b));
              setStatus(null);
            }}
          >
            <strong>Your current mix</strong>
            <span className="small">Start from today&apos;s weights and adjust them.</span>
          </button>
        </div>
        {draft && (
          <div className="grid-2">
            <TargetEditor
              draft={draft}
              b={b}
              onChange={(t) => {
                setDraft(t);
                setStatus(null);
              }}
            />
            <div className="stack">
              {validation && !validation.ok && (
                <ul role="alert" className="error-text small" data-testid="target-errors">
                  {validation.errors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              )}
              <div className="actions">
                <button
                  type="button"
                  className="primary"
                  disabled={busy || !valid || !dirty}
                  onClick={() => valid && void save(valid)}
                >
                  Save targets
                </button>
                {dirty && view.targets && (
                  <button type="button" disabled={busy} onClick={() => setDraft(view.targets)}>
                    Discard changes
                  </button>
                )}
                {view.targets && (
                  <button type="button" className="danger" disabled={busy} onClick={() => void save(null)}>
                    Clear targets
                  </button>
                )}
              </div>
              {dirty && valid && (
                <p className="muted small">
                  Unsaved: drift and plan below preview these targets; warnings use saved ones.
                </p>
              )}
              {status && (
                <p
                  role={status.kind === 'error' ? 'alert' : 'status'}
                  className={status.kind === 'error' ? 'error-text' : 'ok-text'}
                >
                  {status.text}
                </p>
              )}
            </div>
          </div>
        )}
      </div>
      {rows && valid && (
        <section className="panel" aria-labelledby="drift-title" data-testid="drift">
          <div className="toolbar">
            <h2 id="drift-title">Actual vs target</h2>
            <span className={`tag ${outside ? 'warn' : 'ok'}`}>
              {outside ? `${outside} outside the range` : 'all within range'}
            </span>
          </div>
          <DriftTable rows={rows} />
          <p className="muted small">
            The shaded bar is the tolerated range (the target ± {pct(valid.band ?? view.band)} unless the preset gives
            its own range), the thin line the target and the dot where you are now.
          </p>
        </section>
      )}
      {valid && <PlanPanel targets={valid} base={b.base} />}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------

export function DiversificationView() {
  const loaded = useAsync(() => call('allocation:get'), []);
  const [view, setView] = useState<AllocationView | null>(null);
  useEffect(() => {
    if (loaded.data) setView(loaded.data);
  }, [loaded.data]);

  if (loaded.error && !view) {
    return (
      <div className="stack">
        <p role="alert" className="error-text">
          The breakdown could not be computed: {loaded.error}
        </p>
        <div>
          <button type="button" onClick={loaded.reload}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  if (!view) return <p className="muted">Computing the breakdown…</p>;
  const b = view.breakdown;

  return (
    <div className="stack diversification">
      <ConcentrationCards b={b} />
      {b.total > 0 ? (
        <BreakdownSection b={b} />
      ) : (
        <div className="panel">
          <p>Nothing priced to break down yet.</p>
          <p className="muted small">Add an exchange account or a manual holding in Keys &amp; Activity.</p>
        </div>
      )}
      <UnpricedList positions={b.unpricedPositions} b={b} />
      <TargetsSection view={view} onSaved={setView} />
    </div>
  );
}
