/**
 * Loading data from main in a component: `useAsync` runs a loader on mount and when its deps change;
 * `useLive` also reloads whenever the portfolio revision changes (lib/context.tsx), which is how every
 * view that shows something derived from the portfolio stays current.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from './api';
import { useApp } from './context';

export interface AsyncState<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs an async loader on mount and whenever `deps` change; keeps the last data while reloading,
 * unless it was loaded under another `tag` than the current one (then `data` is undefined until the
 * new answer comes).
 */
export function useAsync<T>(loader: () => Promise<T>, deps: unknown[], tag?: unknown): AsyncState<T> {
  const [state, setState] = useState<{ data: T | undefined; tag: unknown }>({ data: undefined, tag });
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    loader().then(
      (d) => {
        if (mine !== seq.current) return;
        setState({ data: d, tag });
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(errorText(e));
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps stand for the loader's inputs
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: Object.is(state.tag, tag) ? state.data : undefined, error, loading, reload };
}

/**
 * `useAsync` that also reloads at every portfolio revision. Data loaded while the app showed the
 * sample is never returned once it shows the user's portfolio (and the other way round).
 */
export function useLive<T>(loader: () => Promise<T>, deps: unknown[]): AsyncState<T> {
  const { revision, sample } = useApp();
  // Nothing is loaded before the app knows its first revision.
  const load = revision < 0 ? () => new Promise<T>(() => undefined) : loader;
  return useAsync(load, [...deps, revision], sample);
}
