import { Router } from 'express';
import { ROUTES, savedSeriesCreateSchema, savedSeriesUpdateSchema, seriesQuerySchema } from '@scam/shared';
import type { ServiceContext } from '../services/context.js';
import { resolveFilters } from '../services/filters.service.js';
import { alerts, createSaved, deleteSaved, detect, getSaved, listSaved, updateSaved } from '../services/series.service.js';
import type { WatchScheduler } from '../services/watch-scheduler.js';
import { actorOf } from '../http/auth.js';
import { idParam, parseWith } from './handler.js';

export function seriesRoutes(ctx: ServiceContext, scheduler: WatchScheduler): Router {
  const r = Router();
  r.get(ROUTES.series, (req, res) => {
    const settings = parseWith(seriesQuerySchema, { mode: req.query.mode, replicates: req.query.replicates, seed: req.query.seed });
    const result = detect(ctx, settings, resolveFilters(ctx, req.query));
    // Combination: how many incidents the run linked into series.
    res.locals.auditRows = result.series.reduce((n, s) => n + s.incidents.length, 0);
    res.json(result);
  });
  r.get(ROUTES.seriesAlerts, (_req, res) => {
    const a = alerts(ctx);
    // Data changed in another process (the import CLI): bring the watch run up to date.
    if (a.stale) scheduler.schedule('manual', null);
    res.json({ ...a, pending: scheduler.pending });
  });
  r.get(ROUTES.savedSeriesList, (_req, res) => {
    res.json(listSaved(ctx));
  });
  r.post(ROUTES.savedSeriesList, (req, res) => {
    res.status(201).json(createSaved(ctx, parseWith(savedSeriesCreateSchema, req.body), actorOf(res)));
  });
  r.get(ROUTES.savedSeries, (req, res) => {
    const saved = getSaved(ctx, idParam(req));
    res.locals.auditRows = saved.incidents.length;
    res.json(saved);
  });
  r.patch(ROUTES.savedSeries, (req, res) => {
    res.json(updateSaved(ctx, idParam(req), parseWith(savedSeriesUpdateSchema, req.body)));
  });
  r.delete(ROUTES.savedSeries, (req, res) => {
    deleteSaved(ctx, idParam(req));
    res.status(204).end();
  });
  return r;
}
