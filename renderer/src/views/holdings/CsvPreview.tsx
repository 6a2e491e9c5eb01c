/**
 * The preview of a CSV file before it is imported: mode and default wallet, a summary line, every row
 * (valid with what it would do, errors with the raw line, duplicates with the line they repeat) and the
 * import button. Nothing here changes data; CsvImport runs the import.
 */
import { useId } from 'react';
import type { CsvImportMode, HoldingsCsvPreview, ManualWalletView } from '../../../../shared/holdings/types';
import { Field } from '../../components/Field';
import { TableHead, num } from '../../components/TableHead';
import { amount as fmtAmount, plural } from '../../lib/format';
import type { LoadedCsv } from './CsvImport';
import {
  ACTION_LABEL,
  ACTION_TAG,
  PREVIEW_LIMIT,
  importTargets,
  previewCounts,
  previewTableRows,
  removalsText,
  type ImportChoice,
} from './csv-preview';

export function CsvPreview(props: {
  file: LoadedCsv;
  preview: HoldingsCsvPreview;
  wallets: ManualWalletView[];
  choice: ImportChoice;
  /** A new choice: the preview is asked for again. */
  onChoice: (c: ImportChoice) => void;
  /** True while the file is read or checked: importing waits. */
  busy: boolean;
  onImport: () => void;
  onCancel: () => void;
}) {
  const { file, preview, choice } = props;
  const id = useId();
  const n = previewCounts(preview);
  const rows = previewTableRows(preview);
  return (
    <div className="stack">
      <div className="toolbar">
        <h3>
          Import {file.fileName} <span className="muted small">({file.encoding})</span>
        </h3>
        <div className="row">
          <Field id={`${id}-mode`} label="Mode" quiet>
            <select
              id={`${id}-mode`}
              value={choice.mode}
              onChange={(e) => props.onChoice({ ...choice, mode: e.target.value as CsvImportMode })}
            >
              <option value="merge">Merge: add new, update amounts</option>
              <option value="replace-wallet">Replace: wallets in the file keep only its rows</option>
            </select>
          </Field>
          <Field id={`${id}-target`} label="Rows without a wallet go to" quiet>
            <select
              id={`${id}-target`}
              value={choice.walletId}
              onChange={(e) => props.onChoice({ ...choice, walletId: e.target.value })}
            >
              <option value="">Manual</option>
              {importTargets(props.wallets).map((w) => (
                <option key={w.id} value={w.id}>
                  {w.label}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </div>
      <p data-testid="mh-import-summary">
        {plural(n.total, 'row')}: <strong className="ok-text">{n.valid} valid</strong> ({n.add} new, {n.update} updated,{' '}
        {n.unchanged} unchanged),{' '}
        <strong className={n.errors ? 'error-text' : undefined}>{plural(n.errors, 'error')}</strong>,{' '}
        {plural(n.duplicates, 'duplicate')}.
        {preview.newWallets.length > 0 && <> Creates {preview.newWallets.join(', ')}.</>}
        {removalsText(preview)}
      </p>
      <div className="mh-preview-scroll">
        <table className="table mh-preview" data-testid="mh-preview">
          <TableHead columns={[num('Line'), 'Wallet', 'Asset', num('Amount'), 'Status']} />
          <tbody>
            {rows.slice(0, PREVIEW_LIMIT).map((r) =>
              r.kind === 'ok' ? (
                <tr key={r.line}>
                  <td className="num">{r.line}</td>
                  <td>{r.row.wallet}</td>
                  <td>{r.row.asset}</td>
                  <td className="num">{fmtAmount(r.row.amount)}</td>
                  <td>
                    <span className={`tag ${ACTION_TAG[r.action]}`}>{ACTION_LABEL[r.action]}</span>
                  </td>
                </tr>
              ) : r.kind === 'error' ? (
                <tr key={r.line} className="mh-row-error" data-testid="mh-error-row">
                  <td className="num">{r.line}</td>
                  <td colSpan={3}>
                    <code>{r.error.raw}</code>
                  </td>
                  <td>
                    <span className="tag crit">error</span> {r.error.message}
                  </td>
                </tr>
              ) : (
                <tr key={r.line} className="mh-row-duplicate" data-testid="mh-duplicate-row">
                  <td className="num">{r.line}</td>
                  <td>{r.duplicate.wallet}</td>
                  <td>{r.duplicate.asset}</td>
                  <td />
                  <td>
                    <span className="tag warn">duplicate</span> of line {r.duplicate.ofLine}, skipped
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      {rows.length > PREVIEW_LIMIT && (
        <p className="muted small">
          Showing the first {PREVIEW_LIMIT} of {rows.length.toLocaleString('en-US')} rows.
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={n.valid === 0 || props.busy}
          onClick={props.onImport}
          data-testid="mh-import-button"
        >
          Import {plural(n.valid, 'valid row')}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <span className="muted small">Rows with errors and duplicates are not imported.</span>
      </div>
    </div>
  );
}
