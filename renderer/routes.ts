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

/** The route of a location hash such as `#/runs` (or `#/runs?run=ID`); unknown or empty hashes go to Devices. */
export function routeForHash(hash: string): Route {
  const id = hash.replace(/^#\/?/, '').split('?')[0];
  return routes.find((route) => route.id === id) ?? (routes[0] as Route);
}

/** A parameter of a location hash's query, e.g. `run` of `#/runs?run=ID`; null when absent. */
export function hashParam(hash: string, name: string): string | null {
  const query = hash.split('?')[1];
  return query === undefined ? null : new URLSearchParams(query).get(name);
}
