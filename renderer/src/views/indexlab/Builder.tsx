/**
 * The Index Lab builder: one form over the four fieldsets (universe, weighting, rebalancing and
 * costs, period and capital) that validates on Run, Export or Save and shows each error at its field;
 * plus spec files (export and import as JSON) and named specs kept in main. The form itself lives in
 * the lab store, so it survives a view switch. Called by IndexLabView.tsx.
 */
import { useMemo, useRef, useState } from 'react';
import { defaultIndexSpec, parseIndexSpec, type IndexSpec } from '../../../../shared/indexlab';
import type { SavedIndexSpec } from '../../../../shared/ipc/channels/indexlab';
import type { PriceHistoryView } from '../../../../shared/ipc/channels/prices';
import { ErrorList } from '../../components/ErrorText';
import { SubmitForm } from '../../components/Field';
import { errorText } from '../../lib/api';
import { date } from '../../lib/format';
import type { WorkerStatus } from '../../workers/indexlab-client';
import { buildSpec, describeSpec, formFromSpec, type BuilderForm, type BuiltSpec } from './builder-form';
import { BuilderMessageBanner, type BuilderMessage } from './BuilderMessage';
import { specFileName, specJson } from './exports';
import { exportFile, runSimulation } from './lab-actions';
import { setForm } from './lab-store';
import { PeriodFieldset } from './PeriodFieldset';
import { RebalanceFieldset } from './RebalanceFieldset';
import { SavedSpecs } from './SavedSpecs';
import { UniverseFieldset } from './UniverseFieldset';
import { useLab } from './use-lab';
import { WeightingFieldset } from './WeightingFieldset';

/** Largest spec file read on import. */
const IMPORT_MAX_BYTES = 5_000_000;

export function Builder(props: {
  history: PriceHistoryView | undefined;
  holdings: string[];
  status: WorkerStatus;
  saved: SavedIndexSpec[];
  onSaved: (list: SavedIndexSpec[]) => void;
}) {
  const { form, running, runError } = useLab();
  const [errors, setErrors] = useState<BuiltSpec | null>(null);
  const [message, setMessage] = useState<BuilderMessage | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const symbols = useMemo(() => Object.keys(props.history?.history ?? {}).sort(), [props.history]);
  const catalog = useMemo(() => props.history?.catalog ?? {}, [props.history]);
  const ready = props.status.state === 'ready';

  const validate = (): IndexSpec | null => {
    const built = buildSpec(form);
    setErrors(built);
    return built.spec;
  };

  const onRun = () => {
    setMessage(null);
    const spec = validate();
    if (spec) void runSimulation(spec, form.signalSource);
  };

  const update = (patch: Partial<BuilderForm>) => {
    setForm(patch);
    if (errors) setErrors(null);
  };

  const loadSpec = (spec: IndexSpec) => {
    setForm(formFromSpec(spec, form.signalSource));
    setErrors(null);
  };

  const onExportSpec = async () => {
    setMessage(null);
    const spec = validate();
    if (!spec) return;
    try {
      const path = await exportFile('spec-json', specFileName(spec, form.signalSource), specJson(spec));
      setMessage(path ? { kind: 'ok', text: `Spec saved to ${path}` } : null);
    } catch (err) {
      setMessage({ kind: 'error', text: `Could not export the spec: ${errorText(err)}` });
    }
  };

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    setMessage(null);
    try {
      if (file.size > IMPORT_MAX_BYTES) throw new Error('the file is larger than 5 MB; a spec is a small JSON file');
      const text = await file.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw new Error(`the file is not JSON (${err instanceof Error ? err.message : 'unreadable'})`);
      }
      const parsed = parseIndexSpec(json);
      if (!parsed.ok) {
        setMessage({ kind: 'error', text: `${file.name} is not a valid index spec:`, details: parsed.errors });
        return;
      }
      loadSpec(parsed.spec);
      setMessage({ kind: 'ok', text: `Loaded ${file.name}. Press Run to simulate it.` });
    } catch (err) {
      setMessage({ kind: 'error', text: `Could not import ${file.name}: ${errorText(err)}` });
    } finally {
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  const dataRange =
    props.status.state === 'ready'
      ? `${date(props.status.summary.firstDay)} to ${date(props.status.summary.lastDay)}`
      : undefined;
  const fieldset = { form, errors: errors?.fields ?? {}, update };

  return (
    <section className="panel" aria-labelledby="il-builder-title" data-testid="indexlab-builder">
      <SubmitForm onSubmit={onRun}>
        <div className="toolbar">
          <h2 id="il-builder-title">Build an index</h2>
          <div className="actions">
            <button
              type="button"
              onClick={() => {
                update(formFromSpec(defaultIndexSpec(), form.signalSource));
                setMessage(null);
              }}
            >
              Reset to defaults
            </button>
          </div>
        </div>

        <div className="il-builder">
          <UniverseFieldset {...fieldset} symbols={symbols} catalog={catalog} holdings={props.holdings} />
          <WeightingFieldset {...fieldset} />
          <RebalanceFieldset {...fieldset} />
          <PeriodFieldset {...fieldset} dataRange={dataRange} />
        </div>

        {errors && errors.other.length > 0 && (
          <div className="banner error" role="alert">
            <ErrorList items={errors.other} />
          </div>
        )}
        {errors && !errors.spec && errors.other.length === 0 && (
          <p className="error-text small" role="alert">
            Fix the highlighted fields to run.
          </p>
        )}

        <div className="actions il-actions">
          <button
            type="submit"
            className="primary"
            disabled={!ready || running}
            data-testid="run-button"
            aria-busy={running}
          >
            {running ? 'Running…' : 'Run simulation'}
          </button>
          {!ready && props.status.state !== 'error' && <span className="muted small">Loading prices…</span>}
          <span className="il-spacer" />
          <button type="button" onClick={() => void onExportSpec()} data-testid="export-spec">
            Export spec
          </button>
          <label className="il-file">
            <input
              ref={fileRef}
              type="file"
              accept=".json,application/json"
              aria-label="Import a spec JSON file"
              data-testid="import-spec"
              onChange={(e) => void onImport(e.target.files?.[0])}
            />
            <span aria-hidden="true">Import spec…</span>
          </label>
        </div>
      </SubmitForm>

      <SavedSpecs
        saved={props.saved}
        onSaved={props.onSaved}
        formName={form.name}
        validate={validate}
        describe={(spec) => describeSpec(spec, form.signalSource)}
        onLoad={loadSpec}
        onMessage={setMessage}
      />

      {message && <BuilderMessageBanner message={message} />}
      {runError && (
        <div className="banner error" role="alert" data-testid="run-error">
          {runError.message}
          {runError.errors.length > 0 && <ErrorList items={runError.errors} />}
        </div>
      )}
    </section>
  );
}
