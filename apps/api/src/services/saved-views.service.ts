import type { z } from 'zod';
import { can, SAVED_VIEW_PAGES } from '@scam/shared';
import type { SavedView, SavedViewList, SavedViewPage, savedViewCreateSchema, savedViewUpdateSchema } from '@scam/shared';
import type { SavedViewRow } from '../db/repos/saved-views.repo.js';
import { conflict, forbidden, notFound } from '../lib/http-error.js';
import type { Actor, ServiceContext } from './context.js';

/** More views than anyone keeps; the list says `truncated` past it. */
const LIST_CAP = 500;

/** A role sees (and saves) views only of pages it may open; the 'system' actor (CLI) has no pages. */
function mayOpen(actor: Actor, page: SavedViewPage): boolean {
  return actor.role !== 'system' && can(actor.role, SAVED_VIEW_PAGES[page]);
}

const sameUser = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function toView(r: SavedViewRow, actor: Actor): SavedView {
  return {
    id: r.id,
    name: r.name,
    page: r.page,
    search: r.search,
    shared: r.shared === 1,
    owner: r.owner,
    mine: sameUser(r.owner, actor.name),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function listViews(ctx: ServiceContext, actor: Actor): SavedViewList {
  const rows = ctx.repos.savedViews.visibleTo(actor.name, LIST_CAP + 1);
  const views = rows
    .slice(0, LIST_CAP)
    .filter((r) => mayOpen(actor, r.page))
    .map((r) => toView(r, actor));
  return { views, truncated: rows.length > LIST_CAP };
}

/**
 * The view as this user may see it: someone else's private view is "not found" (its existence is not
 * theirs to know); a shared one is found but only its owner may change it.
 */
function visibleView(ctx: ServiceContext, id: number, actor: Actor): SavedViewRow {
  const row = ctx.repos.savedViews.get(id);
  if (!row || (!sameUser(row.owner, actor.name) && row.shared !== 1)) throw notFound(`no saved view ${id}`);
  return row;
}

function ownView(ctx: ServiceContext, id: number, actor: Actor): SavedViewRow {
  const row = visibleView(ctx, id, actor);
  if (!sameUser(row.owner, actor.name)) throw forbidden(`only ${row.owner}, who saved the view "${row.name}", may change or delete it`);
  return row;
}

function checkPage(actor: Actor, page: SavedViewPage): void {
  if (!mayOpen(actor, page)) throw forbidden(`your role (${actor.role}) cannot open ${page}, so cannot save a view of it`);
}

function checkNameFree(ctx: ServiceContext, actor: Actor, name: string, except?: number): void {
  const existing = ctx.repos.savedViews.findByName(actor.name, name);
  if (existing && existing.id !== except) throw conflict(`you already have a view called "${existing.name}"; choose another name`);
}

export function createView(ctx: ServiceContext, input: z.output<typeof savedViewCreateSchema>, actor: Actor): SavedView {
  checkPage(actor, input.page);
  checkNameFree(ctx, actor, input.name);
  // The change and its audit entry in one transaction: neither without the other.
  const id = ctx.repos.transaction(() => {
    const created = ctx.repos.savedViews.create({ owner: actor.name, ...input }, ctx.now());
    ctx.audit.inTransaction(actor, {
      action: 'alteration',
      object: { op: 'save_view', savedView: created, page: input.page, shared: input.shared },
    });
    return created;
  });
  return toView(visibleView(ctx, id, actor), actor);
}

export function updateView(ctx: ServiceContext, id: number, input: z.output<typeof savedViewUpdateSchema>, actor: Actor): SavedView {
  const current = ownView(ctx, id, actor);
  const next = {
    name: input.name ?? current.name,
    page: input.page ?? current.page,
    search: input.search ?? current.search,
    shared: input.shared ?? current.shared === 1,
  };
  if (input.page) checkPage(actor, input.page);
  if (input.name) checkNameFree(ctx, actor, input.name, id);
  ctx.repos.transaction(() => {
    ctx.repos.savedViews.update(id, next, ctx.now());
    const changed = Object.keys(input).filter((k) => input[k as keyof typeof input] !== undefined);
    ctx.audit.inTransaction(actor, { action: 'alteration', object: { op: 'edit_view', savedView: id, changed } });
  });
  return toView(visibleView(ctx, id, actor), actor);
}

export function deleteView(ctx: ServiceContext, id: number, actor: Actor): void {
  ownView(ctx, id, actor);
  ctx.repos.transaction(() => {
    if (!ctx.repos.savedViews.remove(id)) throw notFound(`no saved view ${id}`);
    ctx.audit.inTransaction(actor, { action: 'alteration', object: { op: 'delete_view', savedView: id } });
  });
}
