/** The app's views, in navigation order. Ctrl/Cmd + number jumps to a view. */
import type { ComponentType } from 'react';
import { DashboardView } from './Dashboard';
import { SettingsView } from './Settings';

export interface ViewDef {
  id: string;
  title: string;
  component: ComponentType;
}

export const VIEWS: ViewDef[] = [
  { id: 'dashboard', title: 'Dashboard', component: DashboardView },
  { id: 'settings', title: 'Settings', component: SettingsView },
];
