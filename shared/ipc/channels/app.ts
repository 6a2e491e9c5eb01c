/** IPC channels of the app itself (see shared/ipc/contract.ts): what the app is, and the notices it keeps. */
import { z } from 'zod';
import { channel, NoArgs } from '../define';

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
};
