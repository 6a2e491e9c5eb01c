/** IPC channels of the allocation feature (see shared/ipc/contract.ts). */
export const allocationChannels = {};
