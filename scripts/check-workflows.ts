/**
 * Offline check of the GitHub Actions workflows (.github/workflows/*.yml), run by `npm run lint`: each
 * file must parse as YAML and match security/github-workflow.schema.json (the strict subset of the
 * workflow syntax Ballast uses: unknown or misspelt keys, jobs without runs-on or steps, steps with both
 * or neither of uses/run, and actions without a version are refused). Nothing is downloaded.
 *
 *   npm run security:workflows
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import yaml from 'js-yaml';

const ROOT = resolve(import.meta.dirname, '..');
const SCHEMA_PATH = join(ROOT, 'security/github-workflow.schema.json');

/** What is wrong with a workflow's text ("path: message"), or an empty list. */
export function workflowProblems(text: string, schema: object = readSchema()): string[] {
  let doc: unknown;
  try {
    // JSON_SCHEMA: `on` stays a key (the default schema would read it as the boolean true).
    doc = yaml.load(text, { schema: yaml.JSON_SCHEMA });
  } catch (err) {
    return [`(file): not valid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`];
  }
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(file)'}: ${e.message ?? 'is not valid'}`);
}

function readSchema(): object {
  return JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object;
}

function main(): number {
  const dir = join(ROOT, '.github/workflows');
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  const schema = readSchema();
  let failed = 0;
  for (const f of files) {
    const problems = workflowProblems(readFileSync(join(dir, f), 'utf8'), schema);
    for (const p of problems) console.error(`FAIL  .github/workflows/${f} ${p}`);
    if (problems.length > 0) failed++;
  }
  console.log(`Workflows: ${files.length} checked, ${failed} with problems.`);
  return failed > 0 || files.length === 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) process.exit(main());
