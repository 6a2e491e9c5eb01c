/** electron-store backend for the services' JsonStore interface (the app's settings persistence). */
import Store from 'electron-store';
import { quarantineIfCorrupt, STORE_FILE_MODE, type JsonStore, type StoreFactory } from '../services/store';

export const electronStoreFactory: StoreFactory = <T extends Record<string, unknown>>(opts: {
  name: string;
  cwd: string;
  defaults: T;
}) => {
  const recovered = quarantineIfCorrupt(opts.name, opts.cwd);
  const store = new Store<T>({
    name: opts.name,
    cwd: opts.cwd,
    defaults: opts.defaults,
    configFileMode: STORE_FILE_MODE,
  });
  return { store: store as unknown as JsonStore<T>, recovered };
};
