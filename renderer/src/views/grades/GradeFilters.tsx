/**
 * The filters above the grades table: a text search, "≥ 80" chips for either grade, a min and max
 * for each grade, and "Clear filters". Holds no state: GradesView owns the filters.
 */
import {
  boundInvalid,
  isFiltered,
  NO_FILTERS,
  RANGE_FIELDS,
  STRONG_CHIPS,
  strongOn,
  toggleStrong,
  type RowFilters,
} from './grade-rows';

function RangeInput(props: { label: string; value: string; onChange: (v: string) => void; testId: string }) {
  return (
    <label className="range-field">
      <span className="muted small">{props.label}</span>
      <input
        type="number"
        min={0}
        max={100}
        step={1}
        value={props.value}
        aria-invalid={boundInvalid(props.value) || undefined}
        data-testid={props.testId}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

export function GradeFilters(props: {
  filters: RowFilters;
  onChange: (update: (f: RowFilters) => RowFilters) => void;
}) {
  const { filters, onChange } = props;
  const set = (k: keyof RowFilters) => (v: string) => onChange((f) => ({ ...f, [k]: v }));
  return (
    <div className="grades-filters" role="group" aria-label="Filters">
      <input
        type="search"
        placeholder="Search symbol or name"
        aria-label="Search assets"
        value={filters.search}
        onChange={(e) => set('search')(e.target.value)}
      />
      {STRONG_CHIPS.map((c) => (
        <button
          key={c.key}
          type="button"
          aria-pressed={strongOn(filters, c.key)}
          onClick={() => onChange((f) => toggleStrong(f, c.key))}
          className={strongOn(filters, c.key) ? 'chip active' : 'chip'}
        >
          {c.label}
        </button>
      ))}
      {RANGE_FIELDS.map((r) => (
        <RangeInput key={r.key} label={r.label} value={filters[r.key]} onChange={set(r.key)} testId={r.testId} />
      ))}
      {isFiltered(filters) && (
        <button type="button" className="link" onClick={() => onChange(() => NO_FILTERS)}>
          Clear filters
        </button>
      )}
    </div>
  );
}
