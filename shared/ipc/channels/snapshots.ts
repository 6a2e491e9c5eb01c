/** IPC channels of the net-worth history (see shared/ipc/contract.ts): snapshots recorded at each sync. */
import { z } from 'zod';
import { channel } from '../define';
import { SNAPSHOT_RANGES, type NetWorthSeries, type SnapshotRange } from '../../portfolio/snapshots';

export interface SnapshotList extends NetWorthSeries {
  range: SnapshotRange;
  /** True when the series is derived from the sample portfolio's price history. */
  sample: boolean;
  /**
   * 'snapshots': values recorded at each sync; 'history': current amounts valued at past daily
   * closes (the sample, or an estimate until enough syncs have been recorded); 'mixed': that estimate
   * until the first recorded sync of the range (`recordedFrom`), the recorded values after it;
   * 'imported': holdings rebuilt from imported account history up to `installedAt`, the recorded
   * snapshots after it.
   */
  source: 'snapshots' | 'history' | 'mixed' | 'imported';
  /** With 'mixed': the time of the first recorded value. */
  recordedFrom?: number;
  /** When the first snapshot was recorded (the app's install, for the chart's marker); only with 'imported'. */
  installedAt?: number | null;
  /** What the series leaves out, in words (only with 'imported'). */
  notes?: string[];
}

export const snapshotsChannels = {
  'snapshots:list': channel<SnapshotList>()(
    z.strictObject({ range: z.enum(SNAPSHOT_RANGES as [SnapshotRange, ...SnapshotRange[]]) }),
  ),
};
