/**
 * The main process's services, wired together. Plain Node: the Electron shell (electron/main) and the
 * E2E harness (test/e2e/harness.ts) both build the app from this one function, so what the tests
 * exercise is what ships.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoPortfolio, decodeDemoPrices, type DemoPortfolio } from '../../shared/demo';
import type { PriceHistory } from '../../shared/domain/types';
import type { AppInfo, Notice } from '../../shared/ipc/channels/app';
import type { PortfolioView, PriceHistoryView } from '../../shared/ipc/channels/portfolio';
import type { EventMap, EventName } from '../../shared/ipc/contract';
import { buildPortfolio, unpricedAssets } from '../../shared/portfolio/valuation';
import { AppError } from './errors';
import type { Handlers } from './ipc-router';
import { MarketDataService } from './market-data';
import { SettingsService } from './settings-service';
import type { RecoveredFile, StoreFactory } from './store';

export interface ServicesOptions {
  /** Where Ballast keeps settings, caches and logs (Electron's userData in the app). */
  dataDir: string;
  /** Bundled assets (catalog, sample portfolio). */
  assetsDir: string;
  storeFactory: StoreFactory;
  appVersion: string;
  platform?: string;
  /** Pushes an event to the renderer. */
  emit: <E extends EventName>(event: E, payload: EventMap[E]) => void;
  /** Shows a desktop notification. */
  notify: (title: string, body: string) => void;
  now?: () => number;
  /** Market-data API base URL (tests point it at 127.0.0.1). */
  marketDataUrl?: string;
}

export interface Services {
  handlers: Handlers;
  /** Removes every known secret from a text (used on anything leaving main). */
  scrub: (text: string) => string;
  dispose: () => Promise<void>;
}

interface SampleData {
  portfolio: DemoPortfolio;
  history: PriceHistory;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function recoveredNotice(r: RecoveredFile, at: number): Notice {
  return {
    id: `recovered:${r.name}:${at}`,
    level: 'warning',
    title: `Your ${r.name} file could not be read.`,
    message: `Ballast started with defaults and kept the unreadable file at ${r.backupPath} (${r.reason}).`,
    at,
  };
}

export async function createServices(opts: ServicesOptions): Promise<Services> {
  const now = opts.now ?? Date.now;
  const notices: Notice[] = [];
  const settings = new SettingsService(opts.storeFactory, opts.dataDir);
  if (settings.recovered) notices.push(recoveredNotice(settings.recovered, now()));

  const market = new MarketDataService({
    cacheDir: opts.dataDir,
    now,
    ...(opts.marketDataUrl ? { baseUrl: opts.marketDataUrl } : {}),
  });
  market.load();
  if (market.recovered) {
    notices.push({
      id: `recovered:market-data:${now()}`,
      level: 'warning',
      title: 'The market-data cache could not be read.',
      message: `Ballast uses its bundled catalog until the next refresh; the unreadable file was kept at ${market.recovered.backupPath}.`,
      at: now(),
    });
  }

  // The sample portfolio is read once, on first use.
  let sample: SampleData | null = null;
  const sampleData = (): SampleData => {
    if (!sample) {
      try {
        sample = {
          portfolio: demoPortfolio(readJson(join(opts.assetsDir, 'demo/portfolio.json'))),
          history: decodeDemoPrices(readJson(join(opts.assetsDir, 'demo/prices.json'))),
        };
      } catch {
        throw new AppError('sample-unavailable', 'The bundled sample portfolio could not be read.');
      }
    }
    return sample;
  };

  const catalog = () => market.catalog(settings.get().overrides);

  const portfolioView = (): PortfolioView => {
    const s = sampleData();
    const prices: Record<string, number> = {};
    let asOf = 0;
    for (const [symbol, candles] of Object.entries(s.history)) {
      const last = candles.at(-1);
      if (last) {
        prices[symbol] = last.c;
        asOf = Math.max(asOf, last.t);
      }
    }
    const portfolio = buildPortfolio({
      base: s.portfolio.base,
      asOf,
      custodies: s.portfolio.custodies,
      positions: s.portfolio.positions,
      prices,
    });
    const all = catalog();
    const held = new Set([...portfolio.positions.map((p) => p.asset), ...Object.keys(s.history)]);
    return {
      portfolio,
      sample: true,
      catalog: Object.fromEntries(Object.entries(all).filter(([sym]) => held.has(sym))),
      unpriced: unpricedAssets(portfolio),
    };
  };

  const priceHistoryView = (): PriceHistoryView => {
    const s = sampleData();
    const all = catalog();
    return {
      sample: true,
      history: s.history,
      catalog: Object.fromEntries(Object.keys(s.history).flatMap((sym) => (all[sym] ? [[sym, all[sym]]] : []))),
    };
  };

  const info = (): AppInfo => ({
    name: 'Ballast',
    version: opts.appVersion,
    platform: opts.platform ?? process.platform,
    demo: true,
    dataDir: opts.dataDir,
    notices: [...notices],
  });

  const handlers: Handlers = {
    'app:info': () => info(),
    'app:dismissNotice': ({ id }) => {
      const i = notices.findIndex((n) => n.id === id);
      if (i >= 0) notices.splice(i, 1);
      return { dismissed: i >= 0 };
    },
    'settings:get': () => settings.get(),
    'settings:update': (patch) => settings.update(patch),
    'settings:reset': () => settings.reset(),
    'portfolio:get': () => portfolioView(),
    'prices:history': () => priceHistoryView(),
  };

  return {
    handlers,
    scrub: (text) => text,
    dispose: async () => undefined,
  };
}
