/**
 * Clean-up shared by every test/main file: temporary folders and running services register here and
 * are removed (or disposed) by one `afterEach` or `afterAll`, so no test leaves files or timers behind.
 *
 * `cleanUpAfterEach()` / `cleanUpAfterAll()` install the hook for the calling file; `onCleanUp` adds a
 * step (run newest first, like a stack of `finally`s). A failing step does not stop the others.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';

type Step = () => void | Promise<void>;
const steps: Step[] = [];

/** Adds a clean-up step; it runs at the next clean-up, newest first. */
export function onCleanUp(step: Step): void {
  steps.push(step);
}

/** Runs every registered clean-up step, newest first; rethrows the first failure afterwards. */
export async function cleanUp(): Promise<void> {
  let first: unknown = null;
  for (const step of steps.splice(0).reverse()) {
    try {
      await step();
    } catch (err) {
      first ??= err;
    }
  }
  if (first) throw first;
}

export function cleanUpAfterEach(): void {
  afterEach(cleanUp);
}

export function cleanUpAfterAll(): void {
  afterAll(cleanUp);
}

/** A new empty folder under the OS temp folder, removed at the next clean-up. */
export function tempDir(prefix = 'ballast-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onCleanUp(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
