import { Router, type Request } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ROUTES, signInSchema, type SessionInfo } from '@scam/shared';
import { actorOf, unauthenticated } from '../http/auth.js';
import { sessionCookieName } from '../http/session-cookie.js';
import { HttpError } from '../lib/http-error.js';
import { SignInDelayedError, verifySignIn } from '../services/accounts.service.js';
import type { SignInThrottle } from '../services/sign-in-throttle.js';
import type { ServiceContext } from '../services/context.js';
import { parseWith } from './handler.js';

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.regenerate((err: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve())),
  );
}

function save(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.save((err: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve())),
  );
}

/** Whether the store takes writes and the trail records reads, and if not why (see app.ts). */
export type ReadOnlyState = Pick<SessionInfo, 'readOnly' | 'readOnlyReason' | 'auditUnavailable'>;

export function sessionRoutes(
  ctx: ServiceContext,
  throttle: SignInThrottle,
  policy: { perAddressPer15Min: number },
  readOnlyState: () => ReadOnlyState,
): Router {
  const r = Router();
  // Per address, whatever the account: guessing across many accounts is slowed as well as one.
  const limiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: policy.perAddressPer15Min,
    standardHeaders: 'draft-8',
    // Failures only: a unit signing in at 9 a.m. from one NAT address must not lock itself out.
    skipSuccessfulRequests: true,
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(new HttpError(429, 'too_many_requests', 'too many sign-in attempts from this address; wait 15 minutes')),
  });
  r.post(ROUTES.session, limiter, async (req, res) => {
    const { username, password } = parseWith(signInSchema, req.body);
    let user;
    try {
      // req.ip: the client's address, or the proxy's forwarded one when TRUST_PROXY trusts it.
      user = await verifySignIn(ctx, username, password, throttle, req.ip ?? '', res.locals.requestId);
    } catch (err) {
      if (err instanceof SignInDelayedError) res.set('Retry-After', String(err.waitSeconds));
      throw err;
    }
    // A new session id at sign-in, so an id planted before sign-in is worth nothing after it.
    await regenerate(req);
    req.session.userId = user.id;
    req.session.signedInAt = ctx.now();
    await save(req);
    ctx.audit.record(
      { name: user.name, role: user.role, requestId: res.locals.requestId },
      { action: 'sign_in', object: { via: 'password' } },
    );
    const body: SessionInfo = { user: { name: user.name, role: user.role }, ...readOnlyState() };
    res.json(body);
  });
  r.get(ROUTES.session, (_req, res) => {
    const auth = res.locals.auth;
    if (!auth) throw unauthenticated();
    const body: SessionInfo = { user: { name: auth.name, role: auth.role }, ...readOnlyState() };
    res.json(body);
  });
  r.delete(ROUTES.session, (req, res, next) => {
    const actor = actorOf(res);
    req.session.destroy((err: unknown) => {
      if (err) return next(err);
      ctx.audit.record(actor, { action: 'sign_out', object: {} });
      res.clearCookie(sessionCookieName(req), { path: '/', secure: req.secure, httpOnly: true, sameSite: 'strict' });
      res.status(204).end();
    });
  });
  return r;
}
