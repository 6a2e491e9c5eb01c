/** IPC channels of the indexlab feature (see shared/ipc/contract.ts). */
export const indexlabChannels = {};
