/** IPC channels of the grades feature (see shared/ipc/contract.ts). */
export const gradesChannels = {};
