/**
 * The app's views, in navigation order. Ctrl/Cmd + number jumps to a view. Each view is its own
 * chunk, loaded the first time it is shown (App renders it inside a Suspense with a small fallback),
 * so starting the app parses only the frame and the first view.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface ViewDef {
  id: string;
  title: string;
  component: LazyExoticComponent<ComponentType>;
}

export const VIEWS: ViewDef[] = [
  {
    id: 'dashboard',
    title: 'Dashboard',
    component: lazy(() => import('./dashboard/DashboardView').then((m) => ({ default: m.DashboardView }))),
  },
  {
    id: 'diversification',
    title: 'Diversification',
    component: lazy(() =>
      import('./diversification/DiversificationView').then((m) => ({ default: m.DiversificationView })),
    ),
  },
  {
    id: 'grades',
    title: 'Grades',
    component: lazy(() => import('./grades/GradesView').then((m) => ({ default: m.GradesView }))),
  },
  {
    id: 'indexlab',
    title: 'Index Lab',
    component: lazy(() => import('./indexlab/IndexLabView').then((m) => ({ default: m.IndexLabView }))),
  },
  {
    id: 'warnings',
    title: 'Warnings',
    component: lazy(() => import('./Warnings').then((m) => ({ default: m.WarningsView }))),
  },
  {
    id: 'keys',
    title: 'Keys & Activity',
    component: lazy(() => import('./keys/KeysView').then((m) => ({ default: m.KeysView }))),
  },
  {
    id: 'market-data',
    title: 'Market data',
    component: lazy(() => import('./market-data/MarketDataView').then((m) => ({ default: m.MarketDataView }))),
  },
  {
    id: 'network',
    title: 'Network',
    component: lazy(() => import('./network/NetworkView').then((m) => ({ default: m.NetworkView }))),
  },
  {
    id: 'settings',
    title: 'Settings',
    component: lazy(() => import('./settings/SettingsView').then((m) => ({ default: m.SettingsView }))),
  },
];
