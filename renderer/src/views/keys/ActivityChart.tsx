/** Exchange API calls and errors per day as bars, named for screen readers by its totals. */
import { useMemo } from 'react';
import { Bar } from 'react-chartjs-2';
import type { DailyActivity } from '../../../../shared/ipc/channels/activity';
import { ChartFrame } from '../../components/ChartFrame';
import { CHART_DAYS } from './activity';
import { activityData, activityLabel, activityOptions, activityTotals } from './activity-chart';

export function ActivityChart({ days }: { days: DailyActivity[] }) {
  const totals = activityTotals(days);
  const data = useMemo(() => activityData(days), [days]);
  const options = useMemo(() => activityOptions(), []);
  return (
    <ChartFrame className="activity-chart" label={activityLabel(totals)} testId="activity-chart">
      {totals.calls === 0 && <p className="chart-empty muted">No exchange API calls in the last {CHART_DAYS} days.</p>}
      <Bar data={data} options={options} />
    </ChartFrame>
  );
}
