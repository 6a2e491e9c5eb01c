/**
 * A panel with a heading and one chart: the chart box is a figure named by `label` for screen
 * readers, and `footer` goes under it. Used by QuadrantChart and DetailCharts.
 */
import type { ReactNode } from 'react';

export function ChartPanel(props: {
  titleId: string;
  title: string;
  /** What the chart shows, in words (the figure's accessible name). */
  label: string;
  testId: string;
  tall?: boolean;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const box = props.tall ? 'chart-box tall' : 'chart-box';
  return (
    <section className="panel" aria-labelledby={props.titleId}>
      <h2 id={props.titleId}>{props.title}</h2>
      <div className={box} role="figure" aria-label={props.label} data-testid={props.testId}>
        {props.children}
      </div>
      {props.footer}
    </section>
  );
}
