/**
 * A number input in display units: shows `value * scale` with its unit and reports `text / scale`
 * (NaN when the text is not a number), keeping the user's text while they type. Used by the rule
 * settings and the Diversification targets and fee.
 */
import { useEffect, useState } from 'react';
import { useFieldAria } from './Field';
import { syncedText, unitText, unitValue } from './unit-number';
import './UnitNumberInput.css';

export function UnitNumberInput(props: {
  id?: string;
  value: number;
  onChange: (value: number) => void;
  scale?: number;
  unit?: string;
  min?: number;
  max?: number;
  step?: number;
  label?: string;
  testId?: string;
  invalid?: boolean;
  /** Decimals shown for a value set from outside (the user's own text is kept as typed). */
  digits?: number;
}) {
  const scale = props.scale ?? 1;
  const digits = props.digits ?? 6;
  const [text, setText] = useState(() => unitText(props.value, scale, digits));
  const { value } = props;
  const aria = useFieldAria();
  useEffect(() => {
    setText((t) => syncedText(t, value, scale, digits));
  }, [value, scale, digits]);
  return (
    <span className="unit-input">
      <input
        id={props.id}
        type="number"
        inputMode="decimal"
        min={props.min}
        max={props.max}
        step={props.step ?? 'any'}
        value={text}
        aria-label={props.label}
        aria-describedby={aria['aria-describedby']}
        aria-invalid={props.invalid || aria['aria-invalid']}
        data-testid={props.testId}
        onChange={(e) => {
          setText(e.target.value);
          props.onChange(unitValue(e.target.value, scale));
        }}
      />
      {props.unit && <span className="unit">{props.unit}</span>}
    </span>
  );
}
