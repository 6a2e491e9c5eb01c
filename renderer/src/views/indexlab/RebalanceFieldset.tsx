/**
 * The builder's "Rebalancing and costs" fieldset: the cadence (or drift band), fees and slippage, and
 * the optional risk-off rule that moves the index to cash in a downtrend. Called by Builder.tsx.
 */
import { BuilderCheck, BuilderSelect, BuilderText, type FieldsetProps } from './BuilderField';

const BAND_HINT = 'Rebalance when any weight drifts this far.';

export function RebalanceFieldset(props: FieldsetProps) {
  const { form } = props;
  const watchesAsset = form.riskOffRule === 'btc-below-ma';
  return (
    <fieldset className="il-group">
      <legend>Rebalancing and costs</legend>
      <BuilderSelect bind={props} name="cadence" id="il-cadence" label="Rebalance" />
      {form.cadence === 'threshold' && (
        <BuilderText bind={props} name="bandPct" id="il-band" label="Band (percentage points)" hint={BAND_HINT} />
      )}
      <div className="il-pair">
        <BuilderText bind={props} name="feeBps" id="il-fee" label="Fee (bps)" />
        <BuilderText bind={props} name="slippageBps" id="il-slip" label="Slippage (bps)" />
      </div>
      <BuilderCheck bind={props} name="riskOffEnabled">
        Risk-off: move to cash in a downtrend
      </BuilderCheck>
      {form.riskOffEnabled && (
        <>
          <BuilderSelect bind={props} name="riskOffRule" id="il-rule" label="Risk-off rule" />
          <div className="il-pair">
            {watchesAsset && (
              <BuilderText bind={props} name="riskOffAsset" id="il-roasset" label="Watched asset" inputMode="text" />
            )}
            <BuilderText
              bind={props}
              name="maDays"
              id="il-ma"
              label={watchesAsset ? 'SMA days' : 'EMA days'}
              inputMode="numeric"
            />
          </div>
          <BuilderCheck bind={props} name="checkDaily">
            Check every day (not only on rebalance days)
          </BuilderCheck>
        </>
      )}
    </fieldset>
  );
}
