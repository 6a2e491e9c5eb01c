/**
 * The test/main harness: what the main-process tests share instead of redefining it per file.
 * See each module for what it provides.
 */
export * from './cleanup';
