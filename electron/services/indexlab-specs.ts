/**
 * The user's named Index Lab specs, kept in the `indexlab-specs` store. Built once by createServices
 * and reached as `ctx.indexlabSpecs` by the Index Lab handlers.
 *
 * Specs are stored as saved and validated again on every read, so a spec that no longer validates
 * (an older version, a hand edit) is listed with its errors instead of being dropped. The store file
 * is opened on first use; an unreadable one is moved aside and reported once (notices.ts).
 */
import { parseIndexSpec, type IndexSpec } from '../../shared/indexlab/spec';
import type { Notice } from '../../shared/ipc/channels/app';
import { INDEXLAB_MAX_SAVED_SPECS, type SavedIndexSpec } from '../../shared/ipc/channels/indexlab';
import { AppError } from './errors';
import { storeNotice } from './notices';
import type { JsonStore, StoreFactory } from './store';

/** What the store file holds: specs as saved (re-validated on every read). */
interface StoredSpec {
  name: string;
  spec: unknown;
  savedAt: number;
}
type SpecsFile = { specs: StoredSpec[] };

export interface IndexLabSpecsDeps {
  storeFactory: StoreFactory;
  dataDir: string;
  now: () => number;
  notice: (n: Omit<Notice, 'at'>) => void;
}

function toView(s: StoredSpec): SavedIndexSpec {
  const parsed = parseIndexSpec(s.spec);
  return parsed.ok
    ? { name: s.name, spec: parsed.spec, savedAt: s.savedAt }
    : { name: s.name, spec: null, errors: parsed.errors, savedAt: s.savedAt };
}

export class IndexLabSpecs {
  private readonly deps: IndexLabSpecsDeps;
  private opened: JsonStore<SpecsFile> | null = null;

  constructor(deps: IndexLabSpecsDeps) {
    this.deps = deps;
  }

  /** Every saved spec, newest first (then by name). */
  list(): SavedIndexSpec[] {
    return this.read()
      .map(toView)
      .sort((a, b) => b.savedAt - a.savedAt || a.name.localeCompare(b.name));
  }

  /** Saves (or replaces, by name) a validated spec; answers with the list. */
  save(name: string, spec: IndexSpec): SavedIndexSpec[] {
    const others = this.read().filter((x) => x.name !== name);
    if (others.length >= INDEXLAB_MAX_SAVED_SPECS) {
      throw new AppError(
        'limit',
        `You have ${others.length} saved specs, the most Ballast keeps. Delete some before saving another.`,
      );
    }
    this.store().set('specs', [...others, { name, spec, savedAt: this.deps.now() }]);
    return this.list();
  }

  /** Deletes the spec named `name`; answers with the list. */
  delete(name: string): SavedIndexSpec[] {
    const current = this.read();
    if (!current.some((x) => x.name === name)) {
      throw new AppError('not-found', `There is no saved spec named "${name}".`);
    }
    this.store().set(
      'specs',
      current.filter((x) => x.name !== name),
    );
    return this.list();
  }

  private store(): JsonStore<SpecsFile> {
    if (!this.opened) {
      const { store, recovered } = this.deps.storeFactory<SpecsFile>({
        name: 'indexlab-specs',
        cwd: this.deps.dataDir,
        defaults: { specs: [] },
      });
      if (recovered) {
        this.deps.notice(
          storeNotice(recovered, { subject: 'Your saved Index Lab specs', outcome: 'started without saved specs' }),
        );
      }
      this.opened = store;
    }
    return this.opened;
  }

  /** The stored list, tolerant of a file edited by hand (entries without a name are ignored). */
  private read(): StoredSpec[] {
    const raw: unknown = this.store().get('specs');
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (x): x is StoredSpec =>
        typeof x === 'object' && x !== null && typeof (x as StoredSpec).name === 'string' && 'spec' in x,
    );
  }
}
