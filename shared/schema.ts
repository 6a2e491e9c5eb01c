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
