import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import { OverviewPage } from './pages/overview-page';

export interface RouteDef {
  path: string;
  title: string;
  component: ComponentType | LazyExoticComponent<ComponentType>;
  /** Whether the page reads the filters, so nav links carry them across. */
  filtered: boolean;
  /** Pages reached from another page (the print view) rather than from the main navigation. */
  hidden?: boolean;
}

// Everything but the overview is loaded on first visit: the map, tables and import screen are
// heavy and most visits start on the overview.
const IncidentsPage = lazy(() => import('./pages/incidents-page').then((m) => ({ default: m.IncidentsPage })));
const ImportPage = lazy(() => import('./pages/import-page').then((m) => ({ default: m.ImportPage })));
const SeriesPage = lazy(() => import('../features/series/series-page').then((m) => ({ default: m.SeriesPage })));
const AppealsPage = lazy(() => import('../features/series/appeals-page').then((m) => ({ default: m.AppealsPage })));
const AppealPrintPage = lazy(() => import('../features/series/appeal-print-page').then((m) => ({ default: m.AppealPrintPage })));

export const ROUTE_DEFS: RouteDef[] = [
  { path: '/', title: 'Overview', component: OverviewPage, filtered: true },
  { path: '/incidents', title: 'Incidents', component: IncidentsPage, filtered: true },
  { path: '/import', title: 'Import', component: ImportPage, filtered: false },
  { path: '/series', title: 'Series', component: SeriesPage, filtered: false },
  // Appeals carries the filters so "Draft for current filters" starts from what the analyst was looking at.
  { path: '/appeals', title: 'Appeals', component: AppealsPage, filtered: true },
  { path: '/appeals/print', title: 'Appeal for print', component: AppealPrintPage, filtered: false, hidden: true },
];

export function matchRoute(pathname: string): RouteDef | null {
  const normalised = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return ROUTE_DEFS.find((r) => r.path === normalised) ?? null;
}
