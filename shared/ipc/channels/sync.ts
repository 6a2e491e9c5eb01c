/** IPC channels of the sync feature (see shared/ipc/contract.ts). */
export const syncChannels = {};
