/** Looking at what the app left in its data folder. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir`, recursively, as paths relative to it ("ohlcv/x.json"); [] when it is absent. */
export function filesUnder(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}
