/**
 * Main-process handlers of the rules channels (shared/ipc/channels/rules.ts): the rules' settings,
 * saved as settings changes (electron/services/rule-settings.ts).
 */
import type { rulesChannels } from '../../../shared/ipc/channels/rules';
import type { FeatureHandlers, ServiceContext } from '../context';
import { ruleResetPatch, ruleUpdatePatch, ruleViews } from '../rule-settings';

export function rulesHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof rulesChannels> {
  return {
    'rules:update': ({ ruleId, settings }) =>
      ruleViews(ctx.settings.update(ruleUpdatePatch(ctx.settings.get(), ruleId, settings))),
    'rules:reset': ({ ruleId }) => ruleViews(ctx.settings.update(ruleResetPatch(ctx.settings.get(), ruleId))),
  };
}
