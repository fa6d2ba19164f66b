import { createHash } from 'node:crypto';

/**
 * The hash chain over the two audit trails (0017). Each row's hash covers the hash of the row before
 * it and the row's own columns, id included, in a fixed order; so a row changed, removed or slipped in
 * after the fact — by someone who dropped the append-only triggers and edited the file — no longer
 * fits. The newest hash (the head) recorded somewhere else (the daily log line, a backup's report)
 * also catches a trail whose tail was cut off, which the chain alone cannot show.
 */

export type AuditTrailName = 'audit_log' | 'appeal_audit';
export const AUDIT_TRAILS: readonly AuditTrailName[] = ['audit_log', 'appeal_audit'];

/** Every column each trail records, in hashing order; prev_hash and hash themselves are not hashed. */
export const CHAINED_COLUMNS = {
  audit_log: ['id', 'at', 'user_name', 'role', 'action', 'object_json', 'rows', 'request_id', 'purpose'],
  appeal_audit: [
    'id',
    'action',
    'format',
    'actor',
    'series_id',
    'filters_json',
    'title',
    'warnings',
    'created_at',
    'draft_id',
    'acknowledged_json',
  ],
} as const satisfies Record<AuditTrailName, readonly string[]>;

/**
 * Columns added to a trail after its chain began (0019: the screen view and the references an entry
 * names, `references` being the entry's references sorted and joined by line feeds). They are hashed
 * after the columns above only when one of them is set, so every row written before they existed keeps
 * its hash, and setting or clearing one afterwards still breaks it.
 */
export const CHAINED_EXTENSIONS = {
  audit_log: ['view_id', 'screen', 'reference_count', 'references'],
  appeal_audit: [],
} as const satisfies Record<AuditTrailName, readonly string[]>;

export type ChainValue = string | number | bigint | null;

/** An entry's references as hashed: unique, sorted by code unit, one per line; null for none. */
export function joinedReferences(refs: readonly string[] | null | undefined): string | null {
  if (!refs || refs.length === 0) return null;
  return [...new Set(refs)].sort().join('\n');
}

/** A row as stored: its columns, and the links written with it (NULL on rows from before 0017). */
export interface ChainedRow {
  id: number;
  prev_hash: string | null;
  hash: string | null;
  [column: string]: ChainValue;
}

/** What the first chained row points back to. */
export const GENESIS = '0'.repeat(64);

/** sha256(prev || canonical JSON of the row's columns in CHAINED_COLUMNS order), hex. */
export function chainHash(trail: AuditTrailName, prevHash: string, row: Readonly<Record<string, ChainValue>>): string {
  // SQLite integers may come back as bigint on some connections; both spell the same number.
  const value = (c: string) => {
    const v = row[c];
    return typeof v === 'bigint' ? Number(v) : (v ?? null);
  };
  const values = CHAINED_COLUMNS[trail].map(value);
  const extensions = (CHAINED_EXTENSIONS[trail] as readonly string[]).map(value);
  if (extensions.some((v) => v !== null)) values.push(...extensions);
  return createHash('sha256').update(prevHash).update('\n').update(JSON.stringify(values)).digest('hex');
}

export type ChainProblem = 'changed' | 'deleted or inserted' | 'unchained';

export interface TrailReport {
  trail: AuditTrailName;
  /** Rows whose hash was checked. */
  checked: number;
  /** Rows from before the chain began (written before 0017). */
  unchained: number;
  /** The newest row's hash; null when the trail has no chained row. */
  head: string | null;
  /** The first row that does not fit, if any. */
  failure: { id: number; problem: ChainProblem; detail: string } | null;
}

/**
 * Walks one trail oldest first and stops at the first row that does not fit. `seen` collects every
 * hash that fits, so a head recorded earlier can be looked up afterwards.
 */
export function verifyTrail(trail: AuditTrailName, rows: Iterable<ChainedRow>, seen?: Set<string>): TrailReport {
  const report: TrailReport = { trail, checked: 0, unchained: 0, head: null, failure: null };
  let prev: string | null = null;
  for (const row of rows) {
    if (prev === null && row.hash === null) {
      report.unchained++;
      continue;
    }
    const expectedPrev = prev ?? GENESIS;
    if (row.hash === null || row.prev_hash !== expectedPrev) {
      report.failure = {
        id: row.id,
        problem: row.hash === null ? 'unchained' : 'deleted or inserted',
        detail:
          row.hash === null
            ? 'has no hash although the chain had begun before it (an entry inserted around the application)'
            : 'does not point at the entry before it: an entry before it was deleted or one was inserted',
      };
      return report;
    }
    if (chainHash(trail, expectedPrev, row) !== row.hash) {
      report.failure = { id: row.id, problem: 'changed', detail: 'its content no longer matches its hash: the entry was changed' };
      return report;
    }
    report.checked++;
    prev = row.hash;
    seen?.add(row.hash);
  }
  report.head = prev;
  return report;
}

export interface ChainVerification {
  trails: TrailReport[];
  /** Heads recorded earlier that are not in either chain (the trail was cut or rewritten since). */
  missingHeads: string[];
  ok: boolean;
}

export function verifyTrails(
  read: (trail: AuditTrailName) => Iterable<ChainedRow>,
  recordedHeads: readonly string[] = [],
): ChainVerification {
  const seen = new Set<string>();
  const trails = AUDIT_TRAILS.map((t) => verifyTrail(t, read(t), seen));
  const missingHeads = recordedHeads.filter((h) => !seen.has(h.toLowerCase()));
  return { trails, missingHeads, ok: trails.every((t) => t.failure === null) && missingHeads.length === 0 };
}

/** The report as the command prints it, one line per trail and one per problem. */
export function describeVerification(v: ChainVerification): string[] {
  const lines = v.trails.flatMap((t) => [
    `${t.trail}: ${t.checked} entries checked, ${t.unchained} older unchained entries, head ${t.head ?? '(none)'}`,
    ...(t.failure ? [`${t.trail}: FAILED at entry ${t.failure.id} (${t.failure.problem}): ${t.failure.detail}`] : []),
  ]);
  for (const h of v.missingHeads) lines.push(`recorded head not found: the trail was cut or rewritten (${h})`);
  lines.push(v.ok ? 'audit chain: ok' : 'audit chain: FAILED');
  return lines;
}

/** Heads in one short phrase for log lines (no personal data: hashes only). */
export function describeHeads(heads: Record<AuditTrailName, string | null>): string {
  return AUDIT_TRAILS.map((t) => `${t} ${heads[t] ?? '(none)'}`).join(', ');
}
