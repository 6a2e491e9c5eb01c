/**
 * The target weights being edited: the dimension and tolerated drift, one weight per group next to
 * today's share, the total, adding a group (sectors and assets) and scaling to 100%.
 */
import { useState } from 'react';
import type { Breakdown } from '../../../../shared/allocation/breakdown';
import { Field } from '../../components/Field';
import { TableHead, num } from '../../components/TableHead';
import { DEFAULT_BAND, labelFor, type TargetDimension, type TargetSet } from '../../../../shared/allocation/targets';
import { UnitNumberInput } from '../../components/UnitNumberInput';
import { pct } from '../../lib/format';
import {
  canScale,
  currentShare,
  editorKeys,
  fromCurrent,
  groupTitle,
  scaledToWhole,
  sumIsWhole,
  targetSum,
  withGroup,
  withTarget,
} from './target-draft';

/** A share typed as a percentage, in half-point steps. */
const PERCENT_INPUT = { scale: 100, unit: '%', min: 0, max: 100, step: 0.5 } as const;

export function TargetEditor(props: { draft: TargetSet; b: Breakdown; onChange: (t: TargetSet) => void }) {
  const { draft, b, onChange } = props;
  const [extra, setExtra] = useState('');
  const sum = targetSum(draft);
  return (
    <div className="stack">
      <div className="row">
        <Field id="target-dimension" label="Targets by">
          <select
            id="target-dimension"
            value={draft.dimension}
            onChange={(e) => onChange(fromCurrent(e.target.value as TargetDimension, b))}
          >
            <option value="tier">Market-cap tier</option>
            <option value="sector">Sector</option>
            <option value="asset">Asset</option>
          </select>
        </Field>
        <Field id="target-band" label="Tolerated drift (±)">
          <UnitNumberInput
            id="target-band"
            value={draft.band ?? DEFAULT_BAND}
            {...PERCENT_INPUT}
            onChange={(v) => onChange({ ...draft, band: v })}
          />
        </Field>
      </div>
      <table className="table target-table" data-testid="target-editor">
        <TableHead columns={[groupTitle(draft.dimension), num('Now'), num('Target')]} />
        <tbody>
          {editorKeys(draft, b).map((k) => {
            const label = labelFor(draft.dimension, k);
            return (
              <tr key={k}>
                <td>{label}</td>
                <td className="num">{pct(currentShare(b, draft.dimension, k))}</td>
                <td className="num">
                  <UnitNumberInput
                    value={draft.targets[k]?.target ?? 0}
                    {...PERCENT_INPUT}
                    digits={2}
                    label={`Target for ${label}`}
                    testId={`target-${k}`}
                    onChange={(v) => onChange(withTarget(draft, k, v))}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={2}>
              <strong>Total</strong>
            </td>
            <td className="num">
              <span className={sumIsWhole(sum) ? 'ok-text' : 'error-text'} data-testid="target-sum">
                {pct(sum, 2)}
              </span>
            </td>
          </tr>
        </tfoot>
      </table>
      <div className="row">
        {draft.dimension !== 'tier' && <AddGroup draft={draft} text={extra} onText={setExtra} onChange={onChange} />}
        <button type="button" onClick={() => onChange(scaledToWhole(draft))} disabled={!canScale(sum)}>
          Scale to 100%
        </button>
      </div>
    </div>
  );
}

/** "Add a sector / asset": a name field and a button that adds the group at 0%. */
function AddGroup(props: {
  draft: TargetSet;
  text: string;
  onText: (text: string) => void;
  onChange: (t: TargetSet) => void;
}) {
  const { draft, text } = props;
  return (
    <>
      <Field id="target-add" label={`Add a ${draft.dimension}`}>
        <input
          id="target-add"
          value={text}
          maxLength={40}
          placeholder={draft.dimension === 'asset' ? 'e.g. BTC' : 'e.g. DeFi'}
          onChange={(e) => props.onText(e.target.value)}
        />
      </Field>
      <button
        type="button"
        disabled={!text.trim()}
        onClick={() => {
          const next = withGroup(draft, text);
          if (next !== draft) props.onChange(next);
          props.onText('');
        }}
      >
        Add
      </button>
    </>
  );
}
