/**
 * The builder's "Weighting" fieldset: the weighting method, its signal source and lookbacks when it
 * needs them, and the cap per asset. Called by Builder.tsx.
 */
import { GRADE_SIGNAL_NEUTRAL } from '../../workers/indexlab-protocol';
import { BuilderSelect, BuilderText, type FieldsetProps } from './BuilderField';

export function WeightingFieldset(props: FieldsetProps) {
  const { form } = props;
  const signalHint =
    form.signalSource === 'grade'
      ? `Weight grows with the Trader Grade above ${GRADE_SIGNAL_NEUTRAL}; assets at or below get none. The CLI uses the trend signal instead.`
      : 'close / EMA − 1, positive trends only. Same as the CLI.';
  // The lookback the method needs, if any: the trend signal's EMA or the volatility window.
  const lookback =
    form.method === 'signal' && form.signalSource === 'trend'
      ? ({ name: 'signalLookbackDays', id: 'il-siglen', label: 'Trend EMA length (days)' } as const)
      : form.method === 'inverse-volatility'
        ? ({ name: 'volLookbackDays', id: 'il-vollen', label: 'Volatility window (days)' } as const)
        : null;
  return (
    <fieldset className="il-group">
      <legend>Weighting</legend>
      <BuilderSelect bind={props} name="method" id="il-method" label="Method" />
      {form.method === 'signal' && (
        <BuilderSelect bind={props} name="signalSource" id="il-signal" label="Signal" hint={signalHint} />
      )}
      {lookback && <BuilderText bind={props} {...lookback} inputMode="numeric" />}
      <BuilderText
        bind={props}
        name="maxWeightPct"
        id="il-cap"
        label="Max weight per asset (%)"
        placeholder="no cap"
        hint="Empty: no cap. Excess goes to the other assets."
      />
    </fieldset>
  );
}
