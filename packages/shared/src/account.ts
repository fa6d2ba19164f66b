import { z } from 'zod';
import { AUDIT_ACTIONS, ROLES, type AuditAction, type Role } from './access.js';

/** Wire types and request schemas of sign-in, users and the audit trail. */

export interface SessionUser {
  name: string;
  role: Role;
}

export interface SessionInfo {
  user: SessionUser;
  /** The store is read-only (a file system or permission fault): imports and edits are refused. */
  readOnly: boolean;
  /**
   * Why, when readOnly: the database file was deleted or replaced, or the audit trail cannot be
   * written (then records are not shown either, since each view must be recorded).
   */
  readOnlyReason?: string;
  /** True when the audit trail cannot be written: personal data is refused (503 audit_unavailable). */
  auditUnavailable?: boolean;
}

export const signInSchema = z.object({
  username: z.string().trim().min(1, 'enter your user name').max(64),
  password: z.string().min(1, 'enter your password').max(256),
});

export const USER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;

export const userCreateSchema = z.object({
  name: z.string().regex(USER_NAME_PATTERN, 'a user name is 2–64 letters, digits, dots, hyphens or underscores'),
  role: z.enum(ROLES),
  password: z.string().max(256),
});

export const userUpdateSchema = z
  .object({
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional(),
    password: z.string().max(256).optional(),
  })
  .strict()
  .refine(
    (u) => u.role !== undefined || u.disabled !== undefined || u.password !== undefined,
    'nothing to change: give role, disabled or password',
  );

export interface UserInfo {
  name: string;
  role: Role;
  disabled: boolean;
  locked: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

export interface UserList {
  users: UserInfo[];
}

export const auditQuerySchema = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  user: z.string().max(64).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  /** Entries that showed, exported or handed over this incident reference (any case). */
  reference: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export interface AuditEntry {
  at: string;
  user: string;
  role: string;
  action: AuditAction;
  /** The ids or filters the event concerned, as JSON text. */
  object: string;
  rows: number | null;
  requestId: string | null;
  purpose?: string;
  /** The entry in words ("Viewed the time chart by month: courier fraud, Watford, Oct 2026"). */
  description: string;
  /** The dashboard's screen view the call was made for (null: a script, a download link, or older). */
  viewId: string | null;
  /** That screen's path ('/', '/incidents'…), as the dashboard named it. */
  screen: string | null;
  /** Incident references the call showed or sent (the first 20) and how many in all. */
  references: string[];
  referenceCount: number;
}

/**
 * One line of the readable trail: a screen someone opened (every API call made for that screen view,
 * with the same filters), or one entry on its own (an export, a change, a sign-in).
 */
export interface AuditView {
  /** The screen view's id, or null for an entry on its own. */
  viewId: string | null;
  /** First and last call of the view. */
  at: string;
  lastAt: string;
  user: string;
  role: string;
  /** The weightiest action among the calls (a disclosure over a consultation). */
  action: AuditAction;
  screen: string | null;
  /** What was seen, in words. */
  description: string;
  /** Incident references shown or sent (the first 20) and how many in all. */
  references: string[];
  referenceCount: number;
  /** The underlying calls, oldest first (the first 50). */
  entries: AuditEntry[];
  /** How many calls the view made in all. */
  calls: number;
}

export interface AuditViewList {
  views: AuditView[];
  /** How many calls (entries) match the filters; the lines group them. */
  total: number;
  /** More lines follow this page. */
  truncated: boolean;
}

export interface AuditList {
  entries: AuditEntry[];
  total: number;
  truncated: boolean;
}
