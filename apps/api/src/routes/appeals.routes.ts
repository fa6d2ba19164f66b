import { Router } from 'express';
import { create as contentDisposition } from 'content-disposition';
import {
  appealDocumentRequestSchema,
  appealDocxExportSchema,
  appealDraftListQuerySchema,
  appealDraftSaveSchema,
  appealEditedExportSchema,
  appealRequestSchema,
  ROUTES,
} from '@scam/shared';
import { actorOf } from '../http/auth.js';
import { auditTrail, checkDraft, draft, exportDocx, getDraft, listDrafts, recordExport, saveDraft } from '../services/appeals.service.js';
import type { ServiceContext } from '../services/context.js';
import { idParam, parseWith, send } from './handler.js';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function appealRoutes(ctx: ServiceContext): Router {
  const r = Router();
  r.post(ROUTES.appealDraft, (req, res) => {
    const request = parseWith(appealRequestSchema, req.body);
    const result = draft(ctx, request, actorOf(res));
    res.locals.auditObject = { ...request, title: result.title };
    res.locals.auditRows = result.figures.reports;
    send(res, 'POST', ROUTES.appealDraft, result);
  });
  r.post(ROUTES.appealExports, (req, res) => {
    const e = parseWith(appealEditedExportSchema, req.body);
    const recorded = recordExport(ctx, e, actorOf(res));
    res.locals.auditObject = {
      title: e.document?.title ?? e.title,
      format: e.format,
      seriesId: e.seriesId ?? null,
      filters: e.filters ?? null,
      appealExport: recorded.id,
      ...(e.draftId !== undefined ? { draftVersion: e.draftId } : {}),
      ...(e.document ? { acknowledged: recorded.acknowledged } : {}),
    };
    if (e.purpose) res.locals.auditPurpose = e.purpose;
    send(res.status(201), 'POST', ROUTES.appealExports, { id: recorded.id });
  });
  r.post(ROUTES.appealExportDocx, async (req, res) => {
    const e = parseWith(appealDocxExportSchema, req.body);
    const made = await exportDocx(ctx, e, actorOf(res), `POST ${ROUTES.appealExportDocx}`);
    res.locals.audited = true;
    res.set('Content-Type', DOCX_TYPE);
    res.set('Content-Disposition', contentDisposition(made.fileName));
    res.set('X-Appeal-Export', String(made.id));
    res.send(made.file);
  });
  r.get(ROUTES.appealExports, (_req, res) => {
    send(res, 'GET', ROUTES.appealExports, auditTrail(ctx));
  });
  r.post(ROUTES.appealCheck, (req, res) => {
    send(res, 'POST', ROUTES.appealCheck, checkDraft(ctx, parseWith(appealDocumentRequestSchema, req.body)));
  });
  r.get(ROUTES.appealDrafts, (req, res) => {
    const q = parseWith(appealDraftListQuerySchema, req.query);
    send(res, 'GET', ROUTES.appealDrafts, listDrafts(ctx, actorOf(res), q.source ?? null));
  });
  r.post(ROUTES.appealDrafts, (req, res) => {
    const saved = saveDraft(ctx, parseWith(appealDraftSaveSchema, req.body), actorOf(res));
    res.locals.auditObject = { appealDraftVersion: saved.id, version: saved.version, title: saved.title };
    send(res.status(201), 'POST', ROUTES.appealDrafts, saved);
  });
  r.get(ROUTES.appealDraftVersion, (req, res) => {
    send(res, 'GET', ROUTES.appealDraftVersion, getDraft(ctx, idParam(req), actorOf(res)));
  });
  return r;
}
