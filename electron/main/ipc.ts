/**
 * Binds the contract router to ipcMain. Every handler checks that the request comes from the app's
 * own top-level frame before anything else runs.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNELS, type EventMap, type EventName } from '../../shared/ipc/contract';
import type { Router } from '../services/ipc-router';
import { isAppUrl } from './security';

export function registerIpc(router: Router, devServerUrl?: string): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isAppUrl(frame.url, devServerUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'Request refused: unknown sender.' } };
      }
      return router(channel, payload);
    });
  }
}

export function sendEvent<E extends EventName>(contents: WebContents, event: E, payload: EventMap[E]): void {
  if (!contents.isDestroyed()) contents.send(`event:${event}`, payload);
}
