import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  applicationMenu,
  CONTENT_SECURITY_POLICY,
  isAllowedExternalUrl,
  isAppUrl,
  resolveAppPath,
  secureWebPreferences,
} from '../../electron/main/security';
import { ROOT } from './support/services';

/** `url` with a user name and password in it (built here, so no credential-shaped text sits in the source). */
function withCredentials(url: string): string {
  const u = new URL(url);
  u.username = 'user';
  u.password = 'pw';
  return u.href;
}

/** What is wrong with the options of one `new BrowserWindow(...)`, or null. */
function windowProblem(node: ts.NewExpression, source: ts.SourceFile): string | null {
  const options = node.arguments?.[0];
  if (!options || !ts.isObjectLiteralExpression(options)) return 'options are not an object literal';
  if (options.properties.some((p) => ts.isSpreadAssignment(p))) return 'options spread another object';
  const prefs = options.properties.find(
    (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source) === 'webPreferences',
  );
  const call = prefs?.initializer;
  if (!call || !ts.isCallExpression(call) || call.expression.getText(source) !== 'secureWebPreferences') {
    return 'webPreferences do not come from secureWebPreferences()';
  }
  const devTools = call.arguments[1];
  const value =
    devTools && ts.isObjectLiteralExpression(devTools)
      ? devTools.properties.find(
          (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source) === 'devTools',
        )
      : undefined;
  if (devTools && value?.initializer.getText(source) !== '!app.isPackaged') {
    return 'developer tools are not limited to unpackaged builds';
  }
  return null;
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('window security', () => {
  it('uses the secure webPreferences from the Electron checklist', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('keeps the developer tools closed unless asked for (the shell asks only when not packaged)', () => {
    expect(secureWebPreferences('/p.cjs').devTools).toBe(false);
    expect(secureWebPreferences('/p.cjs', { devTools: false }).devTools).toBe(false);
    expect(secureWebPreferences('/p.cjs', { devTools: true }).devTools).toBe(true);
  });

  it('creates every window of electron/main with the secure webPreferences, developer tools only when not packaged', () => {
    const dir = join(ROOT, 'electron/main');
    const found: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = ts.createSourceFile(file, readFileSync(join(dir, file), 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (ts.isNewExpression(node) && node.expression.getText(source) === 'BrowserWindow') {
          found.push(`${file}: ${windowProblem(node, source) ?? 'ok'}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((f) => !f.endsWith(': ok'))).toEqual([]);
  });

  it('opens only https links to the exchanges and the docs in the browser', () => {
    for (const url of [
      'https://www.binance.com/en/my/settings/api-management',
      'https://kraken.com/',
      'https://docs.github.com/en',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(true);
    }
    for (const url of [
      'http://www.binance.com/',
      'https://binance.com.evil.example/',
      'https://evilbinance.com/',
      withCredentials('https://github.com/'),
      'https://github.com:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('gives a packaged build no menu item that reloads or opens the developer tools', () => {
    expect(applicationMenu('linux', true)).toBeNull();
    expect(applicationMenu('win32', true)).toBeNull();
    const mac = JSON.stringify(applicationMenu('darwin', true));
    for (const role of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu']) expect(mac).not.toContain(role);
    expect(applicationMenu('darwin', false)).toBe('default');
  });

  it('has a CSP that allows only the app itself: no eval, no inline script, no remote code', () => {
    const d = directives(CONTENT_SECURITY_POLICY);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    for (const values of d.values()) {
      expect(values).not.toContain("'unsafe-eval'");
      expect(values).not.toContain("'unsafe-inline'");
      expect(values.some((v) => /^(https?:|\*|ws:)/.test(v))).toBe(false);
    }
  });

  it('the renderer HTML carries a CSP meta tag at least as strict for scripts', () => {
    const html = readFileSync(join(ROOT, 'renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const d = directives(meta!);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
  });

  it('recognises only the app origin (and the dev server when given) as the app', () => {
    expect(isAppUrl('app://ballast/index.html')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://ballast/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/x', 'http://localhost:5173')).toBe(false);
  });

  it('refuses app:// paths that would escape the renderer folder', () => {
    expect(resolveAppPath('/')).toBe('index.html');
    expect(resolveAppPath('/assets/index.js')).toBe('assets/index.js');
    for (const bad of [
      '/../main/index.js',
      '/assets/../../x',
      '/%2e%2e/secret',
      '/a%5c..%5cb',
      '/x%00.js',
      '/%E0%A4%A',
    ]) {
      expect(resolveAppPath(bad), bad).toBeNull();
    }
  });
});
