import { ROUTES, type ErrorBody, type HttpMethod, type RequestOf, type ResponseOf, type Role, type RoutesWith } from '@scam/shared';

const REFUSED = Symbol('refused');

/**
 * A body, query or params a test sends on purpose outside the contract, to see it refused:
 * `refused({ source })`, `params: refused({ id: 'abc' })`.
 */
export interface Refused {
  readonly [REFUSED]: unknown;
}

export function refused(value: unknown): Refused {
  return { [REFUSED]: value };
}

const isRefused = (v: unknown): v is Refused => typeof v === 'object' && v !== null && REFUSED in v;

/** Who a call is made as: a role's API token (users are named after their role), a session cookie, or no one. */
export type Caller = Role | { cookie: string } | 'anonymous';

/** A call's options: the route's own params, query and body (typed from the contract), and who asks. */
export type CallOptions<R extends RoutesWith<M>, M extends HttpMethod> = {
  [K in keyof RequestOf<R, M>]: RequestOf<R, M>[K] | Refused;
} & { as?: Caller; headers?: Record<string, string>; signal?: AbortSignal };

type Args<R extends RoutesWith<M>, M extends HttpMethod> =
  Record<string, never> extends RequestOf<R, M> ? [options?: CallOptions<R, M>] : [options: CallOptions<R, M>];

/** The answer as a test reads it; a file comes back as text (text/*) or bytes. */
export interface Answer<T> {
  status: number;
  headers: Headers;
  /** The route's response when the call succeeded; on a refusal, read `error` instead. */
  body: T extends Blob ? Uint8Array : T;
  /** The one error shape's `error`; throws when the answer is not an error, so a success cannot pass for one. */
  readonly error: ErrorBody['error'];
}

interface AnyOptions {
  params?: Record<string, string | number> | Refused;
  query?: Record<string, string | number | boolean | null | undefined> | Refused;
  body?: unknown;
  as?: Caller;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * The API as the tests call it, keyed by route name (`api.get('summary', { query })`): params, query and
 * body are typed from the shared contract and the answer is the route's response, so a test cannot
 * pick a type the server does not send. What a test sends on purpose against the contract goes through
 * `refused(…)`; what the contract does not describe (an unknown path, OPTIONS, a malformed body) stays
 * a plain `fetch`.
 */
export interface ApiClient {
  get<R extends RoutesWith<'GET'>>(route: R, ...args: Args<R, 'GET'>): Promise<Answer<ResponseOf<R, 'GET'>>>;
  post<R extends RoutesWith<'POST'>>(route: R, ...args: Args<R, 'POST'>): Promise<Answer<ResponseOf<R, 'POST'>>>;
  patch<R extends RoutesWith<'PATCH'>>(route: R, ...args: Args<R, 'PATCH'>): Promise<Answer<ResponseOf<R, 'PATCH'>>>;
  delete<R extends RoutesWith<'DELETE'>>(route: R, ...args: Args<R, 'DELETE'>): Promise<Answer<ResponseOf<R, 'DELETE'>>>;
  /** The raw response, for headers and streamed files (a CSV read line by line, a zip, a Word file). */
  fetch<M extends HttpMethod, R extends RoutesWith<M>>(method: M, route: R, ...args: Args<R, M>): Promise<Response>;
  /** HEAD of a GET route: its headers, without the body. */
  head<R extends RoutesWith<'GET'>>(route: R, ...args: Args<R, 'GET'>): Promise<Response>;
  /** The same client, calling as someone else by default. */
  as(caller: Caller): ApiClient;
}

const given = <T>(v: T | Refused): unknown => (isRefused(v) ? v[REFUSED] : v);

function pathOf(route: keyof typeof ROUTES, options: AnyOptions): string {
  const params = (given(options.params) ?? {}) as Record<string, unknown>;
  const filled = ROUTES[route].replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${ROUTES[route]} needs params.${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries((given(options.query) ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null) search.append(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${filled}?${qs}` : filled;
}

async function read(res: Response): Promise<unknown> {
  const type = res.headers.get('content-type') ?? '';
  if (res.status === 204 || res.status === 304) return undefined;
  if (type.includes('json')) return res.json();
  if (type.startsWith('text/')) return res.text();
  return new Uint8Array(await res.arrayBuffer());
}

export function createApiClient(url: string, tokens: Partial<Record<Role, string>>, caller: Caller = 'admin'): ApiClient {
  const call = async (method: HttpMethod | 'HEAD', route: keyof typeof ROUTES, options: AnyOptions = {}): Promise<Response> => {
    const headers = new Headers(options.headers);
    const as = options.as ?? caller;
    if (typeof as === 'object') headers.set('cookie', as.cookie);
    else if (as !== 'anonymous') headers.set('authorization', `Bearer ${tokens[as] ?? ''}`);
    const raw = given(options.body);
    let body: RequestInit['body'];
    if (raw instanceof FormData || typeof raw === 'string') body = raw;
    else if (raw !== undefined) {
      body = JSON.stringify(raw);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    return fetch(`${url}${pathOf(route, options)}`, { method, headers, body, signal: options.signal });
  };
  const answer = async (method: HttpMethod, route: keyof typeof ROUTES, options?: AnyOptions) => {
    const res = await call(method, route, options);
    const body = await read(res);
    return {
      status: res.status,
      headers: res.headers,
      body,
      get error(): ErrorBody['error'] {
        if (typeof body === 'object' && body !== null && 'error' in body) return (body as ErrorBody).error;
        throw new Error(`${method} ${ROUTES[route]} answered ${res.status} without an error: ${JSON.stringify(body)?.slice(0, 300)}`);
      },
    };
  };
  // The typed signatures are the interface's; inside, every call is the same loose request.
  const loose = (o: unknown[]) => o[0] as AnyOptions | undefined;
  return {
    get: (route, ...o) => answer('GET', route, loose(o)) as never,
    post: (route, ...o) => answer('POST', route, loose(o)) as never,
    patch: (route, ...o) => answer('PATCH', route, loose(o)) as never,
    delete: (route, ...o) => answer('DELETE', route, loose(o)) as never,
    fetch: (method, route, ...o) => call(method, route, loose(o)),
    head: (route, ...o) => call('HEAD', route, loose(o)),
    as: (other) => createApiClient(url, tokens, other),
  };
}
