/** A token's daily closing price and its weekly Trader and Investor Grade history, side by side. */
import { useMemo } from 'react';
import { Line } from 'react-chartjs-2';
import type { GradeDetail } from '../../../../shared/ipc/channels/grades';
import { ChartPanel } from '../../components/ChartFrame';
import { historyData, historyOptions, priceData, priceOptions } from './chart-config';
import { gradeGuidesPlugin } from './chart-plugins';

export function DetailCharts({ d }: { d: GradeDetail }) {
  const price = useMemo(() => priceData(d), [d]);
  const priceOpts = useMemo(() => priceOptions(), []);
  const history = useMemo(() => historyData(d), [d]);
  const historyOpts = useMemo(() => historyOptions(), []);
  return (
    <div className="grid-2">
      <ChartPanel
        titleId="detail-price-title"
        title="Price"
        label={`Daily closing price of ${d.symbol}`}
        testId="detail-price-chart"
      >
        <Line data={price} options={priceOpts} />
      </ChartPanel>
      <ChartPanel
        titleId="detail-history-title"
        title="Grade history (weekly)"
        label={`Trader and Investor Grade of ${d.symbol} over time, with guide lines at 60 and 80`}
        testId="detail-history-chart"
      >
        <Line data={history} options={historyOpts} plugins={[gradeGuidesPlugin]} />
      </ChartPanel>
    </div>
  );
}
