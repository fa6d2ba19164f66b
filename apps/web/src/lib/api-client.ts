import type { ApiContract, ErrorBody, ErrorIssue, RouteName, ROUTES } from '@scam/shared';
import { screenViewHeaders } from './screen-view';

type RoutePath = (typeof ROUTES)[RouteName];
/** The route name of a path: `/api/summary` → `summary`. */
type RouteOf<P extends RoutePath> = { [K in RouteName]: (typeof ROUTES)[K] extends P ? K : never }[RouteName];
/** A route's path with its `:id` filled in, still knowing which route it is. */
export type FilledPath<P extends RoutePath> = string & { readonly route: P };
type Answer<P extends RoutePath, M extends string> = ApiContract[RouteOf<P>] extends { [K in M]: { response: infer T } } ? T : never;
/** Routes that answer the method at all: asking POST of a GET-only route does not compile. */
type PathsWith<M extends string> = {
  [K in RouteName]: ApiContract[K] extends { [X in M]: unknown } ? (typeof ROUTES)[K] : never;
}[RouteName];

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** An API failure carrying the server's own message, which the UI shows as is. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: ErrorIssue[];

  constructor(status: number, code: string, message: string, issues: ErrorIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

/**
 * Query string with the API's parameter names. Commas are left readable so a copied link shows
 * `method=courier,hmrc` rather than `method=courier%2Chmrc`; the server decodes both the same way.
 */
export function toQueryString(params: QueryParams): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value)).replaceAll('%2C', ',')}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

export function apiUrl(path: string, params: QueryParams = {}): string {
  return `${path}${toQueryString(params)}`;
}

/**
 * Checks the one error shape by hand rather than with the shared zod schema: the schema would pull
 * zod into the first chunk for the sake of three fields.
 */
export function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error: unknown = body.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string' &&
    (!('issues' in error) || error.issues === undefined || Array.isArray(error.issues))
  );
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy error page, say): fall through to the status text.
  }
  if (isErrorBody(body)) {
    const { code, message, issues } = body.error;
    return new ApiError(res.status, code, message, issues ?? []);
  }
  const reason = res.status === 502 || res.status === 504 ? 'the API is not reachable' : res.statusText;
  return new ApiError(res.status, 'http_error', `Request failed (${res.status}${reason ? `: ${reason}` : ''})`);
}

/**
 * GET a route. The answer's type comes from the shared contract for that route (`getJson(ROUTES.summary)`
 * is a `Summary`), so a caller cannot pick a type the server does not send.
 */
export async function getJson<P extends PathsWith<'GET'>>(
  path: P | FilledPath<P>,
  params: QueryParams = {},
  signal?: AbortSignal,
): Promise<Answer<P, 'GET'>> {
  let res: Response;
  try {
    res = await fetch(apiUrl(path, params), { headers: { ...screenViewHeaders(), Accept: 'application/json' }, signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Cannot reach the API. Check the server is running.');
  }
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as Answer<P, 'GET'>;
}

export async function sendJson<M extends 'POST' | 'PATCH' | 'DELETE', P extends PathsWith<M>>(
  method: M,
  path: P | FilledPath<P>,
  options: { params?: QueryParams; body?: FormData | object; headers?: Record<string, string> } = {},
): Promise<Answer<P, M>> {
  const { params = {}, body, headers = {} } = options;
  const init: RequestInit = { method, headers: { ...screenViewHeaders(), ...headers, Accept: 'application/json' } };
  if (body instanceof FormData) {
    // The browser sets the multipart boundary itself; setting Content-Type here would drop it.
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, params), init);
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the API. Check the server is running.');
  }
  if (!res.ok) throw await toApiError(res);
  // 204 (a delete) has no body to read.
  if (res.status === 204) return undefined as Answer<P, M>;
  return (await res.json()) as Answer<P, M>;
}

/** Routes whose POST answers a file rather than JSON (the contract's response is a Blob). */
type FilePaths = { [K in RouteName]: ApiContract[K] extends { POST: { response: Blob } } ? (typeof ROUTES)[K] : never }[RouteName];

/** POST JSON to a route that answers with a file; a refusal comes back as the usual ApiError. */
export async function postForFile<P extends FilePaths>(path: P, body: object): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { ...screenViewHeaders(), Accept: 'application/json, */*', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the API. Check the server is running.');
  }
  if (!res.ok) throw await toApiError(res);
  return res.blob();
}

/** Fills `:id`-style placeholders of a route from the shared route map, keeping which route it is. */
export function routePath<P extends RoutePath>(route: P, values: Record<string, string | number>): FilledPath<P> {
  return route.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(String(values[name] ?? ''))) as FilledPath<P>;
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return 'Something went wrong.';
}
