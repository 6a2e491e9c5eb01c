// Makes sure native modules (keytar) are built for plain Node before the tests run.
// `npm start` rebuilds them for Electron's ABI (electron-builder install-app-deps); the tests run under
// Node, so after a start the module may need rebuilding once. Does nothing when keytar already loads.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  require('keytar');
} catch (err) {
  const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
  console.log(`keytar does not load under Node (${reason}); rebuilding it for Node ${process.version}...`);
  const r = spawnSync('npm', ['rebuild', 'keytar', '--foreground-scripts'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
