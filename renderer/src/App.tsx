/**
 * The app's frame: a skip link, the sidebar of views, the banners (sample data, errors, notices), the
 * view's heading and the view itself. Switching views stays in the page (lib/navigation.tsx) and moves
 * the keyboard focus to the new view's heading; Ctrl/Cmd + number jumps to a view. Each view is its
 * own chunk (views/registry.ts): until it has loaded, a small fallback stands in for it.
 */
import { Suspense, useCallback, useEffect, useRef } from 'react';
import { LeaveDialog } from './components/LeaveDialog';
import { SampleBanner } from './components/SampleBanner';
import { useApp } from './lib/context';
import { useNavigation } from './lib/navigation';
import { VIEWS } from './views/registry';

export function App() {
  const { info, error, dismissNotice, sample } = useApp();
  const nav = useNavigation();
  const view = VIEWS.find((v) => v.id === nav.view) ?? VIEWS[0]!;
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef<string | null>(null);
  const { navigate } = nav;

  // After a switch (not at start), the keyboard focus goes to the new view's heading, or to the
  // section the link asked for. It runs once the view is on screen (Shown sits inside the view's
  // Suspense), so a view loaded on first show has its sections when they are looked for.
  const onShown = useCallback(() => {
    const first = shown.current === null;
    shown.current = view.id;
    const section = nav.params.section ? document.getElementById(nav.params.section) : null;
    if (section) {
      section.scrollIntoView({ block: 'start' });
      section.focus({ preventScroll: true });
    } else if (!first) heading.current?.focus();
  }, [view.id, nav.params]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const n = Number(e.key);
      const target = Number.isInteger(n) && n >= 1 ? VIEWS[n - 1] : undefined;
      if (target) {
        e.preventDefault();
        navigate(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  const View = view.component;
  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          // The hash names the view: the link moves the focus without touching it.
          e.preventDefault();
          heading.current?.focus();
        }}
      >
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Views">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{' '}
          Ballast
        </div>
        <ul>
          {VIEWS.map((v, i) => (
            <li key={v.id}>
              <button
                type="button"
                className={v.id === view.id ? 'nav-item active' : 'nav-item'}
                aria-current={v.id === view.id ? 'page' : undefined}
                onClick={() => navigate(v.id)}
                title={i < 9 ? `${v.title} (Ctrl+${i + 1})` : v.title}
              >
                {v.title}
              </button>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot">
          {info ? `v${info.version}` : ''}
          <div className="muted small">Local only. Ballast never places orders.</div>
        </div>
      </nav>
      <main className="content" id="main">
        {sample && <SampleBanner />}
        {error && (
          <div className="banner error" role="alert">
            {error}
          </div>
        )}
        {info?.notices.map((n) => (
          <div key={n.id} className={`banner ${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
            <strong>{n.title}</strong> {n.message}{' '}
            <button type="button" className="link" onClick={() => void dismissNotice(n.id)}>
              Dismiss
            </button>
          </div>
        ))}
        <h1 ref={heading} tabIndex={-1}>
          {view.title}
        </h1>
        {/* Keyed by view: a view not yet loaded shows the fallback, never the previous view's content. */}
        <Suspense key={view.id} fallback={<p className="muted view-loading">Loading…</p>}>
          <View />
          <Shown run={onShown} />
        </Suspense>
      </main>
      <LeaveDialog />
    </div>
  );
}

/** Runs `run` once the content beside it (the view) has been committed, and again when `run` changes. */
function Shown({ run }: { run: () => void }) {
  useEffect(run, [run]);
  return null;
}
