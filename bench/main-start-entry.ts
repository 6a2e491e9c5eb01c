/**
 * The main process's start as a plain Node program, for bench/main-start.bench.ts (which bundles it
 * the way electron-vite bundles main: our code inlined, packages external): imports the services,
 * creates them on an empty data folder and answers the renderer's first request, `app:info`. Prints
 * the time from process start (performance's time origin) to that answer, and to the imports' end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../electron/services/app-services';
import { createRouter } from '../electron/services/ipc-router';
import { createConfStore } from '../electron/services/store';

const importedMs = performance.now();
const assetsDir = process.argv[2];
if (!assetsDir) throw new Error('usage: main-start-entry <assetsDir>');
const dataDir = mkdtempSync(join(tmpdir(), 'ballast-bench-start-'));
const services = await createServices({
  dataDir,
  assetsDir,
  storeFactory: createConfStore,
  appVersion: 'bench',
  emit: () => undefined,
  notify: () => undefined,
});
const router = createRouter(services.handlers, { scrub: services.scrub });
const info = await router('app:info', undefined);
const answeredMs = performance.now();
if (!(info as { ok: boolean }).ok) throw new Error(`app:info failed: ${JSON.stringify(info)}`);
await services.dispose();
rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ importedMs, answeredMs })}\n`);
