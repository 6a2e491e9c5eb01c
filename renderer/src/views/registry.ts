/** The app's views, in navigation order. Ctrl/Cmd + number jumps to a view. */
import type { ComponentType } from 'react';
import { DashboardView } from './Dashboard';
import { DiversificationView } from './diversification/DiversificationView';
import { GradesView } from './grades/GradesView';
import { IndexLabView } from './indexlab/IndexLabView';
import { KeysView } from './keys/KeysView';
import { MarketDataView } from './market-data/MarketDataView';
import { NetworkView } from './network/NetworkView';
import { SettingsView } from './settings/SettingsView';
import { WarningsView } from './Warnings';

export interface ViewDef {
  id: string;
  title: string;
  component: ComponentType;
}

export const VIEWS: ViewDef[] = [
  { id: 'dashboard', title: 'Dashboard', component: DashboardView },
  { id: 'diversification', title: 'Diversification', component: DiversificationView },
  { id: 'grades', title: 'Grades', component: GradesView },
  { id: 'indexlab', title: 'Index Lab', component: IndexLabView },
  { id: 'warnings', title: 'Warnings', component: WarningsView },
  { id: 'keys', title: 'Keys & Activity', component: KeysView },
  { id: 'market-data', title: 'Market data', component: MarketDataView },
  { id: 'network', title: 'Network', component: NetworkView },
  { id: 'settings', title: 'Settings', component: SettingsView },
];
