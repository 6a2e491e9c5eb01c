/**
 * A market-history update in a process of its own, for the crash test (market-history-faults.test.ts):
 * `node --import tsx market-history-child.ts '<json>'` builds the services in `dataDir` against the
 * emulator URLs given, starts an update of the top `topN` at the fixed time `now`, and prints every
 * progress event as one JSON line, so the parent can kill it halfway. Its keychain is the file stand-in
 * of sync-child.ts (`keychainFile`), so the parent restarts as the same installation and the activity
 * log's signature checks out. No test runner here.
 */
import { createServices } from '../../../electron/services/app-services';
import { createConfStore } from '../../../electron/services/store';
import { loadHistoryData } from '../../emulator/history-data';
import { worldCatalog } from '../../emulator/history-world';
import { ASSETS_DIR, logKeyScopeFor } from './services';
import { fileKeytar, KILL_KEYCHAIN_SERVICE } from './sync-child';

interface ChildConfig {
  dataDir: string;
  /** The stand-in keychain's file (outside the data folder). */
  keychainFile: string;
  now: number;
  topN: number;
  catalogDay: number;
  urls: { exchangeApiUrls: Record<string, unknown>; coinMetricsUrl: string; marketDataUrl: string };
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const keytar = fileKeytar(config.keychainFile);
const unlimited = { requests: Number.MAX_SAFE_INTEGER, windowMs: 1 };
const services = await createServices({
  dataDir: config.dataDir,
  assetsDir: ASSETS_DIR,
  storeFactory: createConfStore,
  appVersion: 'test',
  vault: { service: KILL_KEYCHAIN_SERVICE, keytar },
  logKeyScope: logKeyScopeFor(config.dataDir, keytar),
  priceProviders: [],
  emit: (event, payload) => {
    if (event === 'market-history:progress') process.stdout.write(`${JSON.stringify(payload)}\n`);
  },
  notify: () => undefined,
  ...config.urls,
  exchangeRateLimitMs: 1,
  catalogBundle: worldCatalog(loadHistoryData()!, config.catalogDay),
  now: () => config.now,
  marketHistory: { sleep: async () => undefined, limits: { coinMetrics: unlimited, coinGecko: unlimited } },
});
await services.context.marketHistory.update({ topN: config.topN });
await services.dispose();
