/**
 * What a selected slice holds (one row per position, with its share of the slice and of the whole), and
 * the positions without a price, which every share leaves out.
 */
import type { Breakdown, Slice } from '../../../../shared/allocation/breakdown';
import { TableHead, num } from '../../components/TableHead';
import { amount, money, pct } from '../../lib/format';
import { custodyNamer, sliceHoldingRows } from './breakdown-view';

export function SliceHoldings(props: { slice: Slice; b: Breakdown; onClose: () => void }) {
  const { slice, b } = props;
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
        <TableHead
          columns={['Asset', 'Held at', num('Amount'), num('Value'), num('Of this group'), num('Of portfolio')]}
        />
        <tbody>
          {sliceHoldingRows(slice, b).map((r) => (
            <tr key={r.key}>
              <td>
                <strong>{r.asset}</strong>
              </td>
              <td>{r.heldAt}</td>
              <td className="num">{amount(r.amount)}</td>
              <td className="num">{money(r.value, b.base)}</td>
              <td className="num">{pct(r.ofGroup)}</td>
              <td className="num">{pct(r.ofPortfolio)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function UnpricedList({ b }: { b: Breakdown }) {
  const positions = b.unpricedPositions;
  if (positions.length === 0) {
    return <p className="muted small">Every position has a price, so every share above covers all your holdings.</p>;
  }
  const heldAt = custodyNamer(b);
  return (
    <section className="panel" aria-labelledby="unpriced-title" data-testid="unpriced">
      <h2 id="unpriced-title">Unpriced positions</h2>
      <p className="muted small">
        No price was found for these. They are left out of every share and of the rebalance plan, never counted as zero.
      </p>
      <ul className="drill">
        {positions.map((p) => (
          <li key={`${p.custodyId}:${p.asset}`}>
            <strong>{p.asset}</strong> {amount(p.amount)} at {heldAt(p)}
          </li>
        ))}
      </ul>
    </section>
  );
}
