import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type SavedView, type SessionInfo } from '@scam/shared';
import { errorHandler } from '../lib/error-middleware.js';
import { send } from './handler.js';

const view: SavedView = {
  id: 1,
  name: 'Courier, last 12 weeks',
  page: '/',
  search: '?method=courier',
  shared: false,
  owner: 'analyst',
  mine: true,
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
};

let server: Server;
let url: string;
const logged: string[] = [];

// Handlers that break the contract at run time in ways the compiler cannot see (a row spread into the
// answer, a number the type says is text, a handler answering for another route).
beforeAll(async () => {
  const r = Router();
  r.get(ROUTES.session, (_req, res) => {
    const row = { user: { name: 'analyst', role: 'analyst' }, readOnly: false, password_hash: '$argon2id$secret' };
    send(res, 'GET', ROUTES.session, row as SessionInfo);
  });
  r.get(ROUTES.savedViews, (req, res) => {
    const views = req.query.broken === '1' ? [{ ...view, id: '1' } as unknown as SavedView] : [view];
    send(res, 'GET', ROUTES.savedViews, { views, truncated: false });
  });
  r.post(ROUTES.savedViews, (_req, res) => {
    send(res, 'GET', ROUTES.savedViews, { views: [view], truncated: false });
  });
  r.get(ROUTES.meta, (_req, res) => {
    send(res, 'GET', ROUTES.health, { ok: true });
  });
  const app = express();
  app.use(r);
  app.use(errorHandler((msg, err) => logged.push(`${msg}: ${err instanceof Error ? err.message : String(err)}`)));
  server = await new Promise<Server>((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((ok) => server.close(() => ok()));
});

describe('send checks an answer against the contract before it leaves', () => {
  it('sends an answer that matches its schema as is', async () => {
    const res = await fetch(`${url}${ROUTES.savedViews}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ views: [view], truncated: false });
  });

  it('refuses a field the contract does not name (a password hash), and the field is not sent', async () => {
    const res = await fetch(`${url}${ROUTES.session}`);
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(text).not.toContain('argon2');
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'internal' } });
    expect(logged.at(-1)).toMatch(/GET \/api\/session answered outside the contract: .*password_hash/);
  });

  it('refuses a value of the wrong type', async () => {
    const res = await fetch(`${url}${ROUTES.savedViews}?broken=1`);
    expect(res.status).toBe(500);
    expect(logged.at(-1)).toMatch(/views\.0\.id: /);
  });

  it('refuses a handler answering for another method or route', async () => {
    expect((await fetch(`${url}${ROUTES.savedViews}`, { method: 'POST' })).status).toBe(500);
    expect(logged.at(-1)).toMatch(/the handler of POST \/api\/saved-views answered as GET \/api\/saved-views/);
    expect((await fetch(`${url}${ROUTES.meta}`)).status).toBe(500);
    expect(logged.at(-1)).toMatch(/the handler of GET \/api\/meta answered as GET \/api\/health/);
  });
});
