import {
  describeAuditEntry,
  describeAuditView,
  VIEW_ID_PATTERN,
  isAuditScreen,
  type AuditAction,
  type AuditEntry,
  type AuditList,
  type AuditView,
  type AuditViewList,
} from '@scam/shared';
import type { AuditEntryInput, AuditLogRow, AuditQuery } from '../db/repos/audit.repo.js';
import type { Repos } from '../db/repos/index.js';
import { storageFaultOf, type StorageFault } from '../db/errors.js';
import { HttpError } from '../lib/http-error.js';
import { csvLine, UTF8_BOM } from './csv.js';
import type { Actor } from './context.js';

export interface AuditEvent {
  action: AuditAction;
  /** The ids or the filters used. */
  object: unknown;
  /** How many records were shown or written. */
  rows?: number | null;
  purpose?: string | null;
  /** The dashboard's screen view and screen the call was made for (checked here; anything else is dropped). */
  viewId?: string | null;
  screen?: string | null;
  /** Incident references the call showed or sent. */
  references?: readonly string[];
}

/** Why the trail cannot be written: a storage fault that is not a busy lock (its holder is alive). */
export interface AuditFault {
  kind: Exclude<StorageFault, 'busy'> | 'other';
  /** When the first write failed. */
  since: string;
  /** In words, for the health answer, the banner and the log. */
  reason: string;
}

const FAULT_REASONS: Record<AuditFault['kind'], string> = {
  read_only: 'the database has become read-only',
  disk_full: 'the disk is full',
  gone: 'the database file cannot be written (deleted, replaced or failing)',
  other: 'the database refused the write',
};

/** The refusal of a read whose consultation cannot be recorded: 503, Retry-After (see the error middleware). */
export function auditUnavailable(fault: AuditFault): HttpError {
  return new HttpError(
    503,
    'audit_unavailable',
    `not shown: this view cannot be recorded in the audit trail (${fault.reason}), and records are not shown unrecorded. The administrator has been told in the server log; try again once it is fixed`,
  );
}

/** Whoever an entry is about: an Actor, or a sign-in attempt for a name that may not exist ('none'). */
export type AuditSubject = Actor | { name: string; role: 'none'; requestId: string | null };

const MAX_OBJECT_CHARS = 2000;
/**
 * Most references one entry keeps (a page, an incident, a series pack, an export of a district's
 * year). A wider export (a whole force) is recorded by its filters and row count, with
 * `referencesNotKept`: writing a million reference rows would hold every request for seconds.
 */
