import { Router } from 'express';
import { ROUTES, timelineEventCreateSchema } from '@scam/shared';
import { actorOf } from '../http/auth.js';
import type { ServiceContext } from '../services/context.js';
import { createEvent, deleteEvent, listEvents } from '../services/timeline-events.service.js';
import { idParam, parseWith, send } from './handler.js';

export function timelineEventRoutes(ctx: ServiceContext): Router {
  const r = Router();
  r.get(ROUTES.timelineEvents, (req, res) => {
    send(res, 'GET', ROUTES.timelineEvents, listEvents(ctx, req.query));
  });
  r.post(ROUTES.timelineEvents, (req, res) => {
    const created = createEvent(ctx, parseWith(timelineEventCreateSchema, req.body), actorOf(res));
    res.locals.audited = true;
    send(res.status(201), 'POST', ROUTES.timelineEvents, created);
  });
  r.delete(ROUTES.timelineEvent, (req, res) => {
    deleteEvent(ctx, idParam(req), actorOf(res));
    res.locals.audited = true;
    res.status(204).end();
  });
  return r;
}
