/**
 * Run warnings of the Index Lab engine. Every step of a run reports through one WarningLog;
 * repeats of the same kind merge into one line with a count and the day it first happened.
 * Lines keep the order in which their kind first appeared, so a run always lists them alike.
 */
import { isoDay } from '../calendar';

/** Collects warnings, merging repeats of the same kind into one line with a count. */
export class WarningLog {
  private readonly m = new Map<string, { text: string; count: number; first: number }>();
  /** `text` may be a function so hot paths only build the message the first time. */
  add(key: string, text: string | (() => string), t = Number.NaN): void {
    const e = this.m.get(key);
    if (e) e.count++;
    else this.m.set(key, { text: typeof text === 'string' ? text : text(), count: 1, first: t });
  }
  has(key: string): boolean {
    return this.m.has(key);
  }
  list(): string[] {
    const out: string[] = [];
    for (const { text, count, first } of this.m.values()) {
      if (count > 1) out.push(`${text} (${count} times${Number.isNaN(first) ? '' : `, first on ${isoDay(first)}`})`);
      else out.push(Number.isNaN(first) ? text : `${text} (on ${isoDay(first)})`);
    }
    return out;
  }
}
