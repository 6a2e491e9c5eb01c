/**
 * Market-history tests: the shared history (null when ../shared/data is absent: suites skip with
 * HISTORY_SKIP), the history emulator for a test file (`useHistoryEmulator`, started before its tests,
 * faults and delistings undone after each, closed after them), and service options pointing an app at it with a clock
 * and waits that never wait (`historyOptions`, `recordedSleep`).
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ServicesOptions } from '../../../electron/services/app-services';
import { DAY_MS } from '../../../shared/domain/types';
import { loadHistoryData, SHARED_DATA_MISSING, type HistoryData } from '../../emulator/history-data';
import {
  fromSharedData,
  HISTORY_SOURCES,
  startHistoryEmulator,
  type HistoryEmulator,
  type HistoryEmulatorConfig,
} from '../../emulator/history-server';
import { defaultListings, geckoIds, worldCatalog } from '../../emulator/history-world';
import type { TestClock } from './clock';

export const HISTORY: HistoryData | null = loadHistoryData();
/** Why the market-history suites skip (empty when the shared history is here). */
export const HISTORY_SKIP = HISTORY ? '' : SHARED_DATA_MISSING;

const UNLIMITED = { requests: Number.MAX_SAFE_INTEGER, windowMs: 1 };

/** The last day of the main folder's series (2021-09-17) as a UTC day number. */
export const LAST_DATA_DAY = Date.UTC(2021, 8, 17) / DAY_MS;
/** Noon of a UTC day number (a clock reading well inside the day). */
export const noonOf = (day: number): number => day * DAY_MS + DAY_MS / 2;

/** Waits that return at once, recording how long they were and moving `clock` on by as much. */
export function recordedSleep(clock?: TestClock): {
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  waits: number[];
} {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      waits.push(ms);
      clock?.advance(ms);
    },
  };
}

/**
 * Starts a history emulator over the shared history for the calling file (default listings, Coin Metrics
 * for every asset with caps); `config` may change any of it. The clock is read through `clock()`, so a
 * test can move it. Without the shared history nothing starts (the suites skip).
 */
export function useHistoryEmulator(
  clock: () => TestClock,
  config: (h: HistoryData) => Partial<HistoryEmulatorConfig> = () => ({}),
): HistoryEmulator {
  let running: HistoryEmulator | null = null;
  beforeAll(async () => {
    if (!HISTORY) return;
    running = await startHistoryEmulator({
      data: fromSharedData(HISTORY, geckoIds()),
      listings: defaultListings(HISTORY),
      now: () => clock().now(),
      ...config(HISTORY),
    });
  });
  afterEach(() => {
    for (const s of HISTORY_SOURCES) running?.setFault(s, null);
    running?.resetListings();
  });
  afterAll(async () => {
    await running?.close();
    running = null;
  });
  return new Proxy({} as HistoryEmulator, {
    get(_target, key) {
      if (!running) throw new Error('the history emulator runs only while the tests of its file run');
      const value: unknown = Reflect.get(running, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(running) : value;
    },
  });
}

/**
 * Options for startApp: the emulator's URLs, the catalog as of `catalogDay` (default the clock's
 * yesterday), the clock, waits that do not wait, and rate limits that do not hold the tests up.
 */
export function historyOptions(
  emu: HistoryEmulator,
  clock: TestClock,
  opts: { sleep?: (ms: number, signal?: AbortSignal) => Promise<void>; catalogDay?: number } = {},
): Partial<ServicesOptions> {
  const day = opts.catalogDay ?? Math.floor(clock.now() / DAY_MS) - 1;
  return {
    ...emu.options,
    exchangeRateLimitMs: 1,
    catalogBundle: worldCatalog(HISTORY!, day),
    now: clock.now,
    marketHistory: {
      sleep: opts.sleep ?? recordedSleep(clock).sleep,
      retry: { attempts: 3, baseMs: 10, capMs: 50 },
      limits: { coinMetrics: UNLIMITED, coinGecko: UNLIMITED },
    },
  };
}
