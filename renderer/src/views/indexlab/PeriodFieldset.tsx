/**
 * The builder's "Period and capital" fieldset: start and end dates, initial capital, and the advanced
 * settings (history and staleness limits, benchmark, risk-free rate). Called by Builder.tsx.
 */
import { BuilderText, type FieldsetProps } from './BuilderField';

export function PeriodFieldset(
  props: FieldsetProps & {
    /** "first day to last day" of the loaded prices; undefined until the worker has them. */
    dataRange: string | undefined;
  },
) {
  const { dataRange } = props;
  const startHint = dataRange ? 'Empty: as early as the data allows.' : undefined;
  const endHint = dataRange ? 'Empty: the last day.' : undefined;
  return (
    <fieldset className="il-group">
      <legend>Period and capital</legend>
      <div className="il-pair">
        <BuilderText bind={props} name="startDate" id="il-start" label="Start" type="date" hint={startHint} />
        <BuilderText bind={props} name="endDate" id="il-end" label="End" type="date" hint={endHint} />
      </div>
      <BuilderText bind={props} name="initialCapital" id="il-capital" label="Initial capital" />
      <details className="il-advanced">
        <summary>Advanced</summary>
        <div className="il-pair">
          <BuilderText
            bind={props}
            name="minHistoryDays"
            id="il-minhist"
            label="Min. history (days)"
            inputMode="numeric"
          />
          <BuilderText bind={props} name="maxStaleDays" id="il-stale" label="Max. stale (days)" inputMode="numeric" />
        </div>
        <div className="il-pair">
          <BuilderText bind={props} name="benchmark" id="il-bench" label="Benchmark" inputMode="text" />
          <BuilderText bind={props} name="riskFreePct" id="il-rf" label="Risk-free rate (%/yr)" />
        </div>
      </details>
      {dataRange && <p className="muted small">Prices available {dataRange}.</p>}
    </fieldset>
  );
}
