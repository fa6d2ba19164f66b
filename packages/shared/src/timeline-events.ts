import { z } from 'zod';
import { isDay } from './calendar.js';
import { plainText } from './text.js';
import { METHODS, TIMELINE_EVENT_KINDS } from './vocabularies.js';

/** Long enough for "Appeal: courier fraud in St Albans and Watford", short enough to label a chart marker. */
export const TIMELINE_EVENT_TITLE_MAX = 120;

/**
 * A dated event drawn on the time charts: an appeal published, an arrest, press coverage… (strict:
 * `send` refuses an answer with fields it does not name).
 */
export const timelineEventSchema = z.strictObject({
  id: z.number().int(),
  day: z.string(),
  kind: z.enum(TIMELINE_EVENT_KINDS),
  title: z.string(),
  /** The method it concerns; null for an event about every method. */
  method: z.enum(METHODS).nullable(),
  /** The district it concerns (code and name); null for the whole force area. */
  districtCode: z.string().nullable(),
  district: z.string().nullable(),
  /** Who added it; for an appeal published, who exported the appeal. */
  createdBy: z.string(),
  createdAt: z.string(),
  /** Added automatically when an appeal was exported. */
  automatic: z.boolean(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

/** `GET /api/timeline-events`: the events of the filter period, earliest first. */
export const timelineEventListSchema = z.strictObject({ events: z.array(timelineEventSchema), truncated: z.boolean() });
export type TimelineEventList = z.infer<typeof timelineEventListSchema>;

const day = z
  .string()
  .refine(isDay, 'must be a real date as YYYY-MM-DD')
  .refine((s) => s >= '1900-01-01' && s <= '2099-12-31', 'must be between 1900 and 2099');

/** `POST /api/timeline-events`. */
export const timelineEventCreateSchema = z
  .object({
    day,
    kind: z.enum(TIMELINE_EVENT_KINDS),
    title: plainText({ min: 1, max: TIMELINE_EVENT_TITLE_MAX, required: 'give the event a title' }),
    method: z.enum(METHODS).nullable().optional(),
    /** A district's name or code; the server checks it against the boundaries. */
    district: z.string().trim().min(1).max(100).nullable().optional(),
  })
  .strict();
export type TimelineEventCreate = z.output<typeof timelineEventCreateSchema>;
