import { z } from 'zod';
import type { Permission } from './access.js';
import { plainText } from './text.js';

/**
 * A saved view is a page of the dashboard and its query string, kept under a name for the user who
 * saved it (and, if they choose, for the whole unit). Rolling periods stay rolling: the query string
 * holds `period=last-12-weeks`, never the dates it meant on the day it was saved.
 */

/** Pages a view can be saved for, each with the permission needed to open it (the dashboard's routes). */
export const SAVED_VIEW_PAGES = {
  '/': 'aggregates',
  '/incidents': 'incidents',
  '/series': 'incidents',
  '/links': 'incidents',
  '/appeals': 'appeals',
} as const satisfies Record<string, Permission>;
export type SavedViewPage = keyof typeof SAVED_VIEW_PAGES;
export const SAVED_VIEW_PAGE_LIST = Object.keys(SAVED_VIEW_PAGES) as [SavedViewPage, ...SavedViewPage[]];

export const MAX_SAVED_VIEW_NAME = 80;
export const MAX_SAVED_VIEW_SEARCH = 2000;

const name = plainText({ min: 1, max: MAX_SAVED_VIEW_NAME, required: 'give the view a name' });

const search = z
  .string()
  .max(MAX_SAVED_VIEW_SEARCH, `a view's query string is at most ${MAX_SAVED_VIEW_SEARCH} characters`)
  // A query string and nothing else: no path, fragment, spaces or control characters to smuggle in.
  .regex(/^(\?[^#\s\p{Cc}]*)?$/u, 'must be a query string starting with "?" (or empty)');

const page = z.enum(SAVED_VIEW_PAGE_LIST, { message: `must be one of ${SAVED_VIEW_PAGE_LIST.join(', ')}` });

/** A saved view as the API answers with it (strict: `send` refuses an answer with fields it does not name). */
export const savedViewSchema = z.strictObject({
  id: z.number().int(),
  name: z.string(),
  page: z.enum(SAVED_VIEW_PAGE_LIST),
  /** The query string, with its leading `?`, or '' for the page with no parameters. */
  search: z.string(),
  shared: z.boolean(),
  owner: z.string(),
  /** Saved by the signed-in user: only they may rename, share or delete it. */
  mine: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

/** `GET /api/saved-views`: the user's own views and the ones others shared with the unit. */
export const savedViewListSchema = z.strictObject({ views: z.array(savedViewSchema), truncated: z.boolean() });
export type SavedViewList = z.infer<typeof savedViewListSchema>;

export const savedViewCreateSchema = z.strictObject({
  name,
  page,
  search: search.default(''),
  shared: z.boolean().default(false),
});

export const savedViewUpdateSchema = z
  .strictObject({
    name: name.optional(),
    page: page.optional(),
    search: search.optional(),
    shared: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'nothing to change: give name, page, search or shared' })
  .refine((v) => (v.page === undefined) === (v.search === undefined), {
    message: 'page and search change together',
    path: ['search'],
  });
