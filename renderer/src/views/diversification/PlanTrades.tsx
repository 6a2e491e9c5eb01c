/** The plan's trades (sells first, then buys) and, under them, what it could not fill, skipped or wants said. */
import type { RebalancePlan } from '../../../../shared/allocation/rebalance';
import { labelFor } from '../../../../shared/allocation/targets';
import { EmptyRow, TableHead, num } from '../../components/TableHead';
import { amount, money, price } from '../../lib/format';
import { planNotes } from './plan-summary';

export function PlanTrades({ plan: p, base }: { plan: RebalancePlan; base: string }) {
  const notes = planNotes(p, base);
  return (
    <>
      <table className="table" data-testid="plan-trades">
        <TableHead
          columns={['Side', 'Asset', num('Amount'), num('Price'), num('Value'), num('Fee'), 'Counts toward']}
        />
        <tbody>
          {p.trades.length === 0 && (
            <EmptyRow columns={7}>Nothing to trade: the portfolio already matches these targets.</EmptyRow>
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
              <td className="num">{price(t.price, base)}</td>
              <td className="num">{money(t.value, base)}</td>
              <td className="num">{money(t.fee, base)}</td>
              <td>{labelFor(p.dimension, t.group)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {notes.length > 0 && (
        <ul className="plan-notes" data-testid="plan-notes">
          {notes.map((n) => (
            <li key={n.key}>
              <span className={`tag ${n.tag.level}`}>{n.tag.text}</span> {n.text}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
