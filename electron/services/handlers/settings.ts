/** Main-process handlers of the settings channels (shared/ipc/channels/settings.ts), over ctx.settings. */
import { validateRuleSettings } from '../../../shared/allocation';
import type { settingsChannels } from '../../../shared/ipc/channels/settings';
import type { SettingsPatch } from '../../../shared/settings';
import type { FeatureHandlers, ServiceContext } from '../context';
import { AppError } from '../errors';

/** Rule thresholds are checked by the rules engine, not only by the settings schema's shape. */
function checkRules(patch: SettingsPatch): SettingsPatch {
  if (patch.rules !== undefined) {
    const { issues } = validateRuleSettings(patch.rules);
    if (issues.length > 0) {
      throw new AppError(
        'invalid-rule-settings',
        'These rule settings are not valid.',
        issues.map((i) => `${i.ruleId}${i.path ? `.${i.path}` : ''}: ${i.message}`),
      );
    }
  }
  return patch;
}

export function settingsHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof settingsChannels> {
  return {
    'settings:get': () => ctx.settings.get(),
    'settings:update': (patch) => ctx.settings.update(checkRules(patch)),
    'settings:reset': () => ctx.settings.reset(),
  };
}
