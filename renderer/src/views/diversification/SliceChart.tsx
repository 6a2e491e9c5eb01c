/** The breakdown doughnut: one arc per slice; clicking an arc selects that slice (as a table row does). */
import type { ChartOptions } from 'chart.js';
import { useMemo } from 'react';
import { Doughnut } from 'react-chartjs-2';
import type { Slice } from '../../../../shared/allocation/breakdown';
import { ChartFrame } from '../../components/ChartFrame';
import '../../lib/charts';
import { sliceChartData, sliceTooltip } from './breakdown-view';

export function SliceChart(props: {
  slices: Slice[];
  base: string;
  selected: string | null;
  onSelect: (key: string) => void;
  title: string;
}) {
  const { slices, base, selected, onSelect } = props;
  const data = useMemo(() => sliceChartData(slices, selected), [slices, selected]);
  const options = useMemo<ChartOptions<'doughnut'>>(
    () => ({
      responsive: true,
      maintainAspectRatio: false,
      cutout: '58%',
      layout: { padding: 16 },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => sliceTooltip(slices[item.dataIndex], base) } },
      },
      onClick: (_event, elements) => {
        const i = elements[0]?.index;
        const s = i === undefined ? undefined : slices[i];
        if (s) onSelect(s.key);
      },
      onHover: (event, elements) => {
        const target = event.native?.target;
        if (target instanceof HTMLElement) target.style.cursor = elements.length ? 'pointer' : 'default';
      },
    }),
    [slices, base, onSelect],
  );
  return (
    <ChartFrame label={props.title} testId="breakdown-chart" tall>
      <Doughnut data={data} options={options} />
    </ChartFrame>
  );
}
