import { Router } from 'express';
import { create as contentDisposition } from 'content-disposition';
import { incidentExportQuerySchema, incidentListQuerySchema, ROUTES } from '@scam/shared';
import { actorOf } from '../http/auth.js';
import type { ServiceContext } from '../services/context.js';
import { resolveFilters } from '../services/filters.service.js';
import { checkXlsxSize, incidentsCsv, incidentsFileName, writeIncidentsXlsx } from '../services/incidents-export.js';
import { getIncident, listIncidents } from '../services/incidents.service.js';
import { parseWith } from './handler.js';
import { streamChunks } from './stream.js';

export function incidentRoutes(ctx: ServiceContext): Router {
  const r = Router();
  r.get(ROUTES.incidents, async (req, res) => {
    const q = parseWith(incidentListQuerySchema, {
      sort: req.query.sort,
      order: req.query.order,
      limit: req.query.limit,
      offset: req.query.offset,
      q: req.query.q,
      identifier: req.query.identifier,
    });
    const list = await listIncidents(ctx, resolveFilters(ctx, req.query), q);
    res.locals.auditRows = list.incidents.length;
    // Seen in the list is seen: "who opened HC/26/44019?" finds the pages that showed it too.
    res.locals.auditReferences = list.incidents.map((i) => i.reference);
    res.json(list);
  });
  r.get(ROUTES.incidentsCsv, async (req, res) => {
    const filters = resolveFilters(ctx, req.query);
    const q = parseWith(incidentExportQuerySchema, { sort: req.query.sort, order: req.query.order });
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', contentDisposition(incidentsFileName(ctx, filters, 'csv')));
    await streamChunks(res, incidentsCsv(ctx, filters, q));
  });
  r.get(ROUTES.incidentsXlsx, async (req, res) => {
    const filters = resolveFilters(ctx, req.query);
    const q = parseWith(incidentExportQuerySchema, { sort: req.query.sort, order: req.query.order });
    checkXlsxSize(ctx, filters);
    res.set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.set('Content-Disposition', contentDisposition(incidentsFileName(ctx, filters, 'xlsx')));
    res.locals.streamed = true;
    if (req.method === 'HEAD') {
      // The headers alone: no workbook is built and nothing is disclosed.
      res.end();
      return;
    }
    // Counted as sent, page by page: a download cut off half-way is recorded with what it got.
    const references: string[] = [];
    res.locals.auditRows = 0;
    res.locals.auditReferences = references;
    await writeIncidentsXlsx(
      ctx,
      filters,
      q,
      { exportedBy: actorOf(res).name },
      res,
      (page) => {
        for (const r of page) references.push(r);
        res.locals.auditRows = references.length;
      },
      () => res.destroyed,
    );
  });
  r.get(ROUTES.incident, (req, res) => {
    const detail = getIncident(ctx, String(req.params.id));
    res.locals.auditRows = 1;
    res.locals.auditObject = { reference: detail.incident.reference };
    res.locals.auditReferences = [detail.incident.reference];
    res.json(detail);
  });
  return r;
}
