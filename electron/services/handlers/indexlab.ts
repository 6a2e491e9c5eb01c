/**
 * Main-process handlers of the Index Lab channels (shared/ipc/channels/indexlab.ts): exports through
 * the save dialog, and the user's named specs (ctx.indexlabSpecs, electron/services/indexlab-specs.ts).
 * Simulations run in the renderer's worker, not here.
 */
import { parseIndexSpec } from '../../../shared/indexlab/spec';
import {
  ExportFileNameSchema,
  type IndexLabExportKind,
  type indexlabChannels,
} from '../../../shared/ipc/channels/indexlab';
import type { FeatureHandlers, ServiceContext } from '../context';
import { AppError } from '../errors';

const EXTENSION: Record<IndexLabExportKind, string> = {
  'results-csv': '.csv',
  'results-json': '.json',
  'spec-json': '.json',
};

/**
 * The file name an export is saved under (the kind's extension added), after checking its content:
 * JSON exports must parse, and a spec export must be a spec `npm run simulate` accepts.
 */
export function exportFileName(kind: IndexLabExportKind, name: string, content: string): string {
  // The schema already refused directory parts; check again so no caller can bypass it.
  const checked = ExportFileNameSchema.safeParse(name);
  if (!checked.success) throw new AppError('invalid', 'The file name must not contain a folder.');
  if (kind !== 'results-csv') {
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      throw new AppError('invalid', 'The export is not valid JSON.');
    }
    if (kind === 'spec-json') {
      const spec = parseIndexSpec(json);
      if (!spec.ok) throw new AppError('invalid-spec', 'The spec to export is not valid.', spec.errors);
    }
  }
  const ext = EXTENSION[kind];
  return checked.data.toLowerCase().endsWith(ext) ? checked.data : `${checked.data}${ext}`;
}

export function indexlabHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof indexlabChannels> {
  return {
    'indexlab:export': async ({ kind, name, content }) => ({
      path: await ctx.saveFile(exportFileName(kind, name, content), content),
    }),
    'indexlab:savedSpecs': () => ctx.indexlabSpecs.list(),
    // The request was validated with IndexSpecSchema by the router: `spec` has every default.
    'indexlab:saveSpec': ({ name, spec }) => ctx.indexlabSpecs.save(name, spec),
    'indexlab:deleteSpec': ({ name }) => ctx.indexlabSpecs.delete(name),
  };
}
