/**
 * Where a service gets the time and new ids. Tests inject fixed clocks and counters; the app uses the
 * real clock and random UUIDs. Used by the account and manual-holdings services.
 */
import { randomUUID } from 'node:crypto';

export interface ClockDeps {
  now?: () => number;
  newId?: () => string;
}

/** The clock and id source of `deps`, the real ones where none is given. */
export function clockOf(deps: ClockDeps): { now: () => number; newId: () => string } {
  return { now: deps.now ?? Date.now, newId: deps.newId ?? randomUUID };
}
