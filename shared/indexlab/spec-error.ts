/**
 * The error of a spec (or options) that does not validate. Free of zod, so the simulation worker and
 * the engine can throw it; spec.ts re-exports it.
 */
/** Thrown when a spec does not validate; `errors` holds one "path: reason" line per problem. */
export class IndexSpecError extends Error {
  constructor(readonly errors: string[]) {
    super(`Invalid index spec:\n  - ${errors.join('\n  - ')}`);
    this.name = 'IndexSpecError';
  }
}
