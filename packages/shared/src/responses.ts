import { z } from 'zod';
import { sessionInfoSchema, userInfoSchema, userListSchema } from './account.js';
import type { HttpMethod } from './access.js';
import type { ResponseOf, RoutesWith } from './contract.js';
import { savedViewListSchema, savedViewSchema } from './saved-views.js';
import { timelineEventListSchema, timelineEventSchema } from './timeline-events.js';

type EndpointKey = { [M in HttpMethod]: `${M} ${RoutesWith<M>}` }[HttpMethod];
type MethodOf<K extends string> = K extends `${infer M extends HttpMethod} ${string}` ? M : never;
type RouteOfKey<K extends string> = K extends `${string} ${infer R}` ? R : never;
type ResponseAt<K extends EndpointKey> = ResponseOf<Extract<RouteOfKey<K>, RoutesWith<MethodOf<K>>>, MethodOf<K>>;

/**
 * The answers the server checks at run time as it sends them (`send` in apps/api): small, strict
 * shapes read from rows, where a field too many would be a leak (a password hash) and a wrong type
 * a broken screen. The rest of the contract is checked by the compiler only: a zod copy of the large
 * read models (incidents, series, aggregates) would be a second definition to keep in step, and
 * walking them on every answer costs more than the drift it would catch. A schema whose output is
 * not the contract's response type does not compile.
 */
export const RESPONSE_SCHEMAS = {
  'GET health': z.strictObject({ ok: z.literal(true) }),
  'GET session': sessionInfoSchema,
  'POST session': sessionInfoSchema,
  'GET users': userListSchema,
  'POST users': z.strictObject({ user: userInfoSchema }),
  'PATCH user': z.strictObject({ user: userInfoSchema }),
  'GET savedViews': savedViewListSchema,
  'POST savedViews': savedViewSchema,
  'PATCH savedView': savedViewSchema,
  'GET timelineEvents': timelineEventListSchema,
  'POST timelineEvents': timelineEventSchema,
  'POST appealExports': z.strictObject({ id: z.number().int() }),
} satisfies { [K in EndpointKey]?: z.ZodType<ResponseAt<K>> };

/** The runtime schema of an endpoint's answer, if it has one. */
export function responseSchema(method: HttpMethod, route: string): z.ZodType | undefined {
  const key = `${method} ${route}`;
  return Object.hasOwn(RESPONSE_SCHEMAS, key) ? RESPONSE_SCHEMAS[key as keyof typeof RESPONSE_SCHEMAS] : undefined;
}
