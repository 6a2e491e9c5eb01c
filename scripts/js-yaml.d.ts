/** The part of js-yaml's API scripts/check-workflows.ts uses (the package ships no type declarations). */
declare module 'js-yaml' {
  interface LoadOptions {
    schema?: unknown;
  }
  const yaml: {
    load(text: string, options?: LoadOptions): unknown;
    JSON_SCHEMA: unknown;
  };
  export default yaml;
}
