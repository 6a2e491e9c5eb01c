/**
 * The quadrant scatter of the Grades view: every listed token with both grades, Investor Grade
 * across and Trader Grade up, holdings sized by share of value. A click on a dot opens the token.
 */
import type { ChartOptions } from 'chart.js';
import { useMemo } from 'react';
import { Scatter } from 'react-chartjs-2';
import type { GradeRow } from '../../../../shared/ipc/channels/grades';
import { ChartPanel } from '../../components/ChartFrame';
import { plottable, scatterData, scatterOptions } from './chart-config';
import { quadrantPlugin } from './chart-plugins';

/** A pointer cursor over a dot. */
const onHover: ChartOptions<'scatter'>['onHover'] = (event, elements) => {
  const target = event.native?.target;
  if (target instanceof HTMLElement) target.style.cursor = elements.length ? 'pointer' : 'default';
};

export function QuadrantChart(props: { rows: GradeRow[]; onSelect: (symbol: string) => void }) {
  const { rows, onSelect } = props;
  const plotted = useMemo(() => plottable(rows), [rows]);
  const data = useMemo(() => scatterData(plotted), [plotted]);
  const options = useMemo(() => ({ ...scatterOptions(onSelect), onHover }), [onSelect]);
  const missing = rows.length - plotted.length;
  return (
    <ChartPanel
      titleId="grades-quadrant-title"
      title="Quadrant"
      tall
      label="Quadrant chart: Investor Grade across, Trader Grade up, lines at 60 and 80. Use the table to open a token with the keyboard."
      testId="grades-scatter"
      footer={
        <p className="muted small">
          Larger dots are larger holdings. Click a dot (or a row of the table) to see why it scores as it does.
          {missing > 0 && ` ${missing} of the listed assets lack a grade and are not plotted.`}
        </p>
      }
    >
      <Scatter data={data} options={options} plugins={[quadrantPlugin]} />
    </ChartPanel>
  );
}
