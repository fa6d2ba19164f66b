import type { SavedView, Summary } from '@scam/shared';
import { refused, type ApiClient, type Answer } from './api-client.js';

/**
 * Calls the API tests must not be able to make by accident: each line is wrong in one way only, and
 * `@ts-expect-error` fails the type check if the test client ever accepts it. A test that means to
 * send something wrong says so with `refused(…)`. `npm run lint` compiles this file. Never called.
 */
export function refusedCalls(api: ApiClient): void {
  // @ts-expect-error a view's name is text
  void api.post('savedViews', { body: { name: 7, page: '/' } });
  // @ts-expect-error "form" is not a filter
  void api.get('summary', { query: { form: '2023-01-01' } });
  // @ts-expect-error the saved series route needs its id
  void api.get('savedSeries');
  // @ts-expect-error the id is a number
  void api.get('savedSeries', { params: { id: 'abc' } });
  // @ts-expect-error the summary answers GET only
  void api.post('summary');
  // @ts-expect-error no route of that name
  void api.get('summaries');
}

export async function acceptedCalls(api: ApiClient): Promise<void> {
  // The answer is the route's response, so a test cannot pick another type.
  const summary: Answer<Summary> = await api.get('summary', { query: { from: '2023-01-01' } });
  const view: Answer<SavedView> = await api.post('savedViews', { body: { name: 'Mine', page: '/' } });
  void summary;
  void view;
  // A wrong request on purpose, to see it refused, says so.
  void api.post('savedViews', { body: refused({ name: 7, page: '/' }) });
  void api.get('savedSeries', { params: refused({ id: 'abc' }) });
  void api.as('viewer').get('summary');
}
