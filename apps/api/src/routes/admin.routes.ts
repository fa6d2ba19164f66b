import { Router } from 'express';
import { create as contentDisposition } from 'content-disposition';
import { auditQuerySchema, ROUTES, userCreateSchema, userUpdateSchema } from '@scam/shared';
import { actorOf } from '../http/auth.js';
import { createUser, listUsers, updateUser } from '../services/accounts.service.js';
import { auditCsv, listAudit, listAuditViews } from '../services/audit.service.js';
import type { ServiceContext } from '../services/context.js';
import type { SignInThrottle } from '../services/sign-in-throttle.js';
import { exportFileName } from '../services/export-names.js';
import { parseWith } from './handler.js';
import { streamChunks } from './stream.js';

export function adminRoutes(ctx: ServiceContext, throttle: SignInThrottle): Router {
  const r = Router();
  r.get(ROUTES.audit, (req, res) => {
    const { limit, offset, ...q } = parseWith(auditQuerySchema, req.query);
    // Entries queued a moment ago belong in the list the admin is looking at.
    ctx.audit.flush();
    res.json(listAudit(ctx.repos, q, limit, offset));
  });
  r.get(ROUTES.auditViews, (req, res) => {
    const { limit, offset, ...q } = parseWith(auditQuerySchema, req.query);
    ctx.audit.flush();
    res.json(listAuditViews(ctx.repos, q, limit, offset));
  });
  r.get(ROUTES.auditCsv, async (req, res) => {
    const { limit: _limit, offset: _offset, ...q } = parseWith(auditQuerySchema, req.query);
    ctx.audit.flush();
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', contentDisposition(exportFileName('audit trail', ctx.today(), 'csv')));
    await streamChunks(res, auditCsv(ctx.repos, q));
  });
  r.get(ROUTES.users, (_req, res) => {
    res.json(listUsers(ctx, throttle));
  });
  r.post(ROUTES.users, async (req, res) => {
    const user = await createUser(ctx, parseWith(userCreateSchema, req.body), actorOf(res));
    res.locals.audited = true;
    res.status(201).json({ user });
  });
  r.patch(ROUTES.user, async (req, res) => {
    const user = await updateUser(ctx, String(req.params.name), parseWith(userUpdateSchema, req.body), actorOf(res));
    res.locals.audited = true;
    res.json({ user });
  });
  return r;
}
