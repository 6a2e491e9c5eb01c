/**
 * Where a chart draws: `ChartFrame` is the box (an image named by `label` for screen readers, taller
 * with `tall`; the canvas inside is hidden from them); `ChartPanel` is a panel with a heading, one ChartFrame and an optional footer. Used by
 * the Dashboard's net-worth chart, the Diversification doughnut, the Grades charts, the Index Lab
 * charts and the Keys activity chart. It registers chart.js's pieces (lib/charts), so chart.js loads
 * with the first view that draws a chart, not with the app's frame.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import '../lib/charts';

export function ChartFrame(props: {
  /** What the chart shows, in words (its accessible name). */
  label: string;
  testId: string;
  tall?: boolean;
  /** More classes for the box (a height of its own). */
  className?: string;
  children: ReactNode;
}) {
  const className = ['chart-box', props.tall && 'tall', props.className].filter(Boolean).join(' ');
  const box = useRef<HTMLDivElement>(null);
  // The box is the image and carries the name; react-chartjs-2 gives its canvas role="img" too, which
  // would be a second, unnamed image for screen readers.
  useEffect(() => {
    for (const canvas of box.current?.querySelectorAll('canvas') ?? []) canvas.setAttribute('aria-hidden', 'true');
  });
  return (
    <div ref={box} className={className} role="img" aria-label={props.label} data-testid={props.testId}>
      {props.children}
    </div>
  );
}

export function ChartPanel(props: {
  titleId: string;
  title: string;
  label: string;
  testId: string;
  tall?: boolean;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <section className="panel" aria-labelledby={props.titleId}>
      <h2 id={props.titleId}>{props.title}</h2>
      <ChartFrame label={props.label} testId={props.testId} tall={props.tall}>
        {props.children}
      </ChartFrame>
      {props.footer}
    </section>
  );
}
