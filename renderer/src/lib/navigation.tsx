/**
 * In-app navigation: which view is shown, `navigate(view, params)` to open another one, and the
 * window's hash kept in step (#settings), so back and forward move between views and nothing
 * reloads the page (Index Lab runs and pinned comparisons stay in memory).
 *
 * A view with unsaved edits registers a leave guard (`useLeaveGuard`); leaving it then asks first
 * (save, discard or stay) instead of dropping the edits. Used by App, the sidebar, the Ctrl+number
 * shortcuts and every in-app link.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/** A view's id as registered in views/registry.ts (App shows the Dashboard for an unknown one). */
export type ViewId = string;

/** Extra information for the view being opened. */
export interface NavParams {
  /** Settings: the rule to scroll to and highlight. */
  rule?: string;
  /** Id of an element of the view to scroll to and focus (it has tabIndex -1). */
  section?: string;
}

export interface Place {
  view: ViewId;
  params: NavParams;
}

/** What a view with unsaved edits does when the user leaves it. */
export interface LeaveGuard {
  /** What is unsaved, for the question ("Your changes to Settings are not saved."). */
  what: string;
  /** Saves; resolves false when saving failed (the user then stays). */
  save: () => Promise<boolean>;
  discard: () => void;
}

export interface Navigation extends Place {
  navigate: (view: ViewId, params?: NavParams) => void;
  /** A leave that waits for the user's answer, or null. */
  pending: { to: Place; guard: LeaveGuard } | null;
  /** The user's answer to the pending leave. */
  answer: (choice: 'save' | 'discard' | 'stay') => void;
  /** Sets (or clears, with null) the guard of the view on screen. */
  setGuard: (guard: LeaveGuard | null) => void;
}

const Ctx = createContext<Navigation | null>(null);

/** The view a hash names ('#settings'); the Dashboard when there is none. */
export function viewOfHash(hash: string): ViewId {
  return hash.replace(/^#/, '') || 'dashboard';
}

export function NavigationProvider({ children }: { children: ReactNode }) {
  const [place, setPlace] = useState<Place>(() => ({ view: viewOfHash(window.location.hash), params: {} }));
  const [pending, setPending] = useState<Navigation['pending']>(null);
  const guard = useRef<LeaveGuard | null>(null);
  const current = useRef(place);
  current.current = place;

  const go = useCallback((to: Place, push: boolean) => {
    if (push && to.view !== current.current.view) window.history.pushState(null, '', `#${to.view}`);
    setPlace(to);
  }, []);

  const navigate = useCallback(
    (view: ViewId, params: NavParams = {}) => {
      const to = { view, params };
      if (view !== current.current.view && guard.current) {
        setPending({ to, guard: guard.current });
        return;
      }
      go(to, true);
    },
    [go],
  );

  // Back and forward: the hash has already moved; with unsaved edits it is put back until the user answers.
  useEffect(() => {
    const onPop = () => {
      const view = viewOfHash(window.location.hash);
      if (view === current.current.view) return;
      if (guard.current) {
        window.history.pushState(null, '', `#${current.current.view}`);
        setPending({ to: { view, params: {} }, guard: guard.current });
        return;
      }
      setPlace({ view, params: {} });
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  // The first view's hash is written without adding a history entry.
  useEffect(() => {
    if (window.location.hash !== `#${place.view}`) window.history.replaceState(null, '', `#${place.view}`);
  }, [place.view]);

  const answer = useCallback(
    (choice: 'save' | 'discard' | 'stay') => {
      const p = pending;
      setPending(null);
      if (!p || choice === 'stay') return;
      if (choice === 'discard') {
        p.guard.discard();
        guard.current = null;
        go(p.to, true);
        return;
      }
      void p.guard.save().then((ok) => {
        if (!ok) return;
        guard.current = null;
        go(p.to, true);
      });
    },
    [pending, go],
  );

  const setGuard = useCallback((g: LeaveGuard | null) => {
    guard.current = g;
  }, []);

  const value = useMemo<Navigation>(
    () => ({ ...place, navigate, pending, answer, setGuard }),
    [place, navigate, pending, answer, setGuard],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useNavigation(): Navigation {
  const v = useContext(Ctx);
  if (!v) throw new Error('useNavigation outside NavigationProvider');
  return v;
}

/**
 * Guards leaving the view while `guard` is not null (unsaved edits): the user is asked to save,
 * discard or stay. The guard is dropped when the view unmounts.
 */
export function useLeaveGuard(guard: LeaveGuard | null): void {
  const { setGuard } = useNavigation();
  useEffect(() => {
    setGuard(guard);
  }, [guard, setGuard]);
  useEffect(() => () => setGuard(null), [setGuard]);
}
