import { Router } from 'express';
import { ROUTES, savedSeriesCreateSchema, savedSeriesUpdateSchema, seriesQuerySchema } from '@scam/shared';
import type { ServiceContext } from '../services/context.js';
import { resolveFilters } from '../services/filters.service.js';
import type { Runner } from '../services/runner.js';
import {
  alerts,
  cachedDetection,
  createSaved,
  deleteSaved,
  getSaved,
  listSaved,
  rememberDetection,
  updateSaved,
} from '../services/series.service.js';
import type { WatchScheduler } from '../services/watch-scheduler.js';
import { actorOf } from '../http/auth.js';
import { idParam, parseWith } from './handler.js';

export function seriesRoutes(ctx: ServiceContext, runner: Runner, scheduler: WatchScheduler): Router {
  const r = Router();
  r.get(ROUTES.series, async (req, res) => {
    const settings = parseWith(seriesQuerySchema, { mode: req.query.mode, replicates: req.query.replicates, seed: req.query.seed });
    const filters = resolveFilters(ctx, req.query);
    let result = cachedDetection(ctx, settings, filters);
    if (!result) {
      // A caller who gives up (closes the page) stops the scan instead of leaving it to run.
      const abort = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) abort.abort();
      });
      result = await runner.detect(settings, filters, abort.signal);
      rememberDetection(ctx, settings, filters, result);
    }
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
    const saved = createSaved(ctx, parseWith(savedSeriesCreateSchema, req.body), actorOf(res));
    res.locals.audited = true;
    res.status(201).json(saved);
  });
  r.get(ROUTES.savedSeries, (req, res) => {
    const saved = getSaved(ctx, idParam(req));
    res.locals.auditRows = saved.incidents.length;
    res.json(saved);
  });
  r.patch(ROUTES.savedSeries, (req, res) => {
    const saved = updateSaved(ctx, idParam(req), parseWith(savedSeriesUpdateSchema, req.body), actorOf(res));
    res.locals.audited = true;
    res.json(saved);
  });
  r.delete(ROUTES.savedSeries, (req, res) => {
    deleteSaved(ctx, idParam(req), actorOf(res));
    res.locals.audited = true;
    res.status(204).end();
  });
  return r;
}
