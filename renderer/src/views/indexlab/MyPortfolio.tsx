/**
 * "My portfolio, rebalanced": today's amounts held from the start of a period and rebalanced to
 * fixed targets (today's weights or the user's saved asset targets) on a cadence with a fee, against
 * the same amounts left untouched. Form and result live in the lab store. Called by IndexLabView.tsx.
 */
import { useMemo } from 'react';
import { CADENCES, type Cadence } from '../../../../shared/indexlab';
import { Field, optionsOf, SelectField, SubmitForm, TextInput } from '../../components/Field';
import { useApp } from '../../lib/context';
import { CADENCE_LABELS } from './builder-form';
import { runMyPortfolio } from './lab-actions';
import { setLab, type MyForm } from './lab-store';
import { MyPortfolioOutcome } from './MyPortfolioOutcome';
import { useLab, useWorkerStatus } from './use-lab';

const setMy = (patch: Partial<MyForm>) => setLab((s) => ({ myForm: { ...s.myForm, ...patch } }));
const setCadence = (cadence: Cadence) => setMy({ cadence });
const CADENCE_OPTIONS = optionsOf(CADENCES, (cadence) => CADENCE_LABELS[cadence]);

/** A labelled text input for `name` of the form, with its error under it. */
function MyInput(props: {
  name: 'days' | 'feeBps';
  id: string;
  label: string;
  inputMode: 'decimal' | 'numeric';
  error: string | undefined;
}) {
  const value = useLab().myForm[props.name];
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      <TextInput id={props.id} inputMode={props.inputMode} value={value} onChange={(v) => setMy({ [props.name]: v })} />
    </Field>
  );
}

export function MyPortfolio({ base }: { base: string }) {
  const { portfolio, settings } = useApp();
  const { myForm, my, myRunning, myError } = useLab();
  const { cadence } = myForm;
  const ready = useWorkerStatus().state === 'ready';
  const holdings = useMemo(() => {
    const h: Record<string, number> = {};
    for (const p of portfolio?.portfolio.positions ?? []) h[p.asset] = (h[p.asset] ?? 0) + p.amount;
    return h;
  }, [portfolio]);
  const savedTargets = useMemo(() => {
    const t = settings?.targets;
    if (!t || t.dimension !== 'asset') return null;
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(t.targets)) if (v.target > 0) out[k] = v.target;
    return Object.keys(out).length ? out : null;
  }, [settings]);
  const feeBps = Number(myForm.feeBps);
  const days = Number(myForm.days);
  const feeError =
    myForm.feeBps.trim() === '' || !(feeBps >= 0 && feeBps <= 2000) ? 'a number from 0 to 2000' : undefined;
  const daysError = !(Number.isInteger(days) && days >= 30 && days <= 3650) ? 'whole days from 30 to 3650' : undefined;
  const count = Object.keys(holdings).length;

  const onRun = () => {
    if (feeError || daysError || count === 0) return;
    void runMyPortfolio({
      holdings,
      ...(myForm.targets === 'saved' && savedTargets ? { targets: savedTargets } : {}),
      days,
      cadence,
      feeBps,
    });
  };

  return (
    <section className="panel stack" aria-labelledby="il-my-title" data-testid="my-portfolio">
      <div>
        <h2 id="il-my-title">My portfolio, rebalanced</h2>
        <p className="muted small">
          What if you had held today&apos;s amounts from the start of the period and rebalanced them to fixed targets,
          versus leaving them untouched? Targets are fixed inputs, not a forecast.
        </p>
      </div>
      <SubmitForm className="row il-my-form" onSubmit={onRun}>
        <SelectField
          id="il-my-cadence"
          label="Rebalance"
          value={cadence}
          options={CADENCE_OPTIONS}
          onChange={setCadence}
        />
        <MyInput name="days" id="il-my-days" label="Days back" inputMode="numeric" error={daysError} />
        <MyInput name="feeBps" id="il-my-fee" label="Fee (bps)" inputMode="decimal" error={feeError} />
        <SelectField
          id="il-my-targets"
          label="Targets"
          value={savedTargets ? myForm.targets : 'current'}
          options={[
            { value: 'current', label: "Today's weights" },
            {
              value: 'saved',
              label: `My asset targets${savedTargets ? '' : ' (none saved)'}`,
              disabled: !savedTargets,
            },
          ]}
          onChange={(targets: MyForm['targets']) => setMy({ targets })}
        />
        <button
          type="submit"
          className="primary"
          disabled={!ready || myRunning || count === 0}
          data-testid="my-run"
          aria-busy={myRunning}
        >
          {myRunning ? 'Running…' : 'Simulate my portfolio'}
        </button>
        {count === 0 && <span className="muted small">No holdings to simulate.</span>}
      </SubmitForm>
      {myError && (
        <div className="banner error" role="alert">
          {myError}
        </div>
      )}
      {my && <MyPortfolioOutcome my={my} base={base} />}
    </section>
  );
}
