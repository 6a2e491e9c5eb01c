/**
 * The test/main harness: what the main-process tests share instead of redefining it per file.
 *
 * - cleanup.ts: temporary folders and clean-up hooks (`tempDir`, `cleanUpAfterEach`, `cleanUpAfterAll`);
 * - app.ts: the real services behind the real router in a temporary data folder (`startApp`);
 * - emulator.ts: the exchange emulator for a file (`useEmulator`, `emulatorOptions`, `addAccounts`);
 * - keychain.ts: the real keychain probe (`realKeychain`) and in-memory keychains;
 * - clock.ts: fixed and stepping clocks; errors.ts: reading an error's code; files.ts: `filesUnder`;
 * - exchanges.ts: the featured exchanges the picker must show.
 */
export * from './app';
export * from './cleanup';
export * from './clock';
export * from './emulator';
export * from './errors';
export * from './exchanges';
export * from './files';
export * from './keychain';
