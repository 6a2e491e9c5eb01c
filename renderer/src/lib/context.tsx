/**
 * App-wide state loaded from main: app info (demo flag, notices), settings and the portfolio view.
 * Views read it through `useApp()`; anything else they load themselves with `call`.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AppInfo } from '../../../shared/ipc/channels/app';
import type { PortfolioView } from '../../../shared/ipc/channels/portfolio';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import { call, errorText, onEvent } from './api';

export interface AppState {
  info: AppInfo | null;
  settings: Settings | null;
  portfolio: PortfolioView | null;
  error: string | null;
  updateSettings: (patch: SettingsPatch) => Promise<void>;
  resetSettings: () => Promise<void>;
  refresh: () => void;
  dismissNotice: (id: string) => Promise<void>;
}

const Ctx = createContext<AppState | null>(null);

export function AppProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [portfolio, setPortfolio] = useState<PortfolioView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    Promise.all([call('app:info'), call('settings:get'), call('portfolio:get')]).then(
      ([i, s, p]) => {
        if (!live) return;
        setInfo(i);
        setSettings(s);
        setPortfolio(p);
        setError(null);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [tick]);

  useEffect(
    () =>
      onEvent('notice', (n) =>
        setInfo((i) => (i && !i.notices.some((x) => x.id === n.id) ? { ...i, notices: [...i.notices, n] } : i)),
      ),
    [],
  );

  const refresh = useCallback(() => setTick((t) => t + 1), []);
  const updateSettings = useCallback(async (patch: SettingsPatch) => {
    setSettings(await call('settings:update', patch));
    setPortfolio(await call('portfolio:get'));
  }, []);
  const resetSettings = useCallback(async () => {
    setSettings(await call('settings:reset'));
    setPortfolio(await call('portfolio:get'));
  }, []);
  const dismissNotice = useCallback(async (id: string) => {
    await call('app:dismissNotice', { id });
    setInfo((i) => (i ? { ...i, notices: i.notices.filter((n) => n.id !== id) } : i));
  }, []);

  const value = useMemo(
    () => ({ info, settings, portfolio, error, updateSettings, resetSettings, refresh, dismissNotice }),
    [info, settings, portfolio, error, updateSettings, resetSettings, refresh, dismissNotice],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useApp(): AppState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useApp outside AppProvider');
  return v;
}
