import type { Response } from 'express';
import { ROUTES, type UserInfo } from '@scam/shared';
import { send } from './handler.js';

/**
 * Answers that must not compile: each line is wrong in one way only, and `@ts-expect-error` fails the
 * type check if `send` ever accepts it. `npm run lint` compiles this file (tsconfig.contract.json).
 * Never called.
 */
export function refusedAnswers(res: Response, user: UserInfo): void {
  // @ts-expect-error a session names the user's role
  send(res, 'GET', ROUTES.session, { user: { name: 'admin' }, readOnly: false });
  // @ts-expect-error why the store is read-only is said in words
  send(res, 'GET', ROUTES.session, { user: { name: 'admin', role: 'admin' }, readOnly: true, readOnlyReason: true });
  // @ts-expect-error creating a user answers { user }, not the list
  send(res, 'POST', ROUTES.users, { users: [user] });
  // @ts-expect-error the summary answers GET only
  send(res, 'POST', ROUTES.summary, { reports: 0 });
  // @ts-expect-error the health check answers ok: true
  send(res, 'GET', ROUTES.health, { ok: false });
}

/** The same answers made right compile. */
export function acceptedAnswers(res: Response, user: UserInfo): void {
  send(res, 'GET', ROUTES.session, { user: { name: 'admin', role: 'admin' }, readOnly: false });
  send(res, 'GET', ROUTES.session, {
    user: { name: 'admin', role: 'admin' },
    readOnly: true,
    readOnlyReason: 'the audit trail cannot be written',
    auditUnavailable: true,
  });
  send(res, 'POST', ROUTES.users, { user });
  send(res, 'GET', ROUTES.users, { users: [user] });
  send(res, 'GET', ROUTES.health, { ok: true });
}
