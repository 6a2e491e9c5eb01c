/**
 * Zod building blocks for bounds, used by the IPC request schemas (shared/ipc/channels/) and the
 * settings and specs they carry: a record with at most a given number of keys, refused before any entry
 * is parsed (zod parses every entry before a refinement could count them: 100,000 keys took over a
 * second). test/unit/ipc-bounds.test.ts checks that every list, string and record of every request
 * schema has a bound.
 */
import { z } from 'zod';

/** `record`, refused ("must have at most `max` `what`") when the object has more than `max` keys. */
export function boundedRecord<T extends z.ZodRecord>(
  record: T,
  max: number,
  what = 'entries',
): z.ZodPipe<z.ZodCustom<z.input<T>, z.input<T>>, T> {
  const fewEnough = (v: unknown) => typeof v !== 'object' || v === null || Object.keys(v).length <= max;
  const guard = z.custom<z.input<T>>(fewEnough, { error: `must have at most ${max} ${what}` });
  // The guard lets through exactly what the record reads.
  return guard.pipe(record as unknown as z.ZodType<unknown, z.input<T>>).meta({ maxEntries: max }) as never;
}

/**
 * Characters a name must not hold: controls (NUL, newlines, tabs...), direction overrides and isolates
 * (which make "exe.txt" read as "txt.exe"), and zero-width characters (which make two names look alike).
 */
// eslint-disable-next-line no-control-regex
export const HIDDEN_OR_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

/**
 * A name the user sees (account and wallet labels, notes, spec names; they also reach desktop
 * notifications and the activity log): NFC-normalised, trimmed, `min` to `max` characters, refused when
 * it holds a control, direction-changing or invisible character.
 */
export function displayNameSchema(max: number, min = 1) {
  return z
    .string()
    .normalize('NFC')
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !HIDDEN_OR_CONTROL.test(s), 'must not contain control, direction-changing or invisible characters');
}
