/**
 * The system Chromium that Ballast's tooling launches (the E2E tests in playwright.config.ts,
 * scripts/render-icons.ts): where it is and one list of flags for a quiet headless run.
 */

/** Path of the Chromium binary: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** No sandbox (containers), no GPU, and no background traffic: updates, sync, first-run pages, QUIC. */
export const CHROMIUM_ARGS: string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
