import { ROUTES } from '@scam/shared';
import { getJson, postForFile, routeUrl, sendJson } from './api-client';

/**
 * Calls that must not compile: each line is wrong in one way only, and `@ts-expect-error` fails the
 * type check if the client ever accepts it. `npm run lint` compiles this file (tsconfig.contract.json),
 * so loosening the client's request types fails the lint. Never called.
 */
export function refusedCalls(): void {
  // A body of the wrong shape, or none where the route needs one.
  // @ts-expect-error a draft names a series or filters
  void sendJson('POST', ROUTES.appealDraft, { body: {} });
  // @ts-expect-error a view's name is text
  void sendJson('POST', ROUTES.savedViews, { body: { name: 7, page: '/' } });
  // @ts-expect-error the page is one of the dashboard's pages
  void sendJson('POST', ROUTES.savedViews, { body: { name: 'Mine', page: '/nowhere' } });
  // @ts-expect-error a field the route does not take
  void sendJson('PATCH', ROUTES.savedView, { params: { id: 1 }, body: { title: 'Renamed' } });
  // @ts-expect-error a saved series needs its incidents
  void sendJson('POST', ROUTES.savedSeriesList, { body: { name: 'S', method: 'courier' } });
  // @ts-expect-error creating a view needs a body
  void sendJson('POST', ROUTES.savedViews);
  // @ts-expect-error a delete takes no body
  void sendJson('DELETE', ROUTES.savedView, { params: { id: 1 }, body: { name: 'x' } });

  // A query the route does not read, or a value it would refuse.
  // @ts-expect-error "form" is not a filter (from is)
  void getJson(ROUTES.summary, { query: { form: '2023-01-01' } });
  // @ts-expect-error the interval is day, week or month
  void getJson(ROUTES.timeseries, { query: { interval: 'year' } });
  // @ts-expect-error the boundaries take no query
  void getJson(ROUTES.boundaries, { query: { from: '2023-01-01' } });
  // @ts-expect-error replicates is a number
  void getJson(ROUTES.series, { query: { replicates: true } });
  // @ts-expect-error the import list pages by number
  void getJson(ROUTES.imports, { query: { limit: [50] } });
  // @ts-expect-error a dry run is 'true' or 'false'
  void sendJson('POST', ROUTES.imports, { query: { dryRun: 'yes' }, body: new FormData() });
  // @ts-expect-error the readable trail is searched by a reference written as text
  void getJson(ROUTES.auditViews, { query: { reference: 44019 } });
  // @ts-expect-error the pack's recipient is required
  void routeUrl(ROUTES.savedSeriesPack, { params: { id: 1 }, query: { assessment: 2 } });

  // Params: required where the path has placeholders, named as the path names them.
  // @ts-expect-error the incident route needs its id
  void getJson(ROUTES.incident);
  // @ts-expect-error the placeholder is :id
  void getJson(ROUTES.incident, { params: { reference: 'HC/1' } });
  // @ts-expect-error a GET takes no body
  void getJson(ROUTES.summary, { body: {} });

  // Methods and answers.
  // @ts-expect-error the summary answers GET only
  void sendJson('POST', ROUTES.summary);
  // @ts-expect-error a draft answers JSON, not a file
  void postForFile(ROUTES.appealDraft, { body: { seriesId: 'S1' } });
}

/** The same calls made right compile, so the refusals above are about the mistake and nothing else. */
export function acceptedCalls(): void {
  void sendJson('POST', ROUTES.appealDraft, { body: { seriesId: 'S1' } });
  void sendJson('POST', ROUTES.savedViews, { body: { name: 'Mine', page: '/' } });
  void sendJson('PATCH', ROUTES.savedView, { params: { id: 1 }, body: { name: 'Renamed' } });
  void sendJson('DELETE', ROUTES.savedView, { params: { id: 1 } });
  void getJson(ROUTES.summary, { query: { from: '2023-01-01', method: 'courier,hmrc' } });
  void getJson(ROUTES.timeseries, { query: { interval: 'month' } });
  void getJson(ROUTES.boundaries);
  void getJson(ROUTES.series, { query: { replicates: 99 } });
  void getJson(ROUTES.imports, { query: { limit: 50 } });
  void sendJson('POST', ROUTES.imports, { query: { dryRun: 'true' }, body: new FormData() });
  void routeUrl(ROUTES.savedSeriesPack, { params: { id: 1 }, query: { recipient: 'NFIB', assessment: 2 } });
  void getJson(ROUTES.incident, { params: { id: 'HC/1' } });
  void getJson(ROUTES.auditViews, { query: { reference: 'HC/26/44019', limit: 50 } });
  void postForFile(ROUTES.appealExportDocx, {
    body: {
      seriesId: 'S1',
      acknowledged: [],
      document: { title: 'T', highlights: [], body: 'B', issueDate: '2023-01-01', reference: 'R', officer: '', notesToEditors: '' },
    },
  });
}
