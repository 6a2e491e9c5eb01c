/**
 * One manual holding in its wallet's table: asset and name, amount and note (edited in place; Enter
 * saves, Escape cancels), when it changed, and a confirmed delete.
 */
import { useState, type KeyboardEvent } from 'react';
import type { ManualHolding } from '../../../../shared/holdings/types';
import { ConfirmRow } from '../../components/ConfirmRow';
import { RowActions } from '../../components/RowActions';
import { call } from '../../lib/api';
import { amount as fmtAmount, dateTime } from '../../lib/format';
import { AmountProblem } from './AmountProblem';
import { checkEdit, type AmountChoice, type Run } from './holding-input';

export function HoldingRow(props: { holding: ManualHolding; name: string | undefined; busy: boolean; run: Run }) {
  const h = props.holding;
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete'>('view');
  const [amountText, setAmountText] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<{ text: string; choices?: AmountChoice[] } | null>(null);

  const startEdit = () => {
    setAmountText(String(h.amount));
    setNote(h.note ?? '');
    setProblem(null);
    setMode('edit');
  };
  const save = async () => {
    const checked = checkEdit(amountText, note);
    if (!checked.ok)
      return setProblem({ text: checked.problem, ...(checked.choices ? { choices: checked.choices } : {}) });
    const ok = await props.run(async () => {
      await call('holdings:update', { id: h.id, ...checked.value });
      return `Updated ${h.asset}.`;
    });
    if (ok) setMode('view');
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setMode('view');
    }
  };

  return (
    <tr data-testid={`mh-row-${h.asset}`}>
      <td>
        <strong>{h.asset}</strong> {props.name && <span className="muted">{props.name}</span>}
      </td>
      <td className="num">
        {mode === 'edit' ? (
          <input
            className="mh-amount-input"
            aria-label={`Amount of ${h.asset}`}
            inputMode="decimal"
            value={amountText}
            autoFocus
            onChange={(e) => setAmountText(e.target.value)}
            onKeyDown={onKey}
          />
        ) : (
          fmtAmount(h.amount)
        )}
        {problem && mode === 'edit' && (
          <AmountProblem
            problem={problem.text}
            {...(problem.choices ? { choices: problem.choices } : {})}
            onChoose={(text) => {
              setAmountText(text);
              setProblem(null);
            }}
          />
        )}
      </td>
      <td>
        {mode === 'edit' ? (
          <input
            aria-label={`Note for ${h.asset}`}
            value={note}
            maxLength={200}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={onKey}
          />
        ) : (
          <span className="muted">{h.note ?? ''}</span>
        )}
      </td>
      <td className="muted small">{dateTime(h.updatedAt)}</td>
      <td className="mh-row-actions">
        {mode === 'view' && (
          <RowActions
            edit={{ text: 'Edit', label: `Edit ${h.asset}`, onClick: startEdit }}
            remove={{ text: 'Delete', label: `Delete ${h.asset}`, onClick: () => setMode('confirm-delete') }}
          />
        )}
        {mode === 'edit' && (
          <div className="actions">
            <button type="button" className="primary" disabled={props.busy} onClick={() => void save()}>
              Save
            </button>
            <button type="button" onClick={() => setMode('view')}>
              Cancel
            </button>
          </div>
        )}
        {mode === 'confirm-delete' && (
          <ConfirmRow
            label={`Confirm deleting ${h.asset}`}
            busy={props.busy}
            onCancel={() => setMode('view')}
            onConfirm={() =>
              void props.run(async () => {
                await call('holdings:remove', { id: h.id });
                return `Deleted ${h.asset}.`;
              })
            }
          >
            Delete {h.asset}?
          </ConfirmRow>
        )}
      </td>
    </tr>
  );
}
