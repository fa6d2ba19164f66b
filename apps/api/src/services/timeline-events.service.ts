import {
  METHODS,
  TIMELINE_EVENT_TITLE_MAX,
  type AppealExportRequest,
  type Method,
  type TimelineEvent,
  type TimelineEventCreate,
  type TimelineEventList,
} from '@scam/shared';
import { quoted } from '@scam/ingest';
import type { TimelineEventRow } from '../db/repos/timeline-events.repo.js';
import { badRequest, HttpError, notFound } from '../lib/http-error.js';
import type { Actor, ServiceContext } from './context.js';
import { resolveFilters } from './filters.service.js';
import { findSeries } from './series.service.js';

/** A chart holds a few dozen markers before they merge into a smear; more than this is a list, not a chart. */
export const TIMELINE_EVENTS_MAX = 500;

function toEvent(ctx: ServiceContext, r: TimelineEventRow): TimelineEvent {
  return {
    id: r.id,
    day: r.day,
    kind: r.kind,
    title: r.title,
    method: r.method,
    districtCode: r.district_code,
    district: r.district_code ? (ctx.geo.findDistrict(r.district_code)?.name ?? r.district_code) : null,
    createdBy: r.created_by,
    createdAt: r.created_at,
    automatic: r.appeal_export !== null,
  };
}

/** The events of the filter period, and of the filters' method and district (unscoped events always). */
export function listEvents(ctx: ServiceContext, query: Record<string, unknown>): TimelineEventList {
  const f = resolveFilters(ctx, query);
  const rows = ctx.repos.timelineEvents.list(
    { from: f.from, to: f.to, methods: f.methods, districtCodes: f.districtCodes },
    TIMELINE_EVENTS_MAX + 1,
  );
  return { events: rows.slice(0, TIMELINE_EVENTS_MAX).map((r) => toEvent(ctx, r)), truncated: rows.length > TIMELINE_EVENTS_MAX };
}

export function createEvent(ctx: ServiceContext, input: TimelineEventCreate, actor: Actor): TimelineEvent {
  let districtCode: string | null = null;
  if (input.district) {
    const found = ctx.geo.findDistrict(input.district);
    if (!found) throw badRequest(`unknown district ${quoted(input.district)}`, [{ path: 'district', message: 'unknown district' }]);
    districtCode = found.code;
  }
  // The event and its audit entry in one transaction: neither without the other.
  const id = ctx.repos.transaction(() => {
    const created = ctx.repos.timelineEvents.create({
      day: input.day,
      kind: input.kind,
      title: input.title,
      method: input.method ?? null,
      districtCode,
      createdBy: actor.name,
      createdAt: ctx.now(),
      appealExport: null,
    });
    ctx.audit.inTransaction(actor, {
      action: 'alteration',
      object: { op: 'add_timeline_event', timelineEvent: created, day: input.day, kind: input.kind, title: input.title },
    });
    return created;
  });
  const row = ctx.repos.timelineEvents.get(id);
  if (!row) throw notFound(`no timeline event ${id}`);
  return toEvent(ctx, row);
}

/** Only the event's author or an admin may delete it; an appeal's event belongs to whoever exported it. */
export function deleteEvent(ctx: ServiceContext, id: number, actor: Actor): void {
  ctx.repos.transaction(() => {
    const row = ctx.repos.timelineEvents.get(id);
    if (!row) throw notFound(`no timeline event ${id}`);
    if (row.created_by.toLowerCase() !== actor.name.toLowerCase() && actor.role !== 'admin') {
      throw new HttpError(403, 'forbidden', `only ${row.created_by}, who added this event, or an admin may delete it`);
    }
    ctx.repos.timelineEvents.remove(id);
    ctx.audit.inTransaction(actor, {
      action: 'alteration',
      object: { op: 'delete_timeline_event', timelineEvent: id, day: row.day, kind: row.kind, title: row.title, createdBy: row.created_by },
    });
  });
}

function bounded(title: string): string {
  const t = title.trim().replace(/\s+/g, ' ');
  return t.length <= TIMELINE_EVENT_TITLE_MAX ? t : `${t.slice(0, TIMELINE_EVENT_TITLE_MAX - 1)}…`;
}

/** The one method an appeal is about: its series' method, or the only method of its filters. */
function appealMethod(ctx: ServiceContext, e: PublishedAppeal): Method | null {
  if (e.seriesId) {
    try {
      return findSeries(ctx, e.seriesId).method;
    } catch (err) {
      // A series no longer stored still had its appeal published: the event is then unscoped.
      if (err instanceof HttpError && err.status === 404) return null;
      throw err;
    }
  }
  const raw = e.filters?.method;
  return typeof raw === 'string' && (METHODS as readonly string[]).includes(raw) ? (raw as Method) : null;
}

/**
 * Called when an appeal is exported: marks "appeal published" on the export day. Exporting the same
 * appeal again that day (as text, then printed) marks it once.
 */
/** What the event needs of an export, whatever its format. */
type PublishedAppeal = Pick<AppealExportRequest, 'title' | 'seriesId' | 'filters'>;

export function recordAppealPublished(ctx: ServiceContext, e: PublishedAppeal, actor: Actor, appealExport: number): void {
  const event = { day: ctx.today(), kind: 'appeal_published' as const, title: bounded(e.title), method: appealMethod(ctx, e) };
  if (ctx.repos.timelineEvents.findSame(event) !== undefined) return;
  const district = typeof e.filters?.district === 'string' ? ctx.geo.findDistrict(e.filters.district) : undefined;
  ctx.repos.timelineEvents.create({
    ...event,
    districtCode: district?.code ?? null,
    createdBy: actor.name,
    createdAt: ctx.now(),
    appealExport,
  });
}
