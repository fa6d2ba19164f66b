import type { ErrorBody, ErrorIssue, HttpMethod, PathsWith, RequestArgs, ResponseOf, RouteOf } from '@scam/shared';
import { screenViewHeaders } from './screen-view';

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** The loose shape every typed call is read as inside this module, once its types have been checked. */
interface AnyRequest {
  params?: Record<string, string | number>;
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

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

/** Fills `:id`-style placeholders of a path from `params`. */
function fillPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(String(params[name] ?? '')));
}

/**
 * The address of a route with its params and query, typed from the shared contract: for the file
 * downloads a link points at (`<a href download>`), which the browser fetches itself.
 */
export function routeUrl<P extends PathsWith<'GET'>>(path: P, ...[options]: RequestArgs<RouteOf<P>, 'GET'>): string {
  const { params, query = {} } = (options ?? {}) as AnyRequest;
  return `${fillPath(path, params)}${toQueryString(query)}`;
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
 * GET a route. Its params, query and answer are typed from the shared contract for that route:
 * `getJson(ROUTES.summary, { query: { from } })` is a `Summary`, and a query field the route does not
 * read, or a missing `:id`, does not compile.
 */
export async function getJson<P extends PathsWith<'GET'>>(
  path: P,
  ...[options]: RequestArgs<RouteOf<P>, 'GET', { signal?: AbortSignal }>
): Promise<ResponseOf<RouteOf<P>, 'GET'>> {
  const { params, query = {}, signal } = (options ?? {}) as AnyRequest;
  let res: Response;
  try {
    res = await fetch(`${fillPath(path, params)}${toQueryString(query)}`, {
      headers: { ...screenViewHeaders(), Accept: 'application/json' },
      signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Cannot reach the API. Check the server is running.');
  }
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as ResponseOf<RouteOf<P>, 'GET'>;
}

async function send(method: HttpMethod, path: string, request: AnyRequest, accept: string): Promise<Response> {
  const { params, query = {}, body, headers = {} } = request;
  const init: RequestInit = { method, headers: { ...screenViewHeaders(), ...headers, Accept: accept } };
  if (body instanceof FormData) {
    // The browser sets the multipart boundary itself; setting Content-Type here would drop it.
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
  }
  let res: Response;
  try {
    res = await fetch(`${fillPath(path, params)}${toQueryString(query)}`, init);
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the API. Check the server is running.');
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

/** POST, PATCH or DELETE a route, with its params, query and body typed from the shared contract. */
export async function sendJson<M extends 'POST' | 'PATCH' | 'DELETE', P extends PathsWith<M>>(
  method: M,
  path: P,
  ...[options]: RequestArgs<RouteOf<P>, M, { headers?: Record<string, string> }>
): Promise<ResponseOf<RouteOf<P>, M>> {
  const res = await send(method, path, (options ?? {}) as AnyRequest, 'application/json');
  // 204 (a delete) has no body to read.
  if (res.status === 204) return undefined as ResponseOf<RouteOf<P>, M>;
  return (await res.json()) as ResponseOf<RouteOf<P>, M>;
}

/** Routes whose POST answers a file rather than JSON (the contract's response is a Blob). */
type FilePaths = { [P in PathsWith<'POST'>]: ResponseOf<RouteOf<P>, 'POST'> extends Blob ? P : never }[PathsWith<'POST'>];

/** POST JSON to a route that answers with a file; a refusal comes back as the usual ApiError. */
export async function postForFile<P extends FilePaths>(path: P, ...[options]: RequestArgs<RouteOf<P>, 'POST'>): Promise<Blob> {
  const res = await send('POST', path, (options ?? {}) as AnyRequest, 'application/json, */*');
  return res.blob();
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return 'Something went wrong.';
}
