import { parentPort } from 'node:worker_threads';
import { FactStore } from '../db/read-model/fact-store.js';
import type { QueryReply, QueryRequest } from './query-pool.js';
import { answerQuery } from './query-table.js';

/**
 * A query worker: answers the read model's aggregates and pages over the columns the request thread
 * shares with it (SharedArrayBuffers, read in place, never copied). It holds no database connection
 * and no per-incident strings, so it costs a few megabytes of its own.
 */
let store: FactStore | null = null;

parentPort?.on('message', (m: QueryRequest) => {
  if (m.kind === 'view') {
    store = FactStore.fromView(m.view);
    return;
  }
  let reply: QueryReply;
  try {
    if (!store) throw new Error('no view published yet');
    reply = { id: m.id, ok: true, value: answerQuery(store, m.kind, m.args) };
  } catch (err) {
    reply = { id: m.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});
