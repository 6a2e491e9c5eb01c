/**
 * App-wide state loaded from main: app info (notices), settings and the portfolio view, at one
 * portfolio revision, and the sync run in progress (the 'sync:progress' event). The app's one subscription to 'portfolio:changed' lives here: on every change
 * the portfolio and settings are loaded again and `revision` and `sample` move with them, so every
 * view that loads through `useLive` (lib/useApi.ts) reloads from the same revision and no screen mixes
 * sample and real figures. Views read it through `useApp()`.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AppInfo } from '../../../shared/ipc/channels/app';
import type { PortfolioChangeReason, PortfolioView } from '../../../shared/ipc/channels/portfolio';
import type { SyncProgress } from '../../../shared/ipc/channels/sync';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import { call, errorText, onEvent } from './api';

export interface AppState {
  info: AppInfo | null;
  settings: Settings | null;
  portfolio: PortfolioView | null;
  /** The portfolio revision on screen (-1 before the first load). */
  revision: number;
  /** Whether the revision on screen is the sample portfolio. */
  sample: boolean;
  /** Why the portfolio last changed (null before the first change). */
  lastReason: PortfolioChangeReason | null;
  /** The sync run in progress or the last one seen (null before any). */
  syncRun: SyncProgress | null;
  error: string | null;
  updateSettings: (patch: SettingsPatch) => Promise<Settings>;
  resetSettings: () => Promise<void>;
  refresh: () => void;
  dismissNotice: (id: string) => Promise<void>;
}

const Ctx = createContext<AppState | null>(null);

interface Live {
  settings: Settings;
  portfolio: PortfolioView;
  reason: PortfolioChangeReason | null;
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [live, setLive] = useState<Live | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [syncRun, setSyncRun] = useState<SyncProgress | null>(null);
  const newest = useRef(-1);

  /** Loads settings and portfolio together; an answer older than one already shown is dropped. */
  const load = useCallback((reason: PortfolioChangeReason | null) => {
    Promise.all([call('settings:get'), call('portfolio:get')]).then(
      ([settings, portfolio]) => {
        if (portfolio.revision < newest.current) return;
        newest.current = portfolio.revision;
        setLive({ settings, portfolio, reason });
        setError(null);
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, []);

  useEffect(() => {
    call('app:info').then(setInfo, (e: unknown) => setError(errorText(e)));
    load(null);
    call('sync:status').then(
      (s) => s.running && setSyncRun({ runId: s.running.runId, state: 'running', accounts: s.running.accounts }),
      () => undefined,
    );
    const offSync = onEvent('sync:progress', setSyncRun);
    const offChange = onEvent('portfolio:changed', (c) => load(c.reason));
    const offNotice = onEvent('notice', (n) =>
      setInfo((i) => (i && !i.notices.some((x) => x.id === n.id) ? { ...i, notices: [...i.notices, n] } : i)),
    );
    return () => {
      offSync();
      offChange();
      offNotice();
    };
  }, [load]);

  const refresh = useCallback(() => {
    newest.current = -1;
    load(null);
  }, [load]);
  const updateSettings = useCallback(async (patch: SettingsPatch) => {
    const s = await call('settings:update', patch);
    // main announces the change; the settings are shown at once meanwhile
    setLive((l) => (l ? { ...l, settings: s } : l));
    return s;
  }, []);
  const resetSettings = useCallback(async () => {
    const s = await call('settings:reset');
    setLive((l) => (l ? { ...l, settings: s } : l));
  }, []);
  const dismissNotice = useCallback(async (id: string) => {
    await call('app:dismissNotice', { id });
    setInfo((i) => (i ? { ...i, notices: i.notices.filter((n) => n.id !== id) } : i));
  }, []);

  const value = useMemo<AppState>(
    () => ({
      info,
      settings: live?.settings ?? null,
      portfolio: live?.portfolio ?? null,
      revision: live?.portfolio.revision ?? -1,
      sample: live?.portfolio.sample ?? false,
      lastReason: live?.reason ?? null,
      syncRun,
      error,
      updateSettings,
      resetSettings,
      refresh,
      dismissNotice,
    }),
    [info, live, syncRun, error, updateSettings, resetSettings, refresh, dismissNotice],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useApp(): AppState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useApp outside AppProvider');
  return v;
}
