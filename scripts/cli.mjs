// Runs a built command-line tool: `node scripts/cli.mjs simulate --spec ...` runs out/cli/simulate.mjs
// with the remaining arguments. The bundle is built first (scripts/build-cli.mjs) when it is missing or
// when one of its source files is newer than it, so `npm run simulate` never runs stale code and never
// needs a TypeScript transpiler at run time. Used by the `simulate`, `grades:calibrate` and
// `market-history:export` npm scripts.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z-]+$/.test(name)) {
  process.stderr.write('usage: node scripts/cli.mjs <simulate|grades-calibrate|market-history-export> [arguments]\n');
  process.exit(2);
}
const bundle = join(root, 'out', 'cli', `${name}.mjs`);

/** True when the bundle is missing or older than a source file it was built from. */
function stale() {
  const list = join(root, 'out', 'cli', 'inputs.json');
  if (!existsSync(bundle) || !existsSync(list)) return true;
  const built = statSync(bundle).mtimeMs;
  for (const file of JSON.parse(readFileSync(list, 'utf8'))) {
    const st = statSync(join(root, file), { throwIfNoEntry: false });
    if (!st || st.mtimeMs > built) return true;
  }
  return false;
}

if (stale()) {
  process.stderr.write('building the command-line tools (out/cli)...\n');
  const { buildCli, CLI_ENTRIES } = await import('./build-cli.mjs');
  if (!(name in CLI_ENTRIES)) {
    process.stderr.write(`unknown tool ${name}; one of ${Object.keys(CLI_ENTRIES).join(', ')}\n`);
    process.exit(2);
  }
  await buildCli();
}
process.argv = [process.argv[0], bundle, ...args];
await import(pathToFileURL(bundle).href);
