import { Router } from 'express';
import { create as contentDisposition } from 'content-disposition';
import {
  ROUTES,
  savedSeriesAssessSchema,
  savedSeriesPackQuerySchema,
  savedSeriesCreateSchema,
  savedSeriesUpdateSchema,
  seriesQuerySchema,
} from '@scam/shared';
import type { ServiceContext } from '../services/context.js';
import { resolveFilters } from '../services/filters.service.js';
import type { Runner } from '../services/runner.js';
import {
  alerts,
  createSaved,
  deleteSaved,
  getDetected,
  getSaved,
  getSavedDetail,
  listSaved,
  reassess,
  runDetection,
  updateSaved,
  withCurrentTrends,
} from '../services/series.service.js';
import { buildHandoverPack, packFileName, writePackZip } from '../services/handover-pack.service.js';
import { actorOf } from '../http/auth.js';
import { idParam, parseWith } from './handler.js';

/** The detection settings in a query string; the rest of it is filters. */
function pickSettings(query: Record<string, unknown>): Record<string, unknown> {
  const keys = ['mode', 'replicates', 'seed', 'minDays', 'maxDays', 'timeStep', 'maxKm', 'maxShare', 'centres', 'include'] as const;
  return Object.fromEntries(keys.map((k) => [k, query[k]]));
}

export function seriesRoutes(ctx: ServiceContext, runner: Runner): Router {
  const r = Router();
  r.get(ROUTES.series, async (req, res) => {
    const settings = parseWith(seriesQuerySchema, pickSettings(req.query));
    const filters = resolveFilters(ctx, req.query);
    // A caller who gives up (closes the page) stops the scan instead of leaving it to run.
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const result = await runDetection(ctx, runner, settings, filters, actorOf(res), abort.signal);
    // Combination: how many incidents the run linked into series.
    res.locals.auditRows = result.series.reduce((n, s) => n + s.incidents.length, 0);
    res.json(withCurrentTrends(ctx, result));
  });
  r.get(ROUTES.seriesAlerts, (_req, res) => {
    res.json({ ...alerts(ctx), pending: runner.watch.pending });
  });
  // After /alerts, which would otherwise read as a series id.
  r.get(ROUTES.seriesDetail, (req, res) => {
    const detail = getDetected(ctx, String(req.params.id));
    res.locals.auditRows = detail.members.length;
    res.json(detail);
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
    const saved = getSavedDetail(ctx, idParam(req));
    res.locals.auditRows = saved.members.length;
    res.json(saved);
  });
  r.patch(ROUTES.savedSeries, (req, res) => {
    const saved = updateSaved(ctx, idParam(req), parseWith(savedSeriesUpdateSchema, req.body), actorOf(res));
    res.locals.audited = true;
    res.json(saved);
  });
  r.post(ROUTES.savedSeriesAssessments, async (req, res) => {
    const { note } = parseWith(savedSeriesAssessSchema, req.body ?? {});
    const assessment = await reassess(ctx, runner, idParam(req), note, actorOf(res));
    res.locals.audited = true;
    res.status(201).json(assessment);
  });
  r.get(ROUTES.savedSeriesPack, async (req, res) => {
    const id = idParam(req);
    const q = parseWith(savedSeriesPackQuerySchema, { recipient: req.query.recipient, assessment: req.query.assessment });
    res.locals.auditObject = { savedSeriesId: id, recipient: q.recipient };
    if (req.method === 'HEAD') {
      // Express answers HEAD with the GET handler; headers alone disclose nothing, so no pack is built
      // and nothing is recorded.
      res.set('Content-Disposition', contentDisposition(packFileName(ctx, getSaved(ctx, id), q.recipient)));
      res.set('Content-Type', 'application/zip');
      res.locals.audited = true;
      res.end();
      return;
    }
    const pack = await buildHandoverPack(ctx, id, q, actorOf(res));
    res.locals.auditObject = { savedSeriesId: id, recipient: q.recipient, assessment: pack.manifest.assessment.seq };
    res.locals.auditRows = pack.rows;
    res.locals.auditReferences = pack.references;
    res.set('Content-Type', 'application/zip');
    res.set('Content-Disposition', contentDisposition(pack.fileName));
    await writePackZip(pack, res);
  });
  r.delete(ROUTES.savedSeries, (req, res) => {
    deleteSaved(ctx, idParam(req), actorOf(res));
    res.locals.audited = true;
    res.status(204).end();
  });
  return r;
}
