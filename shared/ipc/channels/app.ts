import { z } from 'zod';
import { channel } from '../define';
import { SettingsPatchSchema, type Settings } from '../../settings';

/** Requests that carry nothing. */
export const NoArgs = z.undefined();

/** Something the user should be told once (recovered files, keychain problems...). */
export interface Notice {
  id: string;
  level: 'info' | 'warning' | 'error';
  title: string;
  message: string;
  at: number;
}

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  /** True while no exchange account or manual holding exists: the app shows the sample portfolio. */
  demo: boolean;
  /** Where Ballast keeps its local data (settings, caches, logs). */
  dataDir: string;
  notices: Notice[];
}

export const appChannels = {
  'app:info': channel<AppInfo>()(NoArgs),
  'app:dismissNotice': channel<{ dismissed: boolean }>()(z.strictObject({ id: z.string().min(1).max(200) })),
  'settings:get': channel<Settings>()(NoArgs),
  'settings:update': channel<Settings>()(SettingsPatchSchema),
  'settings:reset': channel<Settings>()(NoArgs),
};
