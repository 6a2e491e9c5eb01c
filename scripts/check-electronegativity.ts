/**
 * Electron security scan: runs Electronegativity over the app's Electron code and fails on any HIGH
 * severity finding that is not listed, with a written reason, in security/electronegativity-allowlist.json.
 *
 *   npm run security:electron               # scan, print findings, exit 1 on unlisted HIGH findings
 *   npm run security:electron -- --verbose  # also print each allow-list entry's reason
 *   npm run security:electron -- --json     # also print every finding as JSON on stdout
 *
 * What is scanned: electron/ (main process, preload and services; TypeScript is parsed directly),
 * renderer/index.html (so the CSP meta tag is seen) and package.json (Electron version). The files are
 * copied to a temporary folder so that the global checks see exactly the app's security surface.
 *
 * The scan is offline. Electronegativity fetches translations and Electron's release list over the
 * network; the translation request is answered locally with "not available" (the bundled English
 * texts are used) and the release-list check is skipped: Electron updates are tracked through the
 * dependency updates instead.
 *
 * An allow-list entry matches one finding, by check id, file (repo-relative, "N/A" for global checks)
 * and the source line the finding points at (`snippet`, spaces collapsed), not by line number: moving
 * code does not invalidate it, but a new finding of the same check in the same file (say a second
 * BrowserWindow) is not covered. An entry that matches no finding fails the scan too: the list must
 * describe the code as it is.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';

const ROOT = resolve(import.meta.dirname, '..');
const ALLOWLIST_PATH = join(ROOT, 'security/electronegativity-allowlist.json');
/** What is scanned, relative to the repository root. */
const SCAN_PATHS = ['electron', 'renderer/index.html', 'package.json'];
/** Extra Babel parser plugins for syntax Electronegativity's defaults do not read (e.g. 'decoratorAutoAccessors'). */
const PARSER_PLUGINS: string[] = [];
/** Checks that need the network. */
const OFFLINE_EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

export const AllowListSchema = z.strictObject({
  $comment: z.string().optional(),
  entries: z.array(
    z
      .strictObject({
        check: z.string().regex(/^[A-Z0-9_]+$/, 'a check id such as CONTEXT_ISOLATION_JS_CHECK'),
        file: z.string().min(1),
        /** The finding's source line, spaces collapsed; required unless file is "N/A". */
        snippet: z.string().min(1).max(200).optional(),
        reason: z.string().min(40, 'explain why the finding does not apply (at least 40 characters)'),
      })
      .refine((e) => e.file === 'N/A' || e.snippet !== undefined, 'an entry for a file needs the snippet it covers'),
  ),
});
export type AllowList = z.infer<typeof AllowListSchema>;

export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  /** Repo-relative path with forward slashes, or "N/A" for app-wide (global) checks. */
  file: string;
  line: number;
  column: number;
  /** The source line at `line`, spaces collapsed (at most 200 characters); empty for "N/A". */
  snippet: string;
  manualReview: boolean;
  description: string;
  url: string;
}

interface RawIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
  manualReview?: boolean;
  description?: string;
  shortenedURL?: string;
}
interface RawResult {
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: RawIssue[];
}
type Runner = (options: Record<string, unknown>, forCli: boolean) => Promise<RawResult>;

/** Loads Electronegativity's programmatic runner with its HTTP client answered locally. */
function loadRunner(): Runner {
  const requireHere = createRequire(import.meta.url);
  const pkgPath = requireHere.resolve('@doyensec/electronegativity/package.json');
  const requireEn = createRequire(pkgPath);
  const gotPath = requireEn.resolve('got');
  // Every request "succeeds" with 503: the bundled texts are used and nothing leaves the machine.
  const offline = async () => ({ statusCode: 503, body: '' });
  Object.assign(offline, { default: offline, head: offline, get: offline });
  requireEn.cache[gotPath] = {
    id: gotPath,
    filename: gotPath,
    loaded: true,
    exports: offline,
  } as unknown as NodeJS.Module;
  const mod = requireEn('./dist/runner.js') as { default?: Runner } | Runner;
  return typeof mod === 'function' ? mod : (mod.default as Runner);
}

function installedElectronVersion(): string | undefined {
  try {
    const requireHere = createRequire(import.meta.url);
    const pkg = JSON.parse(readFileSync(requireHere.resolve('electron/package.json'), 'utf8')) as { version?: string };
    return pkg.version;
  } catch {
    return undefined;
  }
}

