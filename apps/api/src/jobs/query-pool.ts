import { Worker } from 'node:worker_threads';
import type { Aggregate, AggregateSpec, PageQuery } from '../db/read-model/query.js';
import type { QueryWorkers } from '../db/read-model/read-model.js';
import type { FactView } from '../db/read-model/snapshot.js';
import type { ResolvedFilters } from '../domain/filters.js';
import { workerScript } from './jobs.js';
import type { QueryAnswer, QueryArgs, QueryKind } from './query-table.js';

/** A view to answer over from now on, or a query (QUERIES) over the latest view. */
export type QueryRequest = { kind: 'view'; view: FactView } | { kind: QueryKind; id: number; args: QueryArgs<QueryKind> };

/** A query's answer (QueryAnswer of its kind, typed by the pool that asked), or why it failed. */
export type QueryReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
}

/**
 * Threads answering the read model's aggregates, so the request thread only routes, checks and
 * serialises: two clients looping the heaviest aggregate no longer hold everyone else's requests,
 * and the dashboard's five first-load aggregates run side by side on two cores.
 *
 * Every view is posted to every worker before any query that follows it (messages on a port arrive in
 * order), so a query is answered over the data as it was when it was asked. A worker that dies fails
 * only its own pending queries; a fresh one takes its place with the latest view.
 */
export class QueryPool implements QueryWorkers {
  private readonly slots: Slot[] = [];
  private view: FactView | null = null;
  private nextId = 1;
  private closed = false;

  /** Threads start on the first query: a small store never asks, and then costs nothing. */
  constructor(private readonly size: number) {}

  publish(view: FactView): void {
    this.view = view;
    for (const s of this.slots) s.worker.postMessage({ kind: 'view', view } satisfies QueryRequest);
  }

  aggregate(filters: ResolvedFilters, spec: AggregateSpec): Promise<Aggregate> {
    return this.ask('aggregate', { filters, spec });
  }

  page(filters: ResolvedFilters, query: PageQuery): Promise<{ ids: number[]; total: number }> {
    return this.ask('page', { filters, query });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private ask<K extends QueryKind>(kind: K, args: QueryArgs<K>): Promise<QueryAnswer<K>> {
    if (this.closed) return Promise.reject(new Error('the server is stopping'));
    while (this.slots.length < this.size) {
      const slot = this.spawn();
      if (this.view) slot.worker.postMessage({ kind: 'view', view: this.view } satisfies QueryRequest);
      this.slots.push(slot);
    }
    // The least busy thread: queries are short, so the queue length is a fair measure of the wait.
    const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise<QueryAnswer<K>>((resolve, reject) => {
      // The reply crossed a thread as a structured clone: it is what QUERIES[kind] answered.
      slot.pending.set(id, { resolve: (v) => resolve(v as QueryAnswer<K>), reject });
      slot.worker.ref();
      slot.worker.postMessage({ kind, id, args } satisfies QueryRequest);
    });
  }

  private spawn(): Slot {
    const { url, execArgv } = workerScript('query-worker');
    const slot: Slot = { worker: new Worker(url, { execArgv }), pending: new Map() };
    slot.worker.unref();
    slot.worker.on('message', (reply: QueryReply) => {
      const p = slot.pending.get(reply.id);
      if (!p) return;
      slot.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.value);
      else p.reject(new Error(`query worker: ${reply.message}`));
      // An idle pool does not keep the process alive.
      if (slot.pending.size === 0) slot.worker.unref();
    });
    let dead = false;
    const fail = (err: Error) => {
      // 'error' is followed by 'exit': one replacement per thread.
      if (dead) return;
      dead = true;
      for (const p of slot.pending.values()) p.reject(err);
      slot.pending.clear();
      if (this.closed) return;
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      const fresh = this.spawn();
      this.slots[i] = fresh;
      if (this.view) fresh.worker.postMessage({ kind: 'view', view: this.view } satisfies QueryRequest);
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => fail(new Error(`query worker stopped (exit ${code})`)));
    return slot;
  }
}
