/**
 * Renderer build benchmark: builds the app (electron-vite, as shipped) and reads out/renderer. Checks
 * that the code is minified, that every view of views/registry.ts is a chunk of its own (loaded on
 * first show), how large the entry chunk and the Index Lab worker are, and that the worker carries
 * no zod (specs are validated in the renderer before they are posted). Sizes are reported in the
 * note; `ms` is the build's wall time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from './run';
import { run } from './timing';

const ROOT = join(import.meta.dirname, '..');
const ASSETS = join(ROOT, 'out/renderer/assets');
/** The file each view of views/registry.ts is built from: its chunk is named after it. */
const VIEW_CHUNKS = [
  'DashboardView',
  'DiversificationView',
  'GradesView',
  'IndexLabView',
  'Warnings',
  'KeysView',
  'SettingsView',
];
const ENTRY_TARGET_KB = 300;
const WORKER_TARGET_KB = 100;

const kB = (bytes: number) => bytes / 1000;

/**
 * Minified code has next to no indented lines: fewer than one per 1,000 characters (a chunk may still
 * hold multi-line strings, e.g. a word list or zod's code templates). Unminified output has ~20.
 */
function minified(text: string): boolean {
  const indented = text.split('\n').filter((line) => /^(\t| {2})/.test(line)).length;
  return indented < text.length / 1000;
}

export default async function runBench(): Promise<BenchRow[]> {
  const build = run('npx', ['electron-vite', 'build'], { cwd: ROOT, timeoutMs: 300_000 });
  if (build.code !== 0) throw new Error(`electron-vite build failed:\n${build.stderr}`);
  const js = readdirSync(ASSETS).filter((f) => f.endsWith('.js'));
  const size = (f: string) => statSync(join(ASSETS, f)).size;
  const text = (f: string) => readFileSync(join(ASSETS, f), 'utf8');
  const entry = js.find((f) => f.startsWith('index-'));
  const worker = js.find((f) => f.startsWith('indexlab.worker-'));
  if (!entry || !worker) throw new Error(`entry or worker chunk missing in ${ASSETS}`);
  const views = VIEW_CHUNKS.map((v) => ({ v, file: js.find((f) => f.startsWith(`${v}-`)) }));
  const missing = views.filter((x) => !x.file).map((x) => x.v);
  const allMinified = js.every((f) => minified(text(f)));
  const totalKb = kB(js.reduce((s, f) => s + size(f), 0));
  const largestView = Math.max(...views.map((x) => (x.file ? size(x.file) : 0)));
  const workerText = text(worker);
  const workerHasZod = /ZodError|\$ZodType|zod\/v4/.test(workerText);
  return [
    {
      name: 'renderer: minified production build',
      ms: build.ms,
      target: 'every chunk minified',
      ok: allMinified,
      note: `${js.length} JS chunks, ${totalKb.toFixed(0)} kB in all`,
    },
    {
      name: 'renderer: one lazily loaded chunk per view',
      ms: 0,
      target: `${VIEW_CHUNKS.length} view chunks; entry < ${ENTRY_TARGET_KB} kB`,
      ok: missing.length === 0 && kB(size(entry)) < ENTRY_TARGET_KB,
      note:
        `entry ${kB(size(entry)).toFixed(0)} kB, largest view ${kB(largestView).toFixed(0)} kB` +
        (missing.length ? `; no chunk for ${missing.join(', ')}` : ''),
    },
    {
      name: 'renderer: Index Lab worker without zod',
      ms: 0,
      target: `no zod; < ${WORKER_TARGET_KB} kB`,
      ok: !workerHasZod && kB(size(worker)) < WORKER_TARGET_KB,
      note: `${kB(size(worker)).toFixed(0)} kB${workerHasZod ? ', carries zod' : ''}`,
    },
  ];
}
