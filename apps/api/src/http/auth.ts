import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { can, ROUTES, type AuditAction, type Endpoint, type Role } from '@scam/shared';
import { HttpError } from '../lib/http-error.js';
import { activeUser, userForToken } from '../services/accounts.service.js';
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
  }
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
    if (action) {
      // 'close' comes for a response that finished and for one cut off half-way (a client that stopped
      // reading an export): the second is a disclosure too, of what was sent.
      res.on('close', () => {
        if (res.statusCode >= 400 || res.locals.audited || !res.locals.auth || !res.headersSent) return;
        const object = auditObject(endpoint, req, res);
        if (!res.writableFinished) object.partial = true;
        ctx.audit.record(actorOf(res), {
          action: res.locals.auditAction ?? action,
          object,
          rows: res.locals.auditRows ?? null,
          purpose: res.locals.auditPurpose ?? null,
        });
      });
    }
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
