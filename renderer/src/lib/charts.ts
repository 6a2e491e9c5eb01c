/**
 * Registers the chart.js pieces the app uses (tree-shaken, no auto bundle), sets the dark theme's
 * defaults, and re-exports the shared palette. Imported by every view that draws a chart.
 */
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  TimeScale,
  Tooltip,
} from 'chart.js';

const CONTROLLERS = [DoughnutController, BarController, LineController, ScatterController];
const ELEMENTS = [ArcElement, BarElement, LineElement, PointElement];
const SCALES = [CategoryScale, LinearScale, TimeScale];
const PLUGINS = [Filler, Legend, Tooltip];

Chart.register(...CONTROLLERS, ...ELEMENTS, ...SCALES, ...PLUGINS);
Chart.defaults.color = '#c9d1d9';
Chart.defaults.borderColor = 'rgba(201, 209, 217, 0.12)';
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
// Charts render instantly: no animation lag when switching views, and stable screenshots.
Chart.defaults.animation = false;

export { PALETTE, color } from './palette';
