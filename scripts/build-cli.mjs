// Builds the command-line tools (cli/simulate.ts, cli/grades-calibrate.ts, cli/market-history-export.ts) into plain JavaScript in
// out/cli/*.mjs, one self-contained bundle each (dependencies included), so running them needs no
// TypeScript transpiler and loads one file. Run by `npm run build`, and by scripts/cli.mjs when a
// bundle is missing or older than its sources. Writes out/cli/inputs.json: the source files of the
// bundles, which scripts/cli.mjs checks for changes.
import { writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_ENTRIES = {
  simulate: 'cli/simulate.ts',
  'grades-calibrate': 'cli/grades-calibrate.ts',
  'market-history-export': 'cli/market-history-export.ts',
};

export async function buildCli() {
  const inputs = new Set();
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: true,
      outDir: 'out/cli',
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: Object.fromEntries(Object.entries(CLI_ENTRIES).map(([name, file]) => [name, join(root, file)])),
        output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
      },
    },
    plugins: [
      {
        name: 'ballast-cli-inputs',
        moduleParsed(info) {
          if (!info.id.includes('node_modules') && !info.id.startsWith('\0')) inputs.add(relative(root, info.id));
        },
      },
    ],
  });
  writeFileSync(join(root, 'out/cli/inputs.json'), `${JSON.stringify([...inputs].sort(), null, 1)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();
