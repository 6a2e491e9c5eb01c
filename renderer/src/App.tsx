import { useEffect, useState } from 'react';
import { useApp } from './lib/context';
import { VIEWS } from './views/registry';

export function App() {
  const { info, error, dismissNotice, portfolio } = useApp();
  const [viewId, setViewId] = useState<string>(() => window.location.hash.slice(1) || 'dashboard');
  const view = VIEWS.find((v) => v.id === viewId) ?? VIEWS[0]!;

  useEffect(() => {
    window.location.hash = view.id;
  }, [view.id]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const n = Number(e.key);
      const target = Number.isInteger(n) && n >= 1 ? VIEWS[n - 1] : undefined;
      if (target) {
        e.preventDefault();
        setViewId(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const View = view.component;
  return (
    <div className="app">
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
                onClick={() => setViewId(v.id)}
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
      <main className="content">
        {portfolio?.sample && (
          <div className="banner sample" role="status" data-testid="sample-banner">
            <strong>Sample data.</strong> You are looking at a generated demo portfolio. Add an exchange account in Keys
            &amp; Activity or a manual holding to see your own.
          </div>
        )}
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
        <h1>{view.title}</h1>
        <View />
      </main>
    </div>
  );
}
