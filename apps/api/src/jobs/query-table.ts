import type { Aggregate, AggregateSpec, FactQuery, PageQuery } from '../db/read-model/query.js';
import type { ResolvedFilters } from '../domain/filters.js';

/**
 * What the query workers answer, one entry per kind: its arguments, its answer and how a worker's
 * FactQuery (query-only, over the latest view) gives it. The pool (query-pool.ts) types `ask(kind, args)` by it; the worker
 * (query-worker.ts) answers by it, and loads nothing but this and the read model.
 */
export const QUERIES = {
  aggregate: (store: FactQuery, q: { filters: ResolvedFilters; spec: AggregateSpec }): Aggregate => store.aggregate(q.filters, q.spec),
  page: (store: FactQuery, q: { filters: ResolvedFilters; query: PageQuery }): { ids: number[]; total: number } =>
    store.page(q.filters, q.query),
};

export type QueryKind = keyof typeof QUERIES;
export type QueryArgs<K extends QueryKind> = Parameters<(typeof QUERIES)[K]>[1];
export type QueryAnswer<K extends QueryKind> = ReturnType<(typeof QUERIES)[K]>;

/** Answers one query (TypeScript cannot follow `QUERIES[kind]` through a type parameter, hence the cast). */
export function answerQuery<K extends QueryKind>(store: FactQuery, kind: K, args: QueryArgs<K>): QueryAnswer<K> {
  return (QUERIES[kind] as (s: FactQuery, a: QueryArgs<K>) => QueryAnswer<K>)(store, args);
}
