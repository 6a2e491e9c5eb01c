/**
 * One setting on a rule card, drawn by its kind: a switch, a list of sector checkboxes, or a number in
 * its unit (shares as percentages) with the default beside it.
 */
import { SECTOR_LABELS } from '../../../../shared/allocation/classify';
import { SECTORS } from '../../../../shared/domain/types';
import type { RuleFieldView, RuleValue } from '../../../../shared/ipc/channels/rules';
import { CheckboxField, Field } from '../../components/Field';
import { UnitNumberInput } from '../../components/UnitNumberInput';
import { isUnreadable, toggleSector } from './rule-view';

export function RuleField(props: {
  field: RuleFieldView;
  id: string;
  value: RuleValue | undefined;
  /** "default 20%". */
  def: string;
  enabled: boolean;
  onChange: (value: RuleValue) => void;
}) {
  const { field: f, id, value, def } = props;
  if (f.kind === 'boolean') {
    return (
      <CheckboxField id={id} checked={value === true} disabled={!props.enabled} onChange={(v) => props.onChange(v)}>
        <span>
          {f.label} <small className="muted">({def})</small>
        </span>
      </CheckboxField>
    );
  }
  if (f.kind === 'sectors') {
    const list = Array.isArray(value) ? value : [];
    return (
      <fieldset className="sector-picks" disabled={!props.enabled}>
        <legend className="small">
          {f.label} <span className="muted">({def})</span>
        </legend>
        {SECTORS.map((s) => (
          <label key={s} className="chip">
            <input
              type="checkbox"
              checked={list.includes(s)}
              onChange={(e) => props.onChange(toggleSector(list, s, e.target.checked))}
            />
            {SECTOR_LABELS[s]}
          </label>
        ))}
      </fieldset>
    );
  }
  return (
    <Field id={id} label={f.label} hint={def}>
      <UnitNumberInput
        id={id}
        value={typeof value === 'number' ? value : Number.NaN}
        scale={f.kind === 'share' ? 100 : 1}
        unit={f.unit}
        min={f.min}
        max={f.max}
        step={f.step}
        invalid={isUnreadable(value)}
        onChange={(v) => props.onChange(v)}
      />
    </Field>
  );
}
