/**
 * CSV import of manual holdings: the toolbar button (with its hidden file input) and the region below it
 * that reads the file, asks main for a preview (CsvPreview), and imports the valid rows in one change.
 * Both are returned by `useCsvImport` so the panel can place them apart.
 */
import { useRef, useState, type ReactNode } from 'react';
import { decodeCsvBytes, type CsvEncoding } from '../../../../shared/holdings/csv';
import type { HoldingsCsvPreview, ManualWalletView } from '../../../../shared/holdings/types';
import { call, errorText } from '../../lib/api';
import { fileProblem, importedText, importRequest, type ImportChoice } from './csv-preview';
import { CsvPreview } from './CsvPreview';
import type { Run } from './holding-input';

export interface LoadedCsv {
  fileName: string;
  text: string;
  encoding: CsvEncoding;
}

export function useCsvImport(wallets: ManualWalletView[], run: Run): { button: ReactNode; region: ReactNode } {
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<LoadedCsv | null>(null);
  const [preview, setPreview] = useState<HoldingsCsvPreview | null>(null);
  const [choice, setChoice] = useState<ImportChoice>({ mode: 'merge', walletId: '' });
  const [working, setWorking] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const runPreview = async (f: LoadedCsv, c: ImportChoice) => {
    setWorking('Checking the file…');
    setProblem(null);
    try {
      setPreview(await call('holdings:previewCsv', importRequest(f.text, c)));
    } catch (err) {
      setPreview(null);
      setProblem(errorText(err));
    } finally {
      setWorking(null);
    }
  };

  const onFile = async (picked: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!picked) return;
    setPreview(null);
    setFile(null);
    const refused = fileProblem(picked.name, picked.size);
    if (refused) {
      setProblem(refused);
      return;
    }
    setWorking(`Reading ${picked.name}…`);
    try {
      const decoded = decodeCsvBytes(await readBytes(picked));
      const loaded = { fileName: picked.name, text: decoded.text, encoding: decoded.encoding };
      setFile(loaded);
      await runPreview(loaded, choice);
    } catch (err) {
      setWorking(null);
      setProblem(`Could not read ${picked.name}: ${errorText(err)}`);
    }
  };

  const close = () => {
    setFile(null);
    setPreview(null);
    setProblem(null);
  };

  const doImport = async () => {
    if (!file || !preview) return;
    const ok = await run(async () => {
      const r = await call('holdings:importCsv', importRequest(file.text, choice));
      return importedText(file.fileName, r);
    });
    if (ok) close();
  };

  const button = (
    <div className="actions">
      <button type="button" onClick={() => input.current?.click()} disabled={working !== null}>
        Import CSV…
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="CSV file to import"
        data-testid="mh-csv-input"
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
    </div>
  );
  const region = (working || problem || preview) && (
    <div className="mh-import" role="region" aria-label="CSV import" data-testid="mh-import">
      {working && (
        <p className="muted" role="status">
          <progress aria-label={working} /> {working}
        </p>
      )}
      {problem && (
        <div className="banner error" role="alert">
          {problem}{' '}
          <button type="button" className="link" onClick={close}>
            Close
          </button>
        </div>
      )}
      {preview && file && (
        <CsvPreview
          file={file}
          preview={preview}
          wallets={wallets}
          choice={choice}
          onChoice={(c) => {
            setChoice(c);
            void runPreview(file, c);
          }}
          busy={working !== null}
          onImport={() => void doImport()}
          onCancel={close}
        />
      )}
    </div>
  );
  return { button, region };
}

/** Reads a picked file's bytes with FileReader. */
function readBytes(file: File): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsArrayBuffer(file);
  });
}
