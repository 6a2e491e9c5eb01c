/**
 * The breakdown by one dimension at a time (tabs, arrow keys move between them): the doughnut and the
 * table side by side, and what the selected slice holds below.
 */
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { Breakdown } from '../../../../shared/allocation/breakdown';
import { DIMENSIONS, dimensionDef, nextDimension, slicesOf, type Dimension } from './breakdown-view';
import { SliceChart } from './SliceChart';
import { SliceHoldings } from './SliceHoldings';
import { SliceTable } from './SliceTable';

export function BreakdownSection({ b }: { b: Breakdown }) {
  const [dim, setDim] = useState<Dimension>('asset');
  const [selected, setSelected] = useState<string | null>(null);
  const slices = slicesOf(b, dim);
  const def = dimensionDef(dim);
  const slice = slices.find((s) => s.key === selected) ?? null;
  const toggle = useMemo(() => (key: string) => setSelected((cur) => (cur === key ? null : key)), []);
  const show = (d: Dimension) => {
    setDim(d);
    setSelected(null);
  };

  const onTabKey = (e: KeyboardEvent) => {
    const next = nextDimension(dim, e.key);
    if (!next) return;
    e.preventDefault();
    show(next);
    document.getElementById(`dim-tab-${next}`)?.focus();
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
            onClick={() => show(d.id)}
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
