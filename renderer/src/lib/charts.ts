/** Registers the chart.js pieces the app uses (tree-shaken, no auto bundle) and a shared palette. */
import {
  ArcElement,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  TimeScale,
  Tooltip,
  DoughnutController,
  BarController,
  LineController,
  ScatterController,
} from 'chart.js';

Chart.register(
  ArcElement,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  TimeScale,
  Tooltip,
  DoughnutController,
  BarController,
  LineController,
  ScatterController,
);
Chart.defaults.color = '#c9d1d9';
Chart.defaults.borderColor = 'rgba(201, 209, 217, 0.12)';
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
// Charts render instantly: no animation lag when switching views, and stable screenshots.
Chart.defaults.animation = false;

export const PALETTE = [
  '#f2a900',
  '#627eea',
  '#14f195',
  '#e84142',
  '#2a5ada',
  '#c2a633',
  '#8247e5',
  '#00d1ff',
  '#ff6b9a',
  '#7ee787',
  '#ffa657',
  '#a5d6ff',
  '#d2a8ff',
  '#56d4dd',
  '#f778ba',
  '#8b949e',
];

export function color(i: number): string {
  return PALETTE[i % PALETTE.length] ?? '#8b949e';
}
