import type { AuditAction, AuditEntry, AuditList } from '@scam/shared';
import type { AuditEntryInput, AuditLogRow, AuditQuery } from '../db/repos/audit.repo.js';
import type { Repos } from '../db/repos/index.js';
import { storageFaultOf } from '../db/errors.js';
import { csvLine, UTF8_BOM } from './csv.js';
import type { Actor } from './context.js';

export interface AuditEvent {
  action: AuditAction;
  /** The ids or the filters used. */
  object: unknown;
  /** How many records were shown or written. */
  rows?: number | null;
  purpose?: string | null;
}

/** Whoever an entry is about: an Actor, or a sign-in attempt for a name that may not exist ('none'). */
export type AuditSubject = Actor | { name: string; role: 'none'; requestId: string | null };

const MAX_OBJECT_CHARS = 2000;

/** Caps what one entry stores: a query string can be long, the trail must not be a way to fill the disk. */
function boundedObject(object: unknown): unknown {
  const json = JSON.stringify(object ?? {});
  return json.length <= MAX_OBJECT_CHARS ? object : { truncated: json.slice(0, MAX_OBJECT_CHARS) };
}

/**
 * The audit trail. Changes (imports, rollbacks, erasure, account changes) record their entry inside
 * their own transaction with `inTransaction`, so the change and its record stand or fall together.
 * Reads (consultations, disclosures) are queued and written together moments later, so a page of
 * charts costs one commit rather than six, and a read never waits for an import holding the write
 * lock: a busy database means "try again shortly", never a stalled request.
 */
export class AuditTrail {
  private queue: AuditEntryInput[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repos: Repos,
    private readonly now: () => string,
    private readonly log: (msg: string, err: unknown) => void = () => {},
    /** False once the database file has gone: entries wait in memory rather than go into a dead file. */
    private readonly canWrite: () => boolean = () => true,
  ) {}

  entry(actor: AuditSubject, e: AuditEvent): AuditEntryInput {
    return {
      at: this.now(),
      userName: actor.name,
      role: actor.role,
      action: e.action,
      object: boundedObject(e.object),
      rows: e.rows ?? null,
      requestId: actor.requestId,
      purpose: e.purpose ?? null,
    };
  }

  /** Written soon, in order, whatever else holds the database. */
  record(actor: AuditSubject, e: AuditEvent): void {
    this.queue.push(this.entry(actor, e));
    this.schedule(0);
  }

  /** Written now, as part of the caller's transaction. */
  inTransaction(actor: Actor, e: AuditEvent): void {
    this.repos.audit.append([this.entry(actor, e)]);
  }

  /** Writes whatever is queued; returns false when the database was busy (the entries stay queued). */
  flush(): boolean {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.queue.length === 0) return true;
    if (!this.canWrite()) {
      this.log(`${this.queue.length} audit entries are held in memory: the database file is gone`, null);
      this.schedule(5000);
      return false;
    }
    const batch = this.queue;
    try {
      // One transaction for the batch; IMMEDIATE because each entry's hash needs the last one's, read
      // under the write lock so no other connection appends in between.
      this.repos.immediateTransaction(() => this.repos.audit.append(batch));
      this.queue = this.queue === batch ? [] : this.queue.slice(batch.length);
      return true;
    } catch (err) {
      const fault = storageFaultOf(err);
      if (fault === 'busy') {
        this.schedule(200);
        return false;
      }
      // Never silently: the entries stay queued and the log says why they could not be written.
      this.log('audit entries could not be written', err);
      this.schedule(1000);
      return false;
    }
  }

  get pending(): number {
    return this.queue.length;
  }

  private schedule(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), ms);
    this.timer.unref();
  }
}

export const AUDIT_PAGE_MAX = 500;

function toEntry(r: AuditLogRow): AuditEntry {
  return {
    at: r.at,
    user: r.user_name,
    role: r.role,
    action: r.action,
    object: r.object_json,
    rows: r.rows,
    requestId: r.request_id,
    ...(r.purpose ? { purpose: r.purpose } : {}),
  };
}

export function listAudit(repos: Repos, q: AuditQuery, limit: number, offset: number): AuditList {
  const { rows, total } = repos.audit.query(q, Math.min(limit, AUDIT_PAGE_MAX), offset);
  return { entries: rows.map(toEntry), total, truncated: offset + rows.length < total };
}

export function* auditCsv(repos: Repos, q: AuditQuery): Generator<{ text: string; rows: number }, number> {
  yield { text: UTF8_BOM + csvLine(['at', 'user', 'role', 'action', 'object', 'rows', 'requestId', 'purpose']), rows: 0 };
  let n = 0;
  let after = 0;
  for (;;) {
    const rows = repos.audit.pageAfter(q, after, 2000);
    if (rows.length === 0) return n;
    yield {
      text: rows.map((r) => csvLine([r.at, r.user_name, r.role, r.action, r.object_json, r.rows, r.request_id, r.purpose])).join(''),
      rows: rows.length,
    };
    n += rows.length;
    after = (rows[rows.length - 1] as AuditLogRow).id;
  }
}
