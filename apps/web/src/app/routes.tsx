import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import { OverviewPage } from './pages/overview-page';

export interface RouteDef {
  path: string;
  title: string;
  component: ComponentType | LazyExoticComponent<ComponentType>;
  /** Whether the page reads the filters, so nav links carry them across. */
  filtered: boolean;
}

// Everything but the overview is loaded on first visit: the map, tables and import screen are
// heavy and most visits start on the overview.
const IncidentsPage = lazy(() => import('./pages/incidents-page').then((m) => ({ default: m.IncidentsPage })));
const ImportPage = lazy(() => import('./pages/import-page').then((m) => ({ default: m.ImportPage })));
const SeriesPage = lazy(() => import('../features/series/series-page').then((m) => ({ default: m.SeriesPage })));

export const ROUTE_DEFS: RouteDef[] = [
  { path: '/', title: 'Overview', component: OverviewPage, filtered: true },
  { path: '/incidents', title: 'Incidents', component: IncidentsPage, filtered: true },
  { path: '/import', title: 'Import', component: ImportPage, filtered: false },
  { path: '/series', title: 'Series', component: SeriesPage, filtered: false },
  { path: '/appeals', title: 'Appeals', component: SeriesPage, filtered: false },
];

export function matchRoute(pathname: string): RouteDef | null {
  const normalised = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return ROUTE_DEFS.find((r) => r.path === normalised) ?? null;
}
