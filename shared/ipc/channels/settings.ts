/** IPC channels of the settings (see shared/ipc/contract.ts); the schema and defaults are shared/settings.ts. */
import { channel, NoArgs } from '../define';
import { SettingsPatchSchema, type Settings } from '../../settings';

export const settingsChannels = {
  'settings:get': channel<Settings>()(NoArgs),
  /** Changes only the fields the patch names; answers with every setting. */
  'settings:update': channel<Settings>()(SettingsPatchSchema),
  'settings:reset': channel<Settings>()(NoArgs),
};
