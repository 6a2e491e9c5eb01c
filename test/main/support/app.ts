/**
 * The app under test: `startApp()` runs the real main-process services (createServices) in a new
 * temporary data folder, with test defaults (bundled assets, `conf` stores, no network, events and
 * notifications recorded) behind the real IPC router. Every app started is stopped at the file's
 * clean-up (see cleanup.ts), and its temporary folder removed.
 *
 * Without a `vault` option the app's keychain is an in-memory one, the same for every start on the same
 * data folder (the activity log's signing key lives there), so no test touches the real keychain unless
 * it asks for it; on a real keychain the log's item is removed at clean-up.
 */
import { resolve } from 'node:path';
import {
  activityLogItem,
  createServices,
  type Services,
  type ServicesOptions,
} from '../../../electron/services/app-services';
import type { ServiceContext } from '../../../electron/services/context';
import { createRouter, type Router, type RouterOptions } from '../../../electron/services/ipc-router';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { PortfolioView } from '../../../shared/ipc/channels/portfolio';
import type { IpcError } from '../../../shared/ipc/define';
import { onCleanUp, tempDir } from './cleanup';
import { IpcFailure } from './errors';
import { memoryKeytar, TEST_KEYCHAIN, type MemoryKeytar } from './keychain';
import { logKeyScopeFor, testServicesOptions, type Recorded } from './services';

/** The arguments of a typed IPC call: the request, optional where the channel takes none. */
export type RequestArgs<C extends Channel> =
  undefined extends RequestOf<C> ? [request?: RequestOf<C>] : [request: RequestOf<C>];

export interface TestApp extends Recorded {
  services: Services;
  context: ServiceContext;
  router: Router;
  dataDir: string;
  /** Every raw IPC answer, as serialised for the renderer. */
  responses: string[];
  /** A typed IPC call through the router; a failure throws an IpcFailure carrying the error. */
  call<C extends Channel>(channel: C, ...req: RequestArgs<C>): Promise<ResponseOf<C>>;
  /** An IPC call expected to fail (any payload, valid or not); resolves to the error. */
  fail(channel: string, payload?: unknown): Promise<IpcError>;
  /** Waits for background work, then disposes the services (also done at clean-up; idempotent). */
  stop(): Promise<void>;
}

export interface TestAppOptions extends Partial<ServicesOptions> {
  /** Data folder to start on (the caller owns it); default a new temporary one, removed at clean-up. */
  dataDir?: string;
  /** Name prefix of the temporary data folder. */
  prefix?: string;
  /** Reported unexpected errors of the router (see RouterOptions). */
  onUnexpected?: RouterOptions['onUnexpected'];
  /** Leave the periodic sync as the settings have it (default: turned off, so no sync runs by itself). */
  keepSchedule?: boolean;
  /** Remove the keychain items of the app's accounts when stopping (tests on the real keychain). */
  forgetKeys?: boolean;
}

/** The in-memory keychain of each data folder started without a `vault` option. */
const keychains = new Map<string, MemoryKeytar>();

export async function startApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const { dataDir: given, prefix, onUnexpected, keepSchedule, forgetKeys, ...overrides } = opts;
  const dataDir = given ?? tempDir(prefix ?? 'ballast-app-');
  const recorded: Recorded = { events: [], notifications: [] };
  const realKeychain = overrides.vault !== undefined && overrides.vault.keytar === undefined;
  if (!overrides.vault) {
    const keytar = keychains.get(resolve(dataDir)) ?? memoryKeytar();
    keychains.set(resolve(dataDir), keytar);
    overrides.vault = { service: TEST_KEYCHAIN, keytar };
  }
  const services = await createServices(testServicesOptions(dataDir, recorded, overrides));
  if (realKeychain) {
    // Best effort: a keychain that went away meanwhile keeps the item of a removed temporary folder.
    const item = activityLogItem(logKeyScopeFor(dataDir));
    onCleanUp(() =>
      services.context.vault.deleteAppItem(item).then(
        () => undefined,
        () => undefined,
      ),
    );
  }
  if (!keepSchedule) services.context.settings.update({ syncIntervalMinutes: 0 });
  const router = createRouter(services.handlers, {
    scrub: services.scrub,
    ...(onUnexpected ? { onUnexpected } : {}),
  });
  const responses: string[] = [];
  const raw = async (channel: string, payload: unknown) => {
    const res = await router(channel, payload);
    responses.push(JSON.stringify(res));
    return res;
  };
  let stopped: Promise<void> | null = null;
  const app: TestApp = {
    services,
    context: services.context,
    router,
    dataDir,
    ...recorded,
    responses,
    async call(channel, ...req) {
      const res = await raw(channel, req[0]);
      if (!res.ok) throw new IpcFailure(channel, res.error);
      return res.data as never;
    },
    async fail(channel, payload) {
      const res = await raw(channel, payload);
      if (res.ok) throw new Error(`${channel} succeeded but was expected to fail`);
      return res.error;
    },
    stop() {
      stopped ??= (async () => {
        const ctx = services.context;
        if (forgetKeys) {
          for (const a of ctx.accounts.list()) await ctx.vault.deleteSecret(a.id).catch(() => false);
        }
        await ctx.sync.historyIdle();
        await services.dispose();
      })();
      return stopped;
    },
  };
  onCleanUp(() => app.stop());
  return app;
}

/** Amount per asset that one custody (an account id, a manual wallet id) holds in a portfolio view. */
export function amountsIn(view: PortfolioView, custodyId: string): Record<string, number> {
  return Object.fromEntries(
    view.portfolio.positions.filter((p) => p.custodyId === custodyId).map((p) => [p.asset, p.amount]),
  );
}
