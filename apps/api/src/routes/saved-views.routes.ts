import { Router } from 'express';
import { ROUTES, savedViewCreateSchema, savedViewUpdateSchema } from '@scam/shared';
import { actorOf } from '../http/auth.js';
import type { ServiceContext } from '../services/context.js';
import { createView, deleteView, listViews, updateView } from '../services/saved-views.service.js';
import { idParam, parseWith, send } from './handler.js';

export function savedViewRoutes(ctx: ServiceContext): Router {
  const r = Router();
  r.get(ROUTES.savedViews, (_req, res) => {
    send(res, 'GET', ROUTES.savedViews, listViews(ctx, actorOf(res)));
  });
  r.post(ROUTES.savedViews, (req, res) => {
    const view = createView(ctx, parseWith(savedViewCreateSchema, req.body), actorOf(res));
    res.locals.audited = true;
    send(res.status(201), 'POST', ROUTES.savedViews, view);
  });
  r.patch(ROUTES.savedView, (req, res) => {
    const view = updateView(ctx, idParam(req), parseWith(savedViewUpdateSchema, req.body), actorOf(res));
    res.locals.audited = true;
    send(res, 'PATCH', ROUTES.savedView, view);
  });
  r.delete(ROUTES.savedView, (req, res) => {
    deleteView(ctx, idParam(req), actorOf(res));
    res.locals.audited = true;
    res.status(204).end();
  });
  return r;
}
