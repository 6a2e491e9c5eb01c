/**
 * Desktop notifications for new allocation findings: each new warning or critical finding is notified
 * once, even across restarts. Built once by createServices (ctx.findings), which calls it after every
 * sync with the findings of the portfolio just synced.
 *
 * "New" is by findingKey (rule and subject): the keys of the findings notified and still present are
 * kept in the 'notified-findings' store (opened on first use), so the same finding is not repeated on
 * every sync or after a restart. A finding that disappears is forgotten, so it notifies again if it
 * comes back; one that escalates from warning to critical notifies again. Info findings never notify.
 */
import { SEVERITY_RANK, findingKey, type Finding, type Severity } from '../../shared/allocation';
import type { Settings } from '../../shared/settings';
import type { JsonStore, StoreFactory } from './store';

/** At most this many desktop notifications per call; the rest are summed up in one more. */
export const MAX_NOTIFICATIONS = 5;

type NotifiedFile = { active: Record<string, Severity> };

export interface FindingNotifierDeps {
  storeFactory: StoreFactory;
  dataDir: string;
  /** desktopNotifications is read from here at every call. */
  settings: { get(): Settings };
  notify: (title: string, body: string) => void;
}

function readActive(store: JsonStore<NotifiedFile>): Map<string, Severity> {
  const raw: unknown = store.get('active');
  const out = new Map<string, Severity>();
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [k, v] of Object.entries(raw)) {
      if (v === 'warning' || v === 'critical' || v === 'info') out.set(k, v);
    }
  }
  return out;
}

export class FindingNotifier {
  private readonly deps: FindingNotifierDeps;
  private opened: JsonStore<NotifiedFile> | null = null;

  constructor(deps: FindingNotifierDeps) {
    this.deps = deps;
  }

  /**
   * Sends a desktop notification for each new warning or critical finding (when the user allows
   * desktop notifications) and returns those findings.
   */
  notifyNew(findings: readonly Finding[]): Finding[] {
    const store = this.store();
    const before = readActive(store);
    const current = new Map<string, Finding>();
    for (const f of findings) {
      if (f.severity === 'info') continue;
      const key = findingKey(f);
      const seen = current.get(key);
      if (!seen || SEVERITY_RANK[f.severity] > SEVERITY_RANK[seen.severity]) current.set(key, f);
    }
    const fresh: Finding[] = [];
    for (const [key, f] of current) {
      const was = before.get(key);
      if (was === undefined || SEVERITY_RANK[f.severity] > SEVERITY_RANK[was]) fresh.push(f);
    }
    store.set('active', Object.fromEntries([...current].map(([k, f]) => [k, f.severity])));

    if (fresh.length > 0 && this.deps.settings.get().desktopNotifications) {
      const shown = fresh.slice(0, fresh.length > MAX_NOTIFICATIONS ? MAX_NOTIFICATIONS - 1 : MAX_NOTIFICATIONS);
      for (const f of shown) {
        this.deps.notify(`${f.severity === 'critical' ? 'Critical' : 'Warning'}: ${f.title}`, f.message);
      }
      const rest = fresh.length - shown.length;
      if (rest > 0) {
        this.deps.notify(`${rest} more new warnings`, 'Open Warnings in Ballast to see them all.');
      }
    }
    return fresh;
  }

  private store(): JsonStore<NotifiedFile> {
    this.opened ??= this.deps.storeFactory<NotifiedFile>({
      name: 'notified-findings',
      cwd: this.deps.dataDir,
      defaults: { active: {} },
    }).store;
    return this.opened;
  }
}
