/**
 * Preload: exposes exactly the channels of the IPC contract, one function each, plus a listener for
 * the contract's events. The renderer never sees ipcRenderer itself.
 *
 * Channel and event names are injected at build time from shared/ipc/contract.ts (see
 * electron.vite.config.ts), because a sandboxed preload cannot load packages such as zod.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BallastApi, Channel, EventName } from '../../shared/ipc/contract';

declare const __BALLAST_CHANNELS__: Channel[];
declare const __BALLAST_EVENTS__: EventName[];

const api: Record<string, unknown> = {};
for (const channel of __BALLAST_CHANNELS__) {
  api[channel] = (request: unknown) => ipcRenderer.invoke(channel, request);
}
api['on'] = (event: EventName, listener: (payload: unknown) => void) => {
  if (!__BALLAST_EVENTS__.includes(event)) throw new Error(`Unknown event: ${String(event)}`);
  const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(`event:${event}`, wrapped);
  return () => {
    ipcRenderer.removeListener(`event:${event}`, wrapped);
  };
};

// The API global name is API_GLOBAL in shared/ipc/contract.ts.
contextBridge.exposeInMainWorld('ballast', Object.freeze(api) as BallastApi);
