/**
 * Packaging checks, offline: electron-builder.yml, the afterPack fuses, icons, entitlements and the
 * files the packaged app needs. Nothing is downloaded and Electron is not packaged; electron-builder's
 * own configuration loader and JSON-schema validation run against the real file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import viteConfig from '../../electron.vite.config';
import { ROOT } from './support/services';

const requireHere = createRequire(import.meta.url);
// electron-builder's own dependencies, resolved from where electron-builder finds them.
const requireBuilder = createRequire(requireHere.resolve('app-builder-lib/package.json'));

interface BuilderConfig {
  appId?: string;
  productName?: string;
  publish?: unknown;
  artifactName?: string;
  afterPack?: string;
  asar?: boolean;
  asarUnpack?: string[] | string;
  files?: string[];
  extraResources?: { from: string; to: string; filter: string[] }[];
  directories?: { output?: string; buildResources?: string };
  mac?: {
    icon?: string;
    hardenedRuntime?: boolean;
    entitlements?: string;
    entitlementsInherit?: string;
    notarize?: boolean;
    target?: { target: string; arch: string[] }[];
  };
  win?: { icon?: string; target?: { target: string; arch: string[] }[] };
  linux?: { icon?: string; target?: (string | { target: string })[]; category?: string };
  deb?: { depends?: string[]; recommends?: string[] };
}

const yaml = requireBuilder('js-yaml') as { load: (text: string) => unknown };
const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  productName?: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const minimatch = (requireBuilder('minimatch') as { minimatch: (p: string, pattern: string, o?: object) => boolean })
  .minimatch;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const buf = readFileSync(path);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!buf.subarray(0, 8).equals(signature)) throw new Error(`${path} is not a PNG`);
  if (buf.toString('latin1', 12, 16) !== 'IHDR') throw new Error(`${path} has no IHDR chunk first`);
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

const targetNames = (targets: (string | { target: string })[] | undefined) =>
  (targets ?? []).map((t) => (typeof t === 'string' ? t : t.target));

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own loader and schema validation', async () => {
    const { getConfig, validateConfiguration } = requireBuilder('./out/util/config/config.js') as {
      getConfig: (dir: string, path: string | null, extra: null) => Promise<Record<string, unknown>>;
      validateConfiguration: (c: Record<string, unknown>, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = requireBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const loaded = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
    // The validation is not a no-op: an unknown option is refused.
    await expect(
      validateConfiguration(
        { ...loaded, mac: { ...(loaded['mac'] as object), notAnOption: 1 } },
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/configuration/i);
  }, 30_000);

  it('names the app and never publishes on its own', () => {
    expect(config.appId).toMatch(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('Ballast');
    expect(pkg.productName).toBe(config.productName);
    expect(config.publish).toBeNull();
    expect(config.artifactName).toContain('${version}');
    expect(config.artifactName).toContain('${arch}');
  });

  it('builds a hardened, notarisable dmg on macOS with an entitlements file that exists', () => {
    expect(targetNames(config.mac?.target)).toContain('dmg');
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.notarize).not.toBe(false);
    for (const file of [config.mac?.entitlements, config.mac?.entitlementsInherit]) {
      expect(file).toBeTruthy();
      expect(existsSync(join(ROOT, file!)), file).toBe(true);
    }
  });

  it('grants only the entitlements the app needs', () => {
    const plist = readFileSync(join(ROOT, config.mac!.entitlements!), 'utf8');
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\s*\/>/g)].map((m) => m[1]);
    expect(granted).toContain('com.apple.security.cs.allow-jit');
    // These would let other code be injected into the signed app.
    for (const risky of [
      'com.apple.security.cs.disable-library-validation',
      'com.apple.security.cs.allow-dyld-environment-variables',
      'com.apple.security.cs.disable-executable-page-protection',
      'com.apple.security.get-task-allow',
    ]) {
      expect(granted).not.toContain(risky);
    }
  });

  it('builds an NSIS installer on Windows and AppImage + deb on Linux', () => {
    expect(targetNames(config.win?.target)).toContain('nsis');
    expect(targetNames(config.linux?.target)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    // keytar links libsecret; a Secret Service provider is suggested.
    expect(config.deb?.depends).toContain('libsecret-1-0');
    // `depends` replaces electron-builder's defaults: Electron's own libraries must be listed too.
    expect(config.deb?.depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libnotify4']));
  });

  it('has icons: a 1024 px icon.png and size-named PNGs for Linux', () => {
    expect(pngSize(join(ROOT, 'assets/icons/icon.png'))).toEqual({ width: 1024, height: 1024 });
    for (const icon of [config.mac?.icon, config.win?.icon]) {
      expect(icon).toBeTruthy();
      const size = pngSize(join(ROOT, icon!));
      // electron-builder needs at least 512 px for icns and 256 px for ico.
      expect(size.width).toBeGreaterThanOrEqual(512);
      expect(size.width).toBe(size.height);
    }
    const linuxDir = join(ROOT, config.linux!.icon!);
    const sized = readdirSync(linuxDir).filter((f) => /^\d+x\d+\.png$/.test(f));
    expect(sized.length).toBeGreaterThanOrEqual(4);
    for (const file of sized) {
      const [w, h] = file.replace('.png', '').split('x').map(Number);
      expect(pngSize(join(linuxDir, file)), file).toEqual({ width: w, height: h });
    }
  });

  it('packs the built app and the bundled catalog and demo data', () => {
    expect(config.files).toContain('out/**');
    expect(config.files).toContain('package.json');
    const resources = config.extraResources ?? [];
    const assets = resources.find((r) => r.from === 'assets');
    expect(assets?.to).toBe('assets');
    expect(assets?.filter).toEqual(expect.arrayContaining(['catalog.json', 'demo/**']));
    expect(existsSync(join(ROOT, 'assets/catalog.json'))).toBe(true);
    const demo = readdirSync(join(ROOT, 'assets/demo'));
    expect(demo.length).toBeGreaterThan(0);
    for (const f of demo)
      expect(
        assets!.filter.some((p) => minimatch(`demo/${f}`, p)),
        f,
      ).toBe(true);
    // main resolves them at process.resourcesPath/assets when packaged.
    expect(readFileSync(join(ROOT, 'electron/main/index.ts'), 'utf8')).toContain(
      "join(process.resourcesPath, 'assets')",
    );
  });

  it('ships keytar as a production dependency with its native module unpacked from the ASAR', () => {
    expect(pkg.dependencies['keytar']).toBeTruthy();
    expect(pkg.devDependencies['keytar']).toBeUndefined();
    expect(config.asar).toBe(true);
    const unpack = [config.asarUnpack ?? []].flat();
    const keytarDir = join(ROOT, 'node_modules/keytar');
    const natives: string[] = [];
    const walk = (dir: string, rel: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name), `${rel}/${e.name}`);
        else if (e.name.endsWith('.node')) natives.push(`${rel}/${e.name}`);
      }
    };
    if (existsSync(keytarDir)) walk(keytarDir, 'node_modules/keytar');
    const examples = natives.length > 0 ? natives : ['node_modules/keytar/build/Release/keytar.node'];
    for (const file of examples) {
      expect(
        unpack.some((p) => minimatch(file, p, { dot: true })),
        file,
      ).toBe(true);
    }
  });
});

describe('afterPack fuses', () => {
  const hookPath = join(ROOT, config.afterPack ?? 'missing');
  let hook: {
    (context: unknown): Promise<void>;
    FUSES: Record<string | number, unknown>;
  };
  let FuseV1Options: Record<string, number>;
  let FuseVersion: Record<string, unknown>;

  beforeAll(() => {
    hook = createRequire(import.meta.url)(hookPath) as typeof hook;
    ({ FuseV1Options, FuseVersion } = requireHere('@electron/fuses') as {
      FuseV1Options: Record<string, number>;
      FuseVersion: Record<string, unknown>;
    });
  });

  it('is a script that exists and exports the hook', () => {
    expect(config.afterPack).toBe('scripts/after-pack.cjs');
    expect(existsSync(hookPath)).toBe(true);
    expect(typeof hook).toBe('function');
  });

  it('locks the packaged binary down', () => {
    const fuse = (name: string) => {
      const id = FuseV1Options[name];
      expect(id, `FuseV1Options.${name}`).toBeTypeOf('number');
      return hook.FUSES[id!];
    };
    expect(hook.FUSES['version']).toBe(FuseVersion['V1']);
    expect(fuse('RunAsNode')).toBe(false);
    expect(fuse('EnableCookieEncryption')).toBe(true);
    expect(fuse('EnableNodeOptionsEnvironmentVariable')).toBe(false);
    expect(fuse('EnableNodeCliInspectArguments')).toBe(false);
    expect(fuse('EnableEmbeddedAsarIntegrityValidation')).toBe(true);
    expect(fuse('OnlyLoadAppFromAsar')).toBe(true);
    expect(fuse('GrantFileProtocolExtraPrivileges')).toBe(false);
  });
});

describe('entry points', () => {
  const main = viteConfig.main as { build: { outDir: string; rolldownOptions: { input: Record<string, string> } } };
  const preload = viteConfig.preload as {
    build: { outDir: string; rolldownOptions: { output: { entryFileNames: string } } };
  };

  it('package.json main is the file electron-vite emits for the main process', () => {
    const [entry] = Object.keys(main.build.rolldownOptions.input);
    expect(pkg.main).toBe(`${main.build.outDir}/${entry}.js`);
    expect(config.files?.some((p) => minimatch(pkg.main, p))).toBe(true);
  });

  it('main loads the preload from the file electron-vite emits for it', () => {
    const emitted = preload.build.rolldownOptions.output.entryFileNames.replace('[name]', 'index');
    expect(`${preload.build.outDir}/${emitted}`).toBe('out/preload/index.cjs');
    expect(readFileSync(join(ROOT, 'electron/main/index.ts'), 'utf8')).toContain("'../preload/index.cjs'");
  });

  const built = existsSync(join(ROOT, 'out/main'));
  it.skipIf(!built)('the built output has those files (run `npm run build` first otherwise)', () => {
    expect(existsSync(join(ROOT, pkg.main))).toBe(true);
    expect(existsSync(join(ROOT, 'out/preload/index.cjs'))).toBe(true);
    expect(existsSync(join(ROOT, 'out/renderer/index.html'))).toBe(true);
  });
});
