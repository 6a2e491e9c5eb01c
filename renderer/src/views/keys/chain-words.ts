/**
 * The activity log check (`activity:verify`, shared/domain/activity.ts ChainStatus) in plain words for
 * the Keys & Activity view: a tone, a short title and what it means. Pure, so test/unit checks it;
 * ChainStatus.tsx shows it.
 */
import type { ChainStatus } from '../../../../shared/ipc/channels/activity';
import { plural } from '../../lib/format';

export interface ChainWords {
  tone: 'ok' | 'warn' | 'crit';
  title: string;
  detail: string;
}

/** `day` formats the day signing started ("3 May 2026"). */
export function chainWords(c: ChainStatus, day: (ms: number) => string): ChainWords {
  if (!c.ok) {
    return {
      tone: 'crit',
      title: `Log altered at entry ${c.brokenAt}`,
      detail: `${c.reason.charAt(0).toUpperCase()}${c.reason.slice(1)}. The entries Ballast wrote are no longer all there as written.`,
    };
  }
  const checked = `${plural(c.entries, 'entry', 'entries')} checked`;
  if (c.warning) return { tone: 'warn', title: 'Log not fully checked', detail: `${checked}. ${c.warning}` };
  const parts = [checked];
  if (c.signing?.state === 'signed') {
    parts.push(
      'each is chained to the one before and signed with a key of this installation kept in the system keychain',
    );
    const before = c.signing.unsignedBefore;
    if (before) {
      parts.push(
        `the ${plural(before.entries, 'entry', 'entries')} written before ${day(before.at)} are not signed, and cannot have changed since then`,
      );
    }
  } else if (c.signing?.state === 'unavailable') {
    parts.push(
      'each is chained to the one before, but not signed: the system keychain is not available, so a change that rewrites the whole chain would go unnoticed',
    );
  } else {
    parts.push('each is chained to the one before');
  }
  return { tone: 'ok', title: 'Log intact', detail: `${parts.join('; ')}.` };
}
