/**
 * Main-process handlers of the Index Lab channels (shared/ipc/channels/indexlab.ts): exports through
 * the save dialog, and the user's named specs in the `indexlab-specs` store. Simulations run in the
 * renderer's worker, not here.
 */
import { parseIndexSpec } from '../../../shared/indexlab/spec';
import {
  ExportFileNameSchema,
  INDEXLAB_MAX_SAVED_SPECS,
  type IndexLabExportKind,
  type SavedIndexSpec,
  type indexlabChannels,
} from '../../../shared/ipc/channels/indexlab';
import type { FeatureHandlers, ServiceContext } from '../context';
import { AppError } from '../errors';
import { storeNotice } from '../notices';
import type { JsonStore } from '../store';

/** What the store file holds: specs as saved (re-validated on every read). */
interface StoredSpec {
  name: string;
  spec: unknown;
  savedAt: number;
}
type SpecsFile = { specs: StoredSpec[] };

const EXTENSION: Record<IndexLabExportKind, string> = {
  'results-csv': '.csv',
  'results-json': '.json',
  'spec-json': '.json',
};

function withExtension(name: string, kind: IndexLabExportKind): string {
  const ext = EXTENSION[kind];
  return name.toLowerCase().endsWith(ext) ? name : `${name}${ext}`;
}

function toView(s: StoredSpec): SavedIndexSpec {
  const parsed = parseIndexSpec(s.spec);
  return parsed.ok
    ? { name: s.name, spec: parsed.spec, savedAt: s.savedAt }
    : { name: s.name, spec: null, errors: parsed.errors, savedAt: s.savedAt };
}

/** The stored list, tolerant of a file edited by hand (entries without a name are ignored). */
function readSpecs(store: JsonStore<SpecsFile>): StoredSpec[] {
  const raw: unknown = store.get('specs');
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (x): x is StoredSpec =>
      typeof x === 'object' && x !== null && typeof (x as StoredSpec).name === 'string' && 'spec' in x,
  );
}

export function indexlabHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof indexlabChannels> {
  let store: JsonStore<SpecsFile> | null = null;
  const specsStore = (): JsonStore<SpecsFile> => {
    if (!store) {
      const opened = ctx.storeFactory<SpecsFile>({ name: 'indexlab-specs', cwd: ctx.dataDir, defaults: { specs: [] } });
      if (opened.recovered) {
        ctx.notice(
          storeNotice(opened.recovered, {
            subject: 'Your saved Index Lab specs',
            outcome: 'started without saved specs',
          }),
        );
      }
      store = opened.store;
    }
    return store;
  };
  const list = (): SavedIndexSpec[] =>
    readSpecs(specsStore())
      .map(toView)
      .sort((a, b) => b.savedAt - a.savedAt || a.name.localeCompare(b.name));

  return {
    'indexlab:export': async ({ kind, name, content }) => {
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
      const path = await ctx.saveFile(withExtension(checked.data, kind), content);
      return { path };
    },
    'indexlab:savedSpecs': () => list(),
    'indexlab:saveSpec': ({ name, spec }) => {
      // The request was validated with IndexSpecSchema by the router: `spec` has every default.
      const s = specsStore();
      const current = readSpecs(s);
      const others = current.filter((x) => x.name !== name);
      if (others.length >= INDEXLAB_MAX_SAVED_SPECS) {
        throw new AppError(
          'limit',
          `You have ${others.length} saved specs, the most Ballast keeps. Delete some before saving another.`,
        );
      }
      s.set('specs', [...others, { name, spec, savedAt: ctx.now() }]);
      return list();
    },
    'indexlab:deleteSpec': ({ name }) => {
      const s = specsStore();
      const current = readSpecs(s);
      if (!current.some((x) => x.name === name)) {
        throw new AppError('not-found', `There is no saved spec named "${name}".`);
      }
      s.set(
        'specs',
        current.filter((x) => x.name !== name),
      );
      return list();
    },
  };
}
