import type { Request, Response } from 'express';
import { quoted } from '@scam/ingest';
import { responseSchema, ROUTES, type HttpMethod, type PathsWith, type ResponseOf, type RouteOf } from '@scam/shared';
import type { z } from 'zod';
import { badRequest } from '../lib/http-error.js';

interface Named {
  path: string[];
  message: string;
}

/**
 * zod reports a failed union as "Invalid input" at the top, with each branch's own issues inside. The
 * branch that got furthest (the deepest path) is the one the caller meant, so its issues are the ones
 * that name the field: `{ "filters": { "method": ["courier"] } }` → `filters.method: expected string…`.
 */
function named(issue: z.core.$ZodIssue, prefix: string[]): Named[] {
  const path = [...prefix, ...issue.path.map(String)];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ path, message: issue.message }];
  const branches = issue.errors.map((branch) => branch.flatMap((i) => named(i, path)));
  const depth = (b: Named[]) => Math.max(0, ...b.map((i) => i.path.length));
  const deepest = Math.max(...branches.map(depth));
  const best = branches.filter((b) => depth(b) === deepest);
  const first = best[0] ?? [{ path, message: issue.message }];
  // Several branches fail at the same field: say what each would have taken.
  const sameField = best.every((b) => b.length === 1 && b[0]?.path.join('.') === first[0]?.path.join('.'));
  return best.length > 1 && sameField
    ? [{ path: first[0]?.path ?? path, message: [...new Set(best.map((b) => b[0]?.message))].join('; or ') }]
    : first;
}

/** Parses input with a shared schema; a failure is a 400 listing each bad field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) {
    const issues = r.error.issues.flatMap((i) => named(i, [])).map((i) => ({ path: i.path.join('.') || undefined, message: i.message }));
    throw badRequest(`invalid request: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`, issues);
  }
  return r.data;
}

export function idParam(req: Request): number {
  const raw = req.params.id;
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) throw badRequest(`${quoted(String(raw))} is not a valid id`);
  return Number(raw);
}

const ROUTE_NAMES = new Map<string, string>(Object.entries(ROUTES).map(([name, path]) => [path, name]));

/**
 * Sends a route's JSON answer: the other half of `parseWith`. `body` must be the contract's response
 * for this route and method (packages/shared ApiContract), so a handler cannot answer with a shape
 * the client was not promised. At run time it also checks, cheaply enough to do on every answer,
 * that the handler is the route and method it claims to be, and, for the answers with a schema
 * (RESPONSE_SCHEMAS), that the body matches it field for field. A breach is a bug: it is thrown to
 * the error handler (logged, 500) rather than sent, since an extra field may be one that must not
 * leave the server.
 */
export function send<M extends HttpMethod, P extends PathsWith<M>>(
  res: Response,
  method: M,
  route: P,
  body: ResponseOf<RouteOf<P>, M>,
): void {
  const req = res.req;
  // Express answers HEAD with the GET handler.
  const asked = req.method === 'HEAD' ? 'GET' : req.method;
  if (asked !== method || req.route?.path !== route) {
    throw new Error(`the handler of ${req.method} ${String(req.route?.path)} answered as ${method} ${route}`);
  }
  const schema = responseSchema(method, ROUTE_NAMES.get(route) ?? '');
  const checked = schema?.safeParse(body);
  if (checked && !checked.success) {
    const issues = checked.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw new Error(`${method} ${route} answered outside the contract: ${issues}`);
  }
  res.json(body);
}
