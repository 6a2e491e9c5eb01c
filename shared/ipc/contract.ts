/**
 * The IPC contract: every channel between renderer and main, declared once.
 *
 * - main registers exactly these channels and validates each request with its zod schema;
 * - the preload exposes exactly these channels (one function each) through contextBridge;
 * - the renderer is typed from `BallastApi`.
 * A feature declares its channels in shared/ipc/channels/<feature>.ts; they are merged here.
 */
import type { z } from 'zod';
import type { IpcResult } from './define';
import { accountsChannels } from './channels/accounts';
import { allocationChannels } from './channels/allocation';
import { appChannels, type Notice } from './channels/app';
import { catalogChannels } from './channels/catalog';
import { gradesChannels } from './channels/grades';
import { holdingsChannels } from './channels/holdings';
import { indexlabChannels } from './channels/indexlab';
import { portfolioChannels } from './channels/portfolio';
import { syncChannels } from './channels/sync';

export const CONTRACT = {
  ...appChannels,
  ...portfolioChannels,
  ...allocationChannels,
  ...gradesChannels,
  ...indexlabChannels,
  ...accountsChannels,
  ...syncChannels,
  ...holdingsChannels,
  ...catalogChannels,
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
}
export type EventName = keyof EventMap;
export const EVENTS: EventName[] = ['notice', 'sync:progress'];

/** The object the preload exposes as `window.ballast`. */
export type BallastApi = {
  [C in Channel]: (request: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
};

/** Name of the global the preload (and the test harness) installs. */
export const API_GLOBAL = 'ballast';

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CONTRACT, value);
}
