/**
 * The one notice for "a file could not be read": every store, cache and log that finds its file
 * damaged tells the user through `fileNotice`, so the texts read alike and always say where the
 * original was kept. Called by createServices, the sync service, manual holdings and the Index Lab
 * spec store; the notice then goes out through ServiceContext.notice (shown once, dismissable by id).
 */
import type { Notice } from '../../shared/ipc/channels/app';
import type { RecoveredFile } from './store';

export interface DamagedFile {
  /** Stable notice id (the renderer dismisses by it), e.g. "recovered:settings". */
  id: string;
  /** What could not be read, as the title's subject: "Your settings file", "The saved balances". */
  subject: string;
  /** 'file': the whole file was unreadable (default); 'line': some lines of it were. */
  damage?: 'file' | 'line';
  /** What Ballast did about it, completing "Ballast ...": "started with defaults". */
  outcome: string;
  /** Where the original was kept; null when nothing had to be kept. */
  backupPath: string | null;
  /** Why the file could not be read, when known. */
  reason?: string;
  /** Default 'warning'; 'info' for caches that refill themselves. */
  level?: 'info' | 'warning';
}

export function fileNotice(f: DamagedFile): Omit<Notice, 'at'> {
  const line = f.damage === 'line';
  const kept = f.backupPath
    ? `; the ${line ? 'original' : 'unreadable'} file was kept at ${f.backupPath}${f.reason ? ` (${f.reason})` : ''}`
    : '';
  return {
    id: f.id,
    level: f.level ?? 'warning',
    title: line ? `${f.subject} had an unreadable line.` : `${f.subject} could not be read.`,
    message: `Ballast ${f.outcome}${kept}.`,
  };
}

/** The notice for a JSON store that was moved aside (see quarantineIfCorrupt in ./store). */
export function storeNotice(r: RecoveredFile, what: { subject?: string; outcome?: string } = {}): Omit<Notice, 'at'> {
  return fileNotice({
    id: `recovered:${r.name}`,
    subject: what.subject ?? `Your ${r.name} file`,
    outcome: what.outcome ?? 'started with defaults',
    backupPath: r.backupPath,
    reason: r.reason,
  });
}

/** The notice for an activity log found altered (see electron/services/activity/verify.ts). */
export function alteredLogNotice(reason: string): Omit<Notice, 'at'> {
  return {
    id: 'activity-log:altered',
    level: 'warning',
    title: 'The activity log was changed outside Ballast.',
    message: `Ballast found that ${reason}. Keys & Activity shows the check; the log keeps recording.`,
  };
}
