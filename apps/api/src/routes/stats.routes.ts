import { Router } from 'express';
import { ROUTES, timeseriesQuerySchema } from '@scam/shared';
import type { ServiceContext } from '../services/context.js';
import { resolveFilters } from '../services/filters.service.js';
import * as stats from '../services/stats.service.js';
import { parseWith } from './handler.js';

export function statsRoutes(ctx: ServiceContext): Router {
  const r = Router();
  r.get(ROUTES.health, (_req, res) => {
    res.json({ ok: true });
  });
  r.get(ROUTES.meta, (_req, res) => {
    res.json(stats.meta(ctx));
  });
  r.get(ROUTES.summary, (req, res) => {
    res.json(stats.summary(ctx, resolveFilters(ctx, req.query)));
  });
  r.get(ROUTES.timeseries, (req, res) => {
    const { interval } = parseWith(timeseriesQuerySchema, { interval: req.query.interval });
    res.json(stats.timeseries(ctx, resolveFilters(ctx, req.query), interval));
  });
  r.get(ROUTES.places, (req, res) => {
    res.json(stats.places(ctx, resolveFilters(ctx, req.query)));
  });
  r.get(ROUTES.districts, (req, res) => {
    res.json(stats.districts(ctx, resolveFilters(ctx, req.query)));
  });
  r.get(ROUTES.breakdowns, (req, res) => {
    res.json(stats.breakdowns(ctx, resolveFilters(ctx, req.query)));
  });
  r.get(ROUTES.boundaries, (_req, res) => {
    res.set('Cache-Control', 'public, max-age=3600');
    res.json(ctx.geo.forceBoundaries);
  });
  return r;
}
