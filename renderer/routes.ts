import type { ComponentType } from 'react';
import { ComparePage } from './pages/compare-page';
import { DevicesPage } from './pages/devices-page';
import { EnvironmentPage } from './pages/environment-page';
import { ProfilesPage } from './pages/profiles-page';
import { ReportsPage } from './pages/reports-page';
import { RunsPage } from './pages/runs-page';

/** A page of the shell, reachable at `#/<id>`. */
export interface Route {
  id: string;
  title: string;
  component: ComponentType;
}

export const routes: readonly Route[] = [
  { id: 'devices', title: 'Devices', component: DevicesPage },
  { id: 'profiles', title: 'Profiles', component: ProfilesPage },
  { id: 'runs', title: 'Runs', component: RunsPage },
  { id: 'compare', title: 'Compare', component: ComparePage },
  { id: 'reports', title: 'Reports', component: ReportsPage },
  { id: 'environment', title: 'Environment', component: EnvironmentPage },
];

/** The route of a location hash such as `#/runs`; unknown or empty hashes go to Devices. */
export function routeForHash(hash: string): Route {
  const id = hash.replace(/^#\/?/, '');
  return routes.find((route) => route.id === id) ?? (routes[0] as Route);
}
