/** Handlers of the app and settings channels. */
import type { appChannels, AppInfo, Notice } from '../../../shared/ipc/channels/app';
import { validateRuleSettings } from '../../../shared/allocation';
import type { FeatureHandlers, ServiceContext } from '../context';
import { AppError } from '../errors';

export function appHandlers(
  ctx: ServiceContext,
  app: { version: string; platform: string; notices: Notice[]; isSample: () => boolean },
): FeatureHandlers<keyof typeof appChannels> {
  const info = (): AppInfo => ({
    name: 'Ballast',
    version: app.version,
    platform: app.platform,
    demo: app.isSample(),
    dataDir: ctx.dataDir,
    notices: [...app.notices],
  });
  return {
    'app:info': () => info(),
    'app:dismissNotice': ({ id }) => {
      const i = app.notices.findIndex((n) => n.id === id);
      if (i >= 0) app.notices.splice(i, 1);
      return { dismissed: i >= 0 };
    },
    'settings:get': () => ctx.settings.get(),
    'settings:update': (patch) => {
      // Rule thresholds are checked by the rules engine, not only by the settings schema's shape.
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
      return ctx.settings.update(patch);
    },
    'settings:reset': () => ctx.settings.reset(),
  };
}