/** Runs the scan over a copy of SCAN_PATHS and returns the findings with repo-relative paths. */
export async function scan(root = ROOT): Promise<{ findings: Finding[]; errors: string[] }> {
  const work = mkdtempSync(join(tmpdir(), 'ballast-electronegativity-'));
  try {
    for (const rel of SCAN_PATHS) {
      const from = join(root, rel);
      if (!existsSync(from)) continue;
      mkdirSync(dirname(join(work, rel)), { recursive: true });
      cpSync(from, join(work, rel), { recursive: true, filter: (src) => !src.includes(`${sep}node_modules`) });
    }
    const run = loadRunner();
    const electronVersion = installedElectronVersion();
    const result = await run(
      {
        input: work,
        isRelative: true,
        isVerbose: false,
        customScan: [],
        excludeFromScan: OFFLINE_EXCLUDED_CHECKS.map((c) => c.toLowerCase()),
        parserPlugins: PARSER_PLUGINS,
        ...(electronVersion ? { electronVersionOverride: electronVersion } : {}),
      },
      false,
    );
    const toRepo = (file: string) =>
      file === 'N/A' ? file : relative(work, resolve(work, file)).split(sep).join('/').replace(/^\.\//, '');
    const lines = new Map<string, string[]>();
    const snippetAt = (file: string, line: number) => {
      if (file === 'N/A') return '';
      if (!lines.has(file)) lines.set(file, readFileSync(resolve(work, file), 'utf8').split('\n'));
      return snippetOf(lines.get(file)![line - 1] ?? '');
    };
    return {
      findings: result.issues.map((i) => ({
        check: i.id,
        severity: i.severity.name,
        confidence: i.confidence.name,
        file: toRepo(i.file),
        line: i.location.line,
        column: i.location.column,
        snippet: snippetAt(i.file, i.location.line),
        manualReview: Boolean(i.manualReview),
        description: (i.description ?? '').replace(/\s+/g, ' ').trim(),
        url: i.shortenedURL ?? '',
      })),
      errors: result.errors.filter((e) => !e.tolerable).map((e) => `${toRepo(e.file)}: ${e.message}`),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export interface Verdict {
  /** HIGH findings with no allow-list entry: these fail the scan. */
  unlisted: Finding[];
  /** Findings covered by an entry (any severity: lower ones may be documented too). */
  allowed: { finding: Finding; reason: string }[];
  /** Entries that match no finding. */
  stale: AllowList['entries'];
  /** Findings below HIGH without an entry, for review. */
  other: Finding[];
}

/** A source line as allow-list entries name it: spaces collapsed, at most 200 characters. */
export function snippetOf(line: string): string {
  return line.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** Sorts findings into allowed (each entry covers one finding), unlisted HIGH, other, and stale entries. */
export function judge(findings: Finding[], allowList: AllowList): Verdict {
  const used = new Set<number>();
  const verdict: Verdict = { unlisted: [], allowed: [], stale: [], other: [] };
  for (const f of findings) {
    const index = allowList.entries.findIndex(
      (e, i) =>
        !used.has(i) && e.check === f.check && e.file === f.file && (e.file === 'N/A' || e.snippet === f.snippet),
    );
    if (index >= 0) used.add(index);
    if (index >= 0) verdict.allowed.push({ finding: f, reason: allowList.entries[index]!.reason });
    else if (f.severity === 'HIGH') verdict.unlisted.push(f);
    else verdict.other.push(f);
  }
  verdict.stale = allowList.entries.filter((_e, i) => !used.has(i));
  return verdict;
}

export function readAllowList(path = ALLOWLIST_PATH): AllowList {
  if (!existsSync(path)) return { entries: [] };
  return AllowListSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

const where = (f: Finding) => (f.file === 'N/A' ? 'app-wide' : `${f.file}:${f.line}:${f.column}`);

async function main(): Promise<number> {
  const started = Date.now();
  const allowList = readAllowList();
  const { findings, errors } = await scan();
  const verdict = judge(findings, allowList);

  const verbose = process.argv.includes('--verbose');
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ findings, errors, verdict }, null, 2));
  }
  for (const { finding, reason } of verdict.allowed) {
    if (verbose) console.log(`allowed   ${finding.check} (${finding.severity}) ${where(finding)}\n          ${reason}`);
    else console.log(`allowed   ${finding.check} (${finding.severity}) ${where(finding)}`);
  }
  for (const f of verdict.other) {
    console.log(`review    ${f.check} (${f.severity}, ${f.confidence}) ${where(f)}: ${f.description}`);
  }
  for (const e of errors) console.error(`UNREAD    ${e}`);
  if (errors.length > 0) {
    console.error('          Unread files are not checked; add the Babel parser plugin they need to PARSER_PLUGINS.');
  }
  for (const f of verdict.unlisted) {
    console.error(`FAIL      ${f.check} (HIGH, ${f.confidence}) ${where(f)}: ${f.description} ${f.url}`);
  }
  for (const e of verdict.stale) {
    console.error(`STALE     allow-list entry ${e.check} ${e.file} matches no finding: remove it.`);
  }
  const failed = verdict.unlisted.length > 0 || verdict.stale.length > 0 || errors.length > 0;
  const summary =
    `Electronegativity: ${findings.length} findings (${verdict.unlisted.length} unlisted HIGH, ` +
    `${verdict.allowed.length} allowed with a reason, ${verdict.other.length} to review) in ${Date.now() - started} ms.`;
  if (failed) {
    console.error(
      `${summary}\nFix the HIGH findings, or list them with a reason in ${relative(ROOT, ALLOWLIST_PATH)}.`,
    );
    return 1;
  }
  console.log(summary);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
