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
}

export interface AuditList {
  entries: AuditEntry[];
  total: number;
  truncated: boolean;
}
