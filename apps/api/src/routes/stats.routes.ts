import { Router } from 'express';
import { ROUTES, timeseriesQuerySchema } from '@scam/shared';
import type { ServiceContext } from '../services/context.js';
import { resolveFilters } from '../services/filters.service.js';
import { mapLabels } from '../services/geo.service.js';
import * as stats from '../services/stats.service.js';
import { parseWith } from './handler.js';
import { HttpError } from '../lib/http-error.js';
import type { ReadOnlyState } from './session.routes.js';

export function statsRoutes(ctx: ServiceContext, readOnlyState: () => ReadOnlyState): Router {
  const r = Router();
  // For monitoring: 200 while records can be shown and recorded; 503 with the reason (the one error
  // shape) while the store is gone or the audit trail cannot be written, so a check sees it at once.
  r.get(ROUTES.health, (_req, res) => {
    const state = readOnlyState();
    if (state.readOnly) {
      throw new HttpError(
        503,
        state.auditUnavailable ? 'audit_unavailable' : 'storage_fault',
        state.readOnlyReason ?? 'the store is read-only',
      );
    }
    res.json({ ok: true });
  });
  r.get(ROUTES.meta, (_req, res) => {
    res.json(stats.meta(ctx));
  });
  r.get(ROUTES.summary, async (req, res) => {
    const summary = await stats.summary(ctx, resolveFilters(ctx, req.query));
    res.locals.auditRows = summary.reports;
    res.json(summary);
  });
  r.get(ROUTES.timeseries, async (req, res) => {
    const { interval } = parseWith(timeseriesQuerySchema, { interval: req.query.interval });
    const series = await stats.timeseries(ctx, resolveFilters(ctx, req.query), interval);
    res.locals.auditRows = series.buckets.reduce((n, b) => n + b.reports, 0);
    res.json(series);
  });
  r.get(ROUTES.places, async (req, res) => {
    const places = await stats.places(ctx, resolveFilters(ctx, req.query));
    res.locals.auditRows = places.places.reduce((n, p) => n + p.reports, 0);
    res.json(places);
  });
  r.get(ROUTES.districts, async (req, res) => {
    const districts = await stats.districts(ctx, resolveFilters(ctx, req.query));
    res.locals.auditRows = districts.districts.reduce((n, d) => n + d.reports, 0);
    res.json(districts);
  });
  r.get(ROUTES.breakdowns, async (req, res) => {
    res.json(await stats.breakdowns(ctx, resolveFilters(ctx, req.query)));
  });
  r.get(ROUTES.boundaries, (_req, res) => {
    res.json(ctx.geo.forceBoundaries);
  });
  r.get(ROUTES.mapLabels, (_req, res) => {
    res.json(mapLabels(ctx));
  });
  return r;
}
