/** The breakdown table: one row per slice with its colour, value, share bar and position count; a row selects its slice. */
import type { Slice } from '../../../../shared/allocation/breakdown';
import { EmptyRow, TableHead, num } from '../../components/TableHead';
import { money, pct } from '../../lib/format';
import { color } from '../../lib/palette';
import { columnTitle, shareBarWidth } from './breakdown-view';

export function SliceTable(props: {
  slices: Slice[];
  base: string;
  selected: string | null;
  onSelect: (key: string) => void;
  noun: string;
}) {
  return (
    <table className="table slice-table" data-testid="slice-table">
      <TableHead columns={[columnTitle(props.noun), num('Value'), num('Share'), num('Positions')]} />
      <tbody>
        {props.slices.length === 0 && <EmptyRow columns={4}>Nothing priced to break down.</EmptyRow>}
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
                  <span style={{ width: shareBarWidth(s.share), background: color(i) }} />
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
