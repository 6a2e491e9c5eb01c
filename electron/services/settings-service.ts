/** Settings persistence: validated on every read and write against the shared schema. */
import {
  defaultSettings,
  SettingsPatchSchema,
  SettingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import { issueLine } from '../../shared/field-labels';
import { AppError } from './errors';
import type { JsonStore, RecoveredFile, StoreFactory } from './store';

type SettingsFile = { settings: Settings } & Record<string, unknown>;

export class SettingsService {
  private readonly store: JsonStore<SettingsFile>;
  readonly recovered: RecoveredFile | null;
  private readonly listeners = new Set<(s: Settings) => void>();

  constructor(factory: StoreFactory, dir: string) {
    const { store, recovered } = factory<SettingsFile>({
      name: 'settings',
      cwd: dir,
      defaults: { settings: defaultSettings() },
    });
    this.store = store;
    this.recovered = recovered;
  }

  /** Current settings. Values that no longer validate (e.g. edited by hand) fall back to defaults per field. */
  get(): Settings {
    const raw: unknown = this.store.get('settings');
    const full = SettingsSchema.safeParse(raw);
    if (full.success) return full.data;
    const merged: Record<string, unknown> = { ...defaultSettings() };
    if (raw && typeof raw === 'object') {
      for (const [k, v] of Object.entries(raw)) {
        const one = SettingsPatchSchema.safeParse({ [k]: v });
        if (one.success && k in merged) merged[k] = v;
      }
    }
    return SettingsSchema.parse(merged);
  }

  update(patch: SettingsPatch): Settings {
    const next = SettingsSchema.safeParse({ ...this.get(), ...patch });
    if (!next.success) {
      throw new AppError('invalid-settings', 'These settings are not valid.', next.error.issues.map(issueLine));
    }
    this.store.set('settings', next.data);
    for (const l of this.listeners) l(next.data);
    return next.data;
  }

  reset(): Settings {
    const d = defaultSettings();
    this.store.set('settings', d);
    for (const l of this.listeners) l(d);
    return d;
  }

  onChange(listener: (s: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
