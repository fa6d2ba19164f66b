/** The route map: the one list of API paths, shared by the server, the client and the docs test. */
export const ROUTES = {
  health: '/api/health',
  meta: '/api/meta',
  summary: '/api/summary',
  timeseries: '/api/timeseries',
  places: '/api/places',
  districts: '/api/districts',
  breakdowns: '/api/breakdowns',
  boundaries: '/api/boundaries',
  incidents: '/api/incidents',
  incidentsCsv: '/api/incidents.csv',
  incident: '/api/incidents/:id',
  imports: '/api/imports',
  importBatch: '/api/imports/:id',
  importRejectedCsv: '/api/imports/:id/rejected.csv',
  importRollback: '/api/imports/:id/rollback',
  series: '/api/series',
  savedSeriesList: '/api/saved-series',
  savedSeries: '/api/saved-series/:id',
  appealDraft: '/api/appeals/draft',
  appealExports: '/api/appeals/exports',
} as const;
export type RouteName = keyof typeof ROUTES;