export const MAX_AUDIT_REFERENCES = 50_000;

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

  private fault: AuditFault | null = null;

  constructor(
    private readonly repos: Repos,
    private readonly now: () => string,
    private readonly log: (msg: string, err: unknown) => void = () => {},
    /** False once the database file has gone: entries wait in memory rather than go into a dead file. */
    private readonly canWrite: () => boolean = () => true,
  ) {}

  entry(actor: AuditSubject, e: AuditEvent): AuditEntryInput {
    const references = (e.references ?? []).filter((r) => r.length >= 1 && r.length <= 100);
    const keep = references.length <= MAX_AUDIT_REFERENCES;
    const object = boundedObject(e.object);
    return {
      at: this.now(),
      userName: actor.name,
      role: actor.role,
      action: e.action,
      object: keep ? object : { ...(typeof object === 'object' && object !== null ? object : {}), referencesNotKept: references.length },
      rows: e.rows ?? null,
      requestId: actor.requestId,
      purpose: e.purpose ?? null,
      // What the client says about its screen is checked to the table's CHECKs here, so a stray header
      // can never make an entry unwritable (and so the trail faulted).
      viewId: e.viewId && VIEW_ID_PATTERN.test(e.viewId) ? e.viewId : null,
      screen: e.screen && isAuditScreen(e.screen) ? e.screen : null,
      references: keep ? references : [],
    };
  }

  /** Written soon, in order, whatever else holds the database. */
  record(actor: AuditSubject, e: AuditEvent): void {
    this.queue.push(this.entry(actor, e));
    this.schedule(0);
  }

  /**
   * A read's entry, written before its response goes out (the caller sends only if this returns). A
   * busy lock leaves it queued for moments later; a fault throws 503 `audit_unavailable`, and the
   * entry stays queued as what it became, a refusal, so the trail keeps trying and shows who was
   * refused.
   */
  recordBeforeSending(actor: AuditSubject, e: AuditEvent): void {
    const entry = this.entry(actor, e);
    this.queue.push(entry);
    if (this.repos.withoutWaiting(() => this.attempt()) !== 'fault' || !this.fault) return;
    const i = this.queue.lastIndexOf(entry);
    const object = typeof entry.object === 'object' && entry.object !== null ? entry.object : {};
    if (i >= 0)
      this.queue[i] = { ...entry, action: 'refused', rows: null, references: [], object: { ...object, refused: 'audit_unavailable' } };
    throw auditUnavailable(this.fault);
  }

  /** Written now, as part of the caller's transaction. */
  inTransaction(actor: Actor, e: AuditEvent): void {
    this.repos.audit.append([this.entry(actor, e)]);
  }

  /** Writes whatever is queued; returns false when it could not (busy, or a fault: the entries stay queued). */
  flush(): boolean {
    return this.attempt() === 'written';
  }

  /**
   * Before personal data is served: what is queued is written now, without waiting for the write lock.
   * Busy is fine (the lock's holder is alive and the entries follow moments later); a fault (read-only,
   * disk full, file gone or failing) throws 503 `audit_unavailable`, and so does every read after it
   * until a write succeeds again. With nothing queued there is nothing to try, and the last write
   * succeeded.
   */
  assertRecordable(): void {
    if (this.queue.length === 0 && this.fault === null && this.canWrite()) return;
    const outcome = this.repos.withoutWaiting(() => this.attempt());
    if (outcome === 'fault' && this.fault) throw auditUnavailable(this.fault);
  }

  /** Why the trail cannot be written now, or null; a queued entry is tried first so the answer is current. */
  problem(): AuditFault | null {
    if (this.queue.length > 0 || !this.canWrite()) this.repos.withoutWaiting(() => this.attempt());
    return this.fault;
  }

  /**
   * Entries still held (at shutdown, or on the way down after an uncaught error), as JSON lines for the
   * log: the log is kept apart from the database, so they are not lost with the process.
   */
  heldEntries(): string[] {
    return this.queue.map((e) => JSON.stringify(e));
  }

  private attempt(): 'written' | 'busy' | 'fault' {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.canWrite()) {
      this.setFault('gone', null);
      if (this.queue.length > 0) this.schedule(5000);
      return 'fault';
    }
    if (this.queue.length === 0) return this.fault ? 'fault' : 'written';
    const batch = this.queue;
    try {
      // One transaction for the batch; IMMEDIATE because each entry's hash needs the last one's, read
      // under the write lock so no other connection appends in between.
      this.repos.immediateTransaction(() => this.repos.audit.append(batch));
      this.queue = this.queue === batch ? [] : this.queue.slice(batch.length);
      if (this.fault) {
        this.log(`audit trail writable again: ${batch.length} held entries written; records are shown again`, null);
        this.fault = null;
      }
      return 'written';
    } catch (err) {
      const fault = storageFaultOf(err);
      if (fault === 'busy') {
        this.schedule(200);
        return 'busy';
      }
      this.setFault(fault ?? 'other', err);
      this.schedule(1000);
      return 'fault';
    }
  }

  /** Never silently: the first failure is logged with its cause; the entries stay queued. */
  private setFault(kind: AuditFault['kind'], err: unknown): void {
    if (this.fault) return;
    this.fault = { kind, since: this.now(), reason: FAULT_REASONS[kind] };
    this.log(
      `audit trail cannot be written (${this.fault.reason}): ${this.queue.length} entries held in memory; records are refused (503 audit_unavailable) until a write succeeds`,
      err,
    );
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

/** How many references an entry or a line of the trail lists (the count says how many in all). */
const REFERENCES_SHOWN = 20;
/** How many calls one line of the grouped trail lists. */
const CALLS_SHOWN = 50;

function toEntry(r: AuditLogRow, references: readonly string[]): AuditEntry {
  const referenceCount = r.reference_count ?? 0;
  const words = { action: r.action, object: r.object_json, rows: r.rows, references, referenceCount };
  return {
    at: r.at,
    user: r.user_name,
    role: r.role,
    action: r.action,
    object: r.object_json,
    rows: r.rows,
    requestId: r.request_id,
    ...(r.purpose ? { purpose: r.purpose } : {}),
    description: describeAuditEntry(words),
    viewId: r.view_id,
    screen: r.screen,
    references: [...references],
    referenceCount,
  };
}

function toEntries(repos: Repos, rows: readonly AuditLogRow[]): AuditEntry[] {
  const refs = repos.audit.referencesOf(
    rows.filter((r) => r.reference_count).map((r) => r.id),
    REFERENCES_SHOWN,
  );
  return rows.map((r) => toEntry(r, refs.get(r.id) ?? []));
}

export function listAudit(repos: Repos, q: AuditQuery, limit: number, offset: number): AuditList {
  const { rows, total } = repos.audit.query(q, Math.min(limit, AUDIT_PAGE_MAX), offset);
  return { entries: toEntries(repos, rows), total, truncated: offset + rows.length < total };
}

/** Which action a line of the trail is listed under: the weightiest of its calls. */
const ACTION_WEIGHT: readonly AuditAction[] = ['disclosure', 'combination', 'consultation'];
function weightiest(actions: readonly AuditAction[]): AuditAction {
  return ACTION_WEIGHT.find((a) => actions.includes(a)) ?? (actions[0] as AuditAction);
}

/**
 * The trail as people read it: one line per screen view (every call made for one screen with its
 * filters) or per entry on its own, newest first, each in words with its calls underneath.
 */
export function listAuditViews(repos: Repos, q: AuditQuery, limit: number, offset: number): AuditViewList {
  const { keys, more } = repos.audit.linePage(q, Math.min(limit, AUDIT_PAGE_MAX), offset);
  const views = keys.map((key): AuditView => {
    const entries = toEntries(repos, repos.audit.groupEntries(key, CALLS_SHOWN));
    const first = entries[0] as AuditEntry;
    const last = entries.at(-1) as AuditEntry;
    const references = [...new Set(entries.flatMap((e) => e.references))];
    // Exact while every call's list is whole; otherwise at least the longest call's count.
    const whole = entries.every((e) => e.referenceCount === e.references.length);
    const referenceCount = whole ? references.length : Math.max(references.length, ...entries.map((e) => e.referenceCount));
    const screen = entries.find((e) => e.screen)?.screen ?? null;
    const viewId = key.startsWith('v:') ? first.viewId : null;
    return {
      viewId,
      at: first.at,
      lastAt: last.at,
      user: first.user,
      role: first.role,
      action: weightiest(entries.map((e) => e.action)),
      screen,
      description: viewId
        ? describeAuditView(
            screen,
            entries.map((e) => ({
              action: e.action,
              object: e.object,
              rows: e.rows,
              references: e.references,
              referenceCount: e.referenceCount,
            })),
          )
        : first.description,
      references: references.slice(0, REFERENCES_SHOWN),
      referenceCount,
      entries,
      calls: entries.length < CALLS_SHOWN ? entries.length : repos.audit.lineCalls(key),
    };
  });
  return { views, total: repos.audit.count(q), truncated: more };
}

export function* auditCsv(repos: Repos, q: AuditQuery): Generator<{ text: string; rows: number }, number> {
  // Columns added later go at the end, so a reader that takes the first eight by position still works.
  yield {
    text:
      UTF8_BOM +
      csvLine([
        'at',
        'user',
        'role',
        'action',
        'object',
        'rows',
        'requestId',
        'purpose',
        'description',
        'viewId',
        'screen',
        'referenceCount',
      ]),
    rows: 0,
  };
  let n = 0;
  let after = 0;
  for (;;) {
    const rows = repos.audit.pageAfter(q, after, 2000);
    if (rows.length === 0) return n;
    yield {
      text: rows
        .map((r) =>
          csvLine([
            r.at,
            r.user_name,
            r.role,
            r.action,
            r.object_json,
            r.rows,
            r.request_id,
            r.purpose,
            describeAuditEntry({ action: r.action, object: r.object_json, rows: r.rows }),
            r.view_id,
            r.screen,
            r.reference_count,
          ]),
        )
        .join(''),
      rows: rows.length,
    };
    n += rows.length;
    after = (rows[rows.length - 1] as AuditLogRow).id;
  }
}
