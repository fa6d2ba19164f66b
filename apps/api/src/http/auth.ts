import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { can, ROUTES, SCREEN_HEADER, VIEW_ID_HEADER, type AuditAction, type Endpoint, type Role } from '@scam/shared';
import { HttpError } from '../lib/http-error.js';
import { activeUser, userForToken } from '../services/accounts.service.js';
import { errorBody } from '../lib/error-middleware.js';
import type { AuditEvent } from '../services/audit.service.js';
import type { Actor, ServiceContext } from '../services/context.js';

export interface AuthInfo {
  id: number;
  name: string;
  role: Role;
  via: 'session' | 'token';
}

declare module 'express-serve-static-core' {
  interface Locals {
    auth?: AuthInfo;
    requestId: string;
    /** How many records the response showed or wrote, for the audit entry. */
    auditRows?: number;
    /** Extra detail for the audit entry (the batch or series id, a recipient). */
    auditObject?: Record<string, unknown>;
    auditPurpose?: string;
    /** Overrides the endpoint's audit action (a dry-run import is a consultation, not a collection). */
    auditAction?: AuditAction;
    /** The service recorded the audit entry itself, inside its own transaction. */
    audited?: boolean;
    /** Incident references the response showed or sent, for the entry (searchable: who opened X?). */
    auditReferences?: string[];
    /** The body is streamed in parts (an export): one cut off half-way disclosed what was sent. */
    streamed?: boolean;
  }
}

/**
 * Reads of records: before such a response is made, the audit trail must be writable (see
 * AuditTrail.assertRecordable), or the read is refused.
 */
const READS: ReadonlySet<AuditAction> = new Set(['consultation', 'disclosure', 'combination']);

/** The dashboard's screen view the call was made for, as it says in its headers (checked when recorded). */
function viewOf(req: Request): { viewId: string | null; screen: string | null } {
  return { viewId: req.get(VIEW_ID_HEADER) ?? null, screen: req.get(SCREEN_HEADER) ?? null };
}

export const unauthenticated = (message = 'sign in first') => new HttpError(401, 'unauthenticated', message);

function destroySession(req: Request): Promise<void> {
  return new Promise((resolve) => req.session.destroy(() => resolve()));
}

/**
 * Works out who is asking: a bearer token (scripts) or the session cookie (the dashboard). A session
 * whose account was disabled, whose password changed after sign-in, or that is older than the absolute
 * limit ends here. Nothing is refused yet; `guard` does that per endpoint.
 */
export function authenticate(ctx: ServiceContext, maxSessionMs: number): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const user = m ? userForToken(ctx, m[1] as string) : null;
      if (!user) return next(unauthenticated('the API token is not valid (unknown, revoked, or its account is disabled)'));
      res.locals.auth = { id: user.id, name: user.name, role: user.role, via: 'token' };
      return next();
    }
    const { userId, signedInAt } = req.session ?? {};
    if (typeof userId !== 'number' || typeof signedInAt !== 'string') return next();
    const user = activeUser(ctx, userId);
    const tooOld = Date.parse(ctx.now()) - Date.parse(signedInAt) > maxSessionMs;
    if (!user || tooOld || user.password_changed_at > signedInAt) {
      await destroySession(req);
      return next();
    }
    res.locals.auth = { id: user.id, name: user.name, role: user.role, via: 'session' };
    next();
  };
}

export function actorOf(res: Response): Actor {
  const auth = res.locals.auth;
  if (!auth) throw unauthenticated();
  return { name: auth.name, role: auth.role, requestId: res.locals.requestId };
}

function auditObject(endpoint: Endpoint, req: Request, res: Response): Record<string, unknown> {
  const object: Record<string, unknown> = { route: `${endpoint.method} ${ROUTES[endpoint.route]}` };
  if (Object.keys(req.params).length > 0) object.params = req.params;
  if (Object.keys(req.query).length > 0) object.query = req.query;
  return { ...object, ...res.locals.auditObject };
}

/**
 * The door of one endpoint: 401 without credentials, 403 (recorded as `refused`) for a role without
 * the right, and, once the response has gone out successfully, the audit entry the endpoint table
 * names — unless the service already wrote it inside its own transaction.
 */
export function guard(ctx: ServiceContext, endpoint: Endpoint): RequestHandler {
  return (req, res, next) => {
    if (endpoint.access !== 'public') {
      const auth = res.locals.auth;
      if (!auth) return next(unauthenticated());
      if (endpoint.access !== 'signedIn' && !can(auth.role, endpoint.access)) {
        ctx.audit.record(actorOf(res), { action: 'refused', object: auditObject(endpoint, req, res) });
        return next(new HttpError(403, 'forbidden', `your role (${auth.role}) does not allow this`));
      }
    }
    const action = endpoint.audit;
    if (!action) return next();
    const event = (): AuditEvent => ({
      action: res.locals.auditAction ?? action,
      object: auditObject(endpoint, req, res),
      rows: res.locals.auditRows ?? null,
      purpose: res.locals.auditPurpose ?? null,
      references: res.locals.auditReferences ?? [],
      ...viewOf(req),
    });
    let recorded = false;
    if (READS.has(action) && res.locals.auth) {
      // Fails closed: records are not served when their consultation cannot be recorded. First what is
      // queued is written (a fault is then known before any work is done)…
      try {
        ctx.audit.assertRecordable();
      } catch (err) {
        return next(err);
      }
      // …then a JSON answer's own entry is written before the answer leaves. (Exports stream their rows
      // and are recorded when they end, with the count sent; the check above came before their first byte.)
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        if (res.statusCode >= 400 || res.locals.audited || req.method === 'HEAD' || res.destroyed) return json(body);
        try {
          ctx.audit.recordBeforeSending(actorOf(res), event());
          recorded = true;
        } catch (err) {
          if (!(err instanceof HttpError)) throw err;
          res.status(err.status).set('Retry-After', '5');
          return json(errorBody(err.code, err.message));
        }
        return json(body);
      };
    }
    // 'close' comes for a response that finished and for one cut off before it did. HEAD sends no body,
    // so it shows nothing; a response the client gave up on before it finished is not a consultation
    // either — except an export that had already sent rows: those left, and are recorded as a partial
    // disclosure of what was sent.
    res.on('close', () => {
      if (recorded || res.statusCode >= 400 || res.locals.audited || !res.locals.auth || !res.headersSent || req.method === 'HEAD') return;
      const e = event();
      if (!res.writableFinished) {
        if (!res.locals.streamed || !res.locals.auditRows) return;
        (e.object as Record<string, unknown>).partial = true;
      }
      ctx.audit.record(actorOf(res), e);
    });
    next();
  };
}

/** Every /api route but the public ones needs someone signed in; unknown paths too, so they reveal nothing. */
export function requireSignedIn(publicPaths: { method: string; path: string }[]): RequestHandler {
  return (req, res, next) => {
    if (res.locals.auth || publicPaths.some((p) => p.method === req.method && p.path === req.path)) return next();
    next(unauthenticated());
  };
}
