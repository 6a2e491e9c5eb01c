/** Main-process handlers of the app channels (shared/ipc/channels/app.ts): app info and its notices. */
import type { appChannels, AppInfo, Notice } from '../../../shared/ipc/channels/app';
import type { FeatureHandlers, ServiceContext } from '../context';

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
  };
}
