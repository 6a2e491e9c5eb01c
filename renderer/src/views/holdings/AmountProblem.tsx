/**
 * The problem of an amount field, as an alert; for an amount that reads two ways ("1,000"), one button
 * per reading that puts the unambiguous text in the field. Used by AddHoldingForm and HoldingRow.
 */
import type { AmountChoice } from './holding-input';

export function AmountProblem(props: {
  problem: string;
  choices?: AmountChoice[];
  onChoose: (text: string) => void;
  className?: string;
}) {
  return (
    <div className={`error-text small ${props.className ?? ''}`} role="alert" data-testid="amount-problem">
      {props.problem}
      {props.choices?.map((c) => (
        <button key={c.text} type="button" className="link amount-choice" onClick={() => props.onChoose(c.text)}>
          {c.label}
        </button>
      ))}
    </div>
  );
}
