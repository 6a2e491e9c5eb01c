/**
 * Lazy ccxt loading.
 *
 * ccxt's package "exports" map only exposes the full bundle ('ccxt'), which loads all ~100
 * exchanges (about 0.8 s and 38 MB of heap on a laptop). Each exchange is also a standalone ES
 * module at ccxt/js/src/<id>.js that imports only the shared base code, so it is loaded here by
 * file URL (about 0.27 s and 6 MB). If that path is unavailable (e.g. a bundled build), we fall
 * back to the full library. Both routes share the same module instances (same files), so
 * `instanceof` checks on ccxt errors agree.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Exchange } from 'ccxt';

export type CcxtModule = typeof import('ccxt');
export type ExchangeClass = new (config?: Record<string, unknown>) => Exchange;
export type CcxtErrors = Pick<
  CcxtModule,
  | 'BaseError'
  | 'ExchangeError'
  | 'AuthenticationError'
  | 'PermissionDenied'
  | 'AccountNotEnabled'
  | 'AccountSuspended'
  | 'NotSupported'
  | 'NetworkError'
  | 'DDoSProtection'
  | 'RateLimitExceeded'
  | 'ExchangeNotAvailable'
  | 'OnMaintenance'
  | 'InvalidNonce'
  | 'RequestTimeout'
  | 'BadResponse'
  | 'NullResponse'
>;

const EXCHANGE_ID = /^[a-z][a-z0-9]{1,31}$/;

let sourceDir: string | null | undefined;

/** Absolute path of ccxt/js/src, or null when it cannot be found on disk. */
function ccxtSourceDir(): string | null {
  if (sourceDir !== undefined) return sourceDir;
  sourceDir = null;
  try {
    const require = createRequire(import.meta.url);
    // resolves to <pkg>/dist/ccxt.cjs through the "require" condition
    const root = dirname(dirname(require.resolve('ccxt')));
    const src = join(root, 'js', 'src');
    if (existsSync(join(src, 'base', 'Exchange.js')) && existsSync(join(src, 'base', 'errors.js'))) {
      sourceDir = src;
    }
  } catch {
    sourceDir = null;
  }
  return sourceDir;
}

async function importFile<T>(file: string): Promise<T> {
  return (await import(pathToFileURL(file).href)) as T;
}

let fullLibrary: Promise<CcxtModule> | null = null;

/** The whole ccxt library (loaded once). */
export function loadCcxt(): Promise<CcxtModule> {
  if (!fullLibrary) {
    fullLibrary = import('ccxt') as Promise<CcxtModule>;
    fullLibrary.catch(() => {
      fullLibrary = null;
    });
  }
  return fullLibrary;
}

const classes = new Map<string, Promise<ExchangeClass>>();

async function resolveClass(exchangeId: string): Promise<ExchangeClass> {
  const src = ccxtSourceDir();
  if (src) {
    const file = join(src, `${exchangeId}.js`);
    if (existsSync(file)) {
      try {
        const [mod, base] = await Promise.all([
          importFile<{ default?: unknown }>(file),
          importFile<{ Exchange: abstract new (...args: never[]) => unknown }>(join(src, 'base', 'Exchange.js')),
        ]);
        const Cls = mod.default;
        if (typeof Cls === 'function' && Cls.prototype instanceof base.Exchange) {
          return Cls as ExchangeClass;
        }
      } catch {
        // fall through to the full library
      }
    }
  }
  const ccxt = await loadCcxt();
  // the named export `exchanges` maps id -> class (the default export's is a list of ids)
  const table = ccxt.exchanges as unknown as Record<string, unknown>;
  const Cls = Object.prototype.hasOwnProperty.call(table, exchangeId) ? table[exchangeId] : undefined;
  if (typeof Cls !== 'function') {
    throw new Error(`Unsupported exchange "${exchangeId}".`);
  }
  return Cls as ExchangeClass;
}

/** The ccxt class of one exchange, loading only its module when possible. */
export function loadExchangeClass(exchangeId: string): Promise<ExchangeClass> {
  if (!EXCHANGE_ID.test(exchangeId)) {
    return Promise.reject(new Error(`Unsupported exchange "${exchangeId.slice(0, 40)}".`));
  }
  let p = classes.get(exchangeId);
  if (!p) {
    p = resolveClass(exchangeId);
    p.catch(() => classes.delete(exchangeId));
    classes.set(exchangeId, p);
  }
  return p;
}

let errorsModule: Promise<CcxtErrors> | null = null;

/** ccxt's error classes, without loading the full library when possible. */
export function loadCcxtErrors(): Promise<CcxtErrors> {
  if (!errorsModule) {
    errorsModule = (async () => {
      const src = ccxtSourceDir();
      if (src) {
        try {
          return await importFile<CcxtErrors>(join(src, 'base', 'errors.js'));
        } catch {
          // fall through
        }
      }
      return loadCcxt();
    })();
    errorsModule.catch(() => {
      errorsModule = null;
    });
  }
  return errorsModule;
}
