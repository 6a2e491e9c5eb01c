/**
 * The form that adds one manual holding: asset (with catalog suggestions), amount, wallet (an existing
 * one or a new name, created on the way) and an optional note.
 */
import { useId, useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import type { ManualWalletView } from '../../../../shared/holdings/types';
import { Field } from '../../components/Field';
import { SuggestInput } from '../../components/SuggestInput';
import { call } from '../../lib/api';
import { amount as fmtAmount } from '../../lib/format';
import { AmountProblem } from './AmountProblem';
import { checkNewHolding, walletNamed, type AmountChoice, type HoldingForm, type Run } from './holding-input';

const EMPTY: HoldingForm = { asset: '', amount: '', wallet: '', note: '' };

export function AddHoldingForm(props: {
  wallets: ManualWalletView[];
  names: Map<string, string>;
  busy: boolean;
  run: Run;
}) {
  const id = useId();
  const [typed, setTyped] = useState<HoldingForm>(EMPTY);
  const [problem, setProblem] = useState<{ text: string; choices?: AmountChoice[] } | null>(null);
  // Until the user names one, the wallet is the first listed.
  const form = { ...typed, wallet: typed.wallet || props.wallets[0]?.label || '' };
  const suggestions = useMemo(() => [...props.names].map(([value, label]) => ({ value, label })), [props.names]);
  /** id, value and change handler of one field's input. */
  const bind = (key: keyof HoldingForm) => ({
    id: `${id}-${key}`,
    value: form[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => setTyped((t) => ({ ...t, [key]: e.target.value })),
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = checkNewHolding(form);
    if (!checked.ok)
      return setProblem({ text: checked.problem, ...(checked.choices ? { choices: checked.choices } : {}) });
    const h = checked.value;
    setProblem(null);
    const ok = await props.run(async () => {
      const target = walletNamed(props.wallets, h.wallet) ?? (await call('holdings:addWallet', { label: h.wallet }));
      await call('holdings:add', {
        walletId: target.id,
        asset: h.asset,
        amount: h.amount,
        ...(h.note ? { note: h.note } : {}),
      });
      return `Added ${fmtAmount(h.amount)} ${h.asset} to ${target.label}.`;
    });
    if (ok) setTyped({ ...EMPTY, wallet: h.wallet });
  };

  return (
    <form className="mh-add" onSubmit={(e) => void submit(e)} aria-label="Add a manual holding">
      <Field id={`${id}-asset`} label="Asset">
        <SuggestInput
          {...bind('asset')}
          listId={`${id}-assets`}
          suggestions={suggestions}
          placeholder="BTC"
          autoComplete="off"
          maxLength={20}
          data-testid="mh-asset"
        />
      </Field>
      <Field id={`${id}-amount`} label="Amount">
        <input {...bind('amount')} inputMode="decimal" placeholder="0.5" autoComplete="off" data-testid="mh-amount" />
      </Field>
      <Field id={`${id}-wallet`} label="Wallet or platform">
        <SuggestInput
          {...bind('wallet')}
          listId={`${id}-wallets`}
          suggestions={props.wallets.map((w) => ({ value: w.label }))}
          placeholder="Ledger"
          maxLength={60}
          data-testid="mh-wallet"
        />
      </Field>
      <Field
        id={`${id}-note`}
        label={
          <>
            Note <span className="muted small">(optional)</span>
          </>
        }
      >
        <input {...bind('note')} maxLength={200} />
      </Field>
      <div className="mh-add-actions">
        <button type="submit" className="primary" disabled={props.busy}>
          Add holding
        </button>
      </div>
      {problem && (
        <AmountProblem
          className="mh-add-problem"
          problem={problem.text}
          {...(problem.choices ? { choices: problem.choices } : {})}
          onChoose={(text) => {
            setTyped((t) => ({ ...t, amount: text }));
            setProblem(null);
          }}
        />
      )}
    </form>
  );
}
