/** IPC channels of the accounts feature (see shared/ipc/contract.ts). */
export const accountsChannels = {};
