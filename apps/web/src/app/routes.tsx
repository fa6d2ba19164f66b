import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import { can } from '@scam/shared';
import type { Permission, Role } from '@scam/shared';
import { MapPanel } from '../features/map/components/map-panel';
import { OverviewPage } from '../features/overview/overview-page';
import { SeriesAlerts } from '../features/series/components/series-alerts';

export interface RouteDef {
  path: string;
  title: string;
  component: ComponentType | LazyExoticComponent<ComponentType>;
  /** What the role needs to open the page: the same permission the server checks on the page's data. */
  permission: Permission;
  /** Whether the page reads the filters, so nav links carry them across. */
  filtered: boolean;
  /** Pages reached from another page (the print view) rather than from the main navigation. */
  hidden?: boolean;
  /** The page's A4 print layout for the current URL, if it has one (the header offers "Print"). */
  print?: (search: string) => string | null;
}

/** The overview shows the map and the series banner, which are other features: composed here. */
function Overview() {
  return <OverviewPage map={MapPanel} alerts={SeriesAlerts} />;
}
function OverviewPrint() {
  return <OverviewPrintPage map={MapPanel} />;
}

// Everything but the overview is loaded on first visit: the map, tables and import screen are
// heavy and most visits start on the overview.
const IncidentsPage = lazy(() => import('../features/incidents/incidents-page').then((m) => ({ default: m.IncidentsPage })));
const ImportPage = lazy(() => import('../features/imports/imports-page').then((m) => ({ default: m.ImportPage })));
const SeriesPage = lazy(() => import('../features/series/series-page').then((m) => ({ default: m.SeriesPage })));
const LinksPage = lazy(() => import('../features/links/links-page').then((m) => ({ default: m.LinksPage })));
const AppealsPage = lazy(() => import('../features/appeals/appeals-page').then((m) => ({ default: m.AppealsPage })));
const AppealPrintPage = lazy(() => import('../features/appeals/appeal-print-page').then((m) => ({ default: m.AppealPrintPage })));
const OverviewPrintPage = lazy(() => import('../features/overview/overview-print-page').then((m) => ({ default: m.OverviewPrintPage })));
const IncidentsPrintPage = lazy(() =>
  import('../features/incidents/incidents-print-page').then((m) => ({ default: m.IncidentsPrintPage })),
);
const SeriesPrintPage = lazy(() => import('../features/series/series-print-page').then((m) => ({ default: m.SeriesPrintPage })));
const AdminPage = lazy(() => import('../features/admin/admin-page').then((m) => ({ default: m.AdminPage })));

export const ROUTE_DEFS: RouteDef[] = [
  {
    path: '/',
    title: 'Overview',
    component: Overview,
    permission: 'aggregates',
    filtered: true,
    print: (search) => `/print/overview${search}`,
  },
  {
    path: '/incidents',
    title: 'Incidents',
    component: IncidentsPage,
    permission: 'incidents',
    filtered: true,
    print: (search) => `/print/incidents${search}`,
  },
  { path: '/import', title: 'Import', component: ImportPage, permission: 'imports', filtered: false },
  {
    path: '/series',
    title: 'Series',
    component: SeriesPage,
    permission: 'incidents',
    filtered: false,
    // Only one series prints: the workspace's lists are for working, not for briefings.
    print: (search) => (/[?&](id|saved)=/.test(search) ? `/print/series${search}` : null),
  },
  // Links reads the filters too; a series opens it with its members instead (`/links?references=…`).
  { path: '/links', title: 'Links', component: LinksPage, permission: 'incidents', filtered: true },
  // Appeals carries the filters so "Draft for current filters" starts from what the analyst was looking at.
  { path: '/appeals', title: 'Appeals', component: AppealsPage, permission: 'appeals', filtered: true },
  { path: '/appeals/print', title: 'Appeal for print', component: AppealPrintPage, permission: 'appeals', filtered: false, hidden: true },
  {
    path: '/print/overview',
    title: 'Overview for print',
    component: OverviewPrint,
    permission: 'aggregates',
    filtered: true,
    hidden: true,
  },
  {
    path: '/print/incidents',
    title: 'Incidents for print',
    component: IncidentsPrintPage,
    permission: 'incidents',
    filtered: true,
    hidden: true,
  },
  { path: '/print/series', title: 'Series for print', component: SeriesPrintPage, permission: 'incidents', filtered: false, hidden: true },
  { path: '/admin', title: 'Admin', component: AdminPage, permission: 'admin', filtered: false },
];

export function matchRoute(pathname: string): RouteDef | null {
  const normalised = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return ROUTE_DEFS.find((r) => r.path === normalised) ?? null;
}

/** The main navigation for a role: only pages it can open. */
export function navRoutes(role: Role): RouteDef[] {
  return ROUTE_DEFS.filter((r) => !r.hidden && can(role, r.permission));
}
