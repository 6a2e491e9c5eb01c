/**
 * Picks assets for a custom universe: a filter (by symbol or name), "select shown", "clear", and a
 * chip per asset. The error, if any, is announced and describes the group. Called by
 * UniverseFieldset.tsx.
 */
import { useState } from 'react';
import type { AssetInfo } from '../../../../shared/domain/types';

export function AssetPicker(props: {
  symbols: string[];
  catalog: Record<string, AssetInfo>;
  selected: string[];
  onChange: (s: string[]) => void;
  error?: string | undefined;
}) {
  const [filter, setFilter] = useState('');
  const q = filter.trim().toLowerCase();
  const shown = props.symbols.filter(
    (s) => !q || s.toLowerCase().includes(q) || (props.catalog[s]?.name ?? '').toLowerCase().includes(q),
  );
  const sel = new Set(props.selected);
  const toggle = (s: string) =>
    props.onChange(sel.has(s) ? props.selected.filter((x) => x !== s) : [...props.selected, s]);
  return (
    <fieldset className="il-picker" aria-describedby={props.error ? 'il-symbols-error' : undefined}>
      <legend>
        Assets <span className="muted small">({props.selected.length} selected)</span>
      </legend>
      <div className="row">
        <input
          type="search"
          aria-label="Filter assets"
          placeholder="Filter…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <button type="button" onClick={() => props.onChange([...new Set([...props.selected, ...shown])])}>
          Select shown
        </button>
        <button type="button" onClick={() => props.onChange([])} disabled={props.selected.length === 0}>
          Clear
        </button>
      </div>
      <div className="il-chips">
        {shown.map((s) => (
          <label key={s} className={sel.has(s) ? 'il-chip on' : 'il-chip'} title={props.catalog[s]?.name ?? s}>
            <input type="checkbox" checked={sel.has(s)} onChange={() => toggle(s)} />
            {s}
          </label>
        ))}
        {shown.length === 0 && <span className="muted small">No asset matches.</span>}
      </div>
      {props.error && (
        <span className="error-text small" id="il-symbols-error" role="alert">
          {props.error}
        </span>
      )}
    </fieldset>
  );
}
