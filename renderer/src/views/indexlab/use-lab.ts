/**
 * React hooks over the Index Lab's module-level state: the lab store (lab-store.ts) and the worker
 * client's status. Components re-render when either changes. Called by the Index Lab components.
 */
import { useSyncExternalStore } from 'react';
import { indexLabClient, type WorkerStatus } from '../../workers/indexlab-client';
import { getLab, subscribeLab, type LabState } from './lab-store';

export function useLab(): LabState {
  return useSyncExternalStore(subscribeLab, getLab);
}

/** Whether the simulation worker has the prices (`ready`), is loading them, or failed. */
export function useWorkerStatus(): WorkerStatus {
  const client = indexLabClient();
  return useSyncExternalStore(
    (l) => client.subscribe(l),
    () => client.status,
  );
}
