/**
 * The IPC contract: every channel between renderer and main, declared once.
 *
 * - main registers exactly these channels and validates each request with its zod schema;
 * - the preload exposes exactly these channels (one function each) through contextBridge;
 * - the renderer is typed from `BallastApi`.
 * A feature declares its channels in shared/ipc/channels/<prefix>.ts, named after the channels' prefix
 * ('settings:get' lives in channels/settings.ts); they are merged here.
 */
import type { z } from 'zod';
import { isPlainData, type IpcResult } from './define';
import { accountsChannels } from './channels/accounts';
import { activityChannels } from './channels/activity';
import { allocationChannels } from './channels/allocation';
import { appChannels, type Notice } from './channels/app';
import { catalogChannels } from './channels/catalog';
import { exchangesChannels } from './channels/exchanges';
import { gradesChannels } from './channels/grades';
import { historyChannels } from './channels/history';
import { holdingsChannels } from './channels/holdings';
import { indexlabChannels } from './channels/indexlab';
import { keychainChannels } from './channels/keychain';
import { marketHistoryChannels } from './channels/market-history';
import { pnlChannels } from './channels/pnl';
import { portfolioChannels } from './channels/portfolio';
import { pricesChannels } from './channels/prices';
import { rulesChannels } from './channels/rules';
import { settingsChannels } from './channels/settings';
import { snapshotsChannels } from './channels/snapshots';
import { syncChannels } from './channels/sync';
import { walletsChannels } from './channels/wallets';

/** Every channel; a channel's prefix is the name of its file in channels/ (and in electron/services/handlers/). */
export const CONTRACT = {
  ...appChannels,
  ...settingsChannels,
  ...portfolioChannels,
  ...pricesChannels,
  ...allocationChannels,
  ...rulesChannels,
  ...gradesChannels,
  ...indexlabChannels,
  ...accountsChannels,
  ...exchangesChannels,
  ...keychainChannels,
  ...activityChannels,
  ...syncChannels,
  ...snapshotsChannels,
  ...holdingsChannels,
  ...catalogChannels,
  ...walletsChannels,
  ...marketHistoryChannels,
  ...historyChannels,
  ...pnlChannels,
} as const;

export type Contract = typeof CONTRACT;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(CONTRACT) as Channel[];

/** Request type as the renderer sends it. */
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
/** Request type after validation in main (defaults applied). */
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
/** Response type of a channel. */
export type ResponseOf<C extends Channel> = NonNullable<Contract[C]['_res']>;

/**
 * Events main pushes to the renderer: name -> payload. Features add their events here
 * (and to EVENTS below).
 */
export interface EventMap {
  notice: Notice;
  'sync:progress': import('./channels/sync').SyncProgress;
  'market-history:progress': import('./channels/market-history').MarketHistoryProgress;
  /** The portfolio, or something derived from it, changed: views reload (channels/portfolio.ts). */
  'portfolio:changed': import('./channels/portfolio').PortfolioChange;
  /** New entries in the activity log (channels/activity.ts). */
  'activity:appended': import('./channels/activity').ActivityAppended;
  'history:progress': import('./channels/history').HistoryProgress;
}
export type EventName = keyof EventMap;
export const EVENTS: EventName[] = [
  'notice',
  'sync:progress',
  'market-history:progress',
  'portfolio:changed',
  'activity:appended',
  'history:progress',
];

/** The object the preload exposes as `window.ballast`. */
export type BallastApi = {
  [C in Channel]: (request: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
};

/** Name of the global the preload (and the test harness) installs. */
export const API_GLOBAL = 'ballast';

/** A request as main validated it: the parsed request, or the problems ("path: problem"). */
export type ParsedRequest<C extends Channel> =
  { ok: true; data: ParsedRequestOf<C> } | { ok: false; details: string[] };

/**
 * Validates a request the way main does before any handler runs: plain data only (see isPlainData),
 * then the channel's schema.
 */
export function parseRequest<C extends Channel>(channel: C, payload: unknown): ParsedRequest<C> {
  if (!isPlainData(payload)) {
    return { ok: false, details: ['(request): must hold plain data only (no Date, Map, Set or other objects)'] };
  }
  const parsed = CONTRACT[channel].request.safeParse(payload);
  if (!parsed.success) {
    return { ok: false, details: parsed.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`) };
  }
  return { ok: true, data: parsed.data as ParsedRequestOf<C> };
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CONTRACT, value);
}
