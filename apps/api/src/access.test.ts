import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { can, ENDPOINTS, ROLES, ROUTES, type AuditEntry, type AuditList, type Endpoint, type Role } from '@scam/shared';
import { createContext } from './app.js';
import { listTokens } from './services/accounts.service.js';
import { watch } from './services/series.service.js';
import { createTestDb, forceReturn, startTestServer, TEST_PASSWORD, type TestDb, type TestServer } from './test-support/test-db.js';

let t: TestDb;
let server: TestServer;
let clock: number;

beforeEach(async () => {
  t = createTestDb();
  clock = Date.parse('2026-11-23T09:00:00.000Z');
  t.deps.now = () => new Date(clock).toISOString();
  t.deps.config = { ...t.deps.config, SIGNIN_RATE_LIMIT: 1000 };
  server = await startTestServer(t.deps);
});
afterEach(async () => {
  await server.close();
  t.close();
});

const pathOf = (e: Endpoint) => ROUTES[e.route].replace(':id', '999999').replace(':name', 'nobody');
const bodyFor = (e: Endpoint): RequestInit =>
  e.method === 'GET' || e.method === 'DELETE' ? {} : { headers: { 'content-type': 'application/json' }, body: '{}' };

/** Signs in with the password, as the dashboard does: JSON body, same-origin Origin header, cookie back. */
async function signIn(
  name: string,
  password = TEST_PASSWORD,
  origin = server.url,
): Promise<{ status: number; cookie: string | null; body: unknown }> {
  const res = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username: name, password }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? null;
  return { status: res.status, cookie, body: await res.json() };
}

const withCookie = (cookie: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), cookie },
});

async function auditEntries(query = ''): Promise<AuditEntry[]> {
  const res = await server.fetch(`/api/audit?limit=500${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as AuditList).entries;
}

describe('without credentials', () => {
  it.each(ENDPOINTS.filter((e) => e.access !== 'public').map((e) => [`${e.method} ${ROUTES[e.route]}`, e] as const))(
    '%s answers 401 unauthenticated',
    async (_n, e) => {
      const res = await fetch(`${server.url}${pathOf(e)}`, {
        method: e.method,
        ...bodyFor(e),
        headers: { origin: server.url, 'content-type': 'application/json' },
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    },
  );

  it('answers health, and 401 (not 404) for a path that does not exist, so routes are not revealed', async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/secret-things`)).status).toBe(401);
  });

  it('does not hand out the incident CSV to anyone who can reach the port', async () => {
    await server.fetch('/api/imports', {
      method: 'POST',
      body: formWith(forceReturn([['HC/1', '02/10/2023', 'Watford', 'Courier fraud', '£500.00', '81', 'Money lost', '']])),
    });
    const res = await fetch(`${server.url}/api/incidents.csv`);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('HC/1');
  });
});

function formWith(csv: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'return.csv');
  return form;
}

describe('each role against each route', () => {
  const cases = ROLES.flatMap((role) =>
    ENDPOINTS.filter((e) => e.access !== 'public').map((e) => [role, `${e.method} ${ROUTES[e.route]}`, e] as const),
  );
  it.each(cases)('%s → %s', async (role, _n, e) => {
    const res = await server.fetch(pathOf(e), { method: e.method, as: role, ...bodyFor(e) });
    const allowed = e.access === 'signedIn' || can(role, e.access);
    if (allowed) {
      // Allowed: whatever the answer (200, 400 for an empty body, 404 for a made-up id), not a refusal.
      expect([401, 403]).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
    } else {
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
    }
  });

  it('records each refusal in the audit trail under the user who tried', async () => {
    expect((await server.fetch('/api/incidents.csv', { as: 'viewer' })).status).toBe(403);
    expect((await server.fetch('/api/imports/1/rollback', { as: 'analyst', method: 'POST' })).status).toBe(403);
    const refused = (await auditEntries('&action=refused')).map((e) => `${e.user}:${e.role}:${JSON.parse(e.object).route}`);
    expect(refused).toEqual(
      expect.arrayContaining(['viewer:viewer:GET /api/incidents.csv', 'analyst:analyst:POST /api/imports/:id/rollback']),
    );
  });
});

describe('sign-in and sessions', () => {
  it('signs in with a cookie that is HttpOnly and SameSite=Strict, reports who is signed in, and signs out', async () => {
    const res = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ username: 'analyst', password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    // Plain HTTP here, so not Secure (a browser would drop it); over TLS it is.
    expect(setCookie).not.toMatch(/;\s*Secure/i);
    const cookie = setCookie.split(';')[0] as string;
    const who = await fetch(`${server.url}/api/session`, withCookie(cookie));
    expect(await who.json()).toEqual({ user: { name: 'analyst', role: 'analyst' }, readOnly: false });
    expect((await fetch(`${server.url}/api/incidents`, withCookie(cookie))).status).toBe(200);
    expect(
      (await fetch(`${server.url}/api/session`, withCookie(cookie, { method: 'DELETE', headers: { origin: server.url } }))).status,
    ).toBe(204);
    // The same cookie is worth nothing after sign-out.
    expect((await fetch(`${server.url}/api/incidents`, withCookie(cookie))).status).toBe(401);
  });

  it('issues a new session id at every sign-in and keeps only its hash', async () => {
    const a = await signIn('analyst');
    const b = await signIn('analyst');
    expect(a.cookie).not.toBeNull();
    expect(a.cookie).not.toBe(b.cookie);
    const sid = decodeURIComponent((a.cookie as string).split('=')[1] as string)
      .replace(/^s:/, '')
      .split('.')[0] as string;
    const stored = t.db.prepare('SELECT id_hash FROM sessions').all() as { id_hash: string }[];
    expect(stored).toHaveLength(2);
    expect(stored.map((s) => s.id_hash)).not.toContain(sid);
  });

  it('refuses a wrong password and an unknown user with the same message', async () => {
    const wrong = await signIn('analyst', 'not-the-password-at-all');
    const unknown = await signIn('nobody-here', 'not-the-password-at-all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  describe('repeated wrong passwords', () => {
    const alerts: { msg: string; detail: Record<string, unknown> }[] = [];
    /** Behind a (loopback) proxy, so each attempt can come from the address the proxy forwards. */
    beforeEach(async () => {
      await server.close();
      alerts.length = 0;
      t.deps.config = { ...t.deps.config, TRUST_PROXY: 'loopback' };
      const logger = pino({ level: 'warn' }, new Writable({ write: (chunk: Buffer, _e, done) => (record(chunk), done()) }));
      const record = (chunk: Buffer) => {
        const line = JSON.parse(chunk.toString()) as Record<string, unknown>;
        alerts.push({ msg: String(line.msg), detail: line });
      };
      server = await startTestServer({ ...t.deps, logger });
    });
    const from = async (address: string, name: string, password = TEST_PASSWORD) => {
      const res = await fetch(`${server.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url, 'x-forwarded-for': address },
        body: JSON.stringify({ username: name, password }),
      });
      return {
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        body: (await res.json()) as { error?: { code: string; message: string } },
      };
    };
    const stranger = '203.0.113.7';
    const owner = '198.51.100.20';

    it('never lock the admin out: the guessing address waits, longer each time, while the owner signs in from theirs', async () => {
      for (let i = 0; i < 5; i++) expect((await from(stranger, 'admin', `wrong-password-${i}-xx`)).status).toBe(401);
      // The stranger now waits 30 s, even with the right password.
      const delayed = await from(stranger, 'admin');
      expect(delayed).toMatchObject({ status: 429, retryAfter: '30', body: { error: { code: 'sign_in_delayed' } } });
      expect(delayed.body.error?.message).toBe('too many failed sign-ins for this account from this address: try again in 30 seconds');
      // The owner, from their own address, is not affected.
      expect((await from(owner, 'admin')).status).toBe(200);
      // Another wrong password once the wait is over doubles it.
      clock += 31_000;
      expect((await from(stranger, 'admin', 'wrong-password-6-xx')).status).toBe(401);
      expect(await from(stranger, 'admin')).toMatchObject({ status: 429, retryAfter: '60' });
      // The administrators' list shows that this account's sign-ins are being slowed.
      const users = (await (await server.fetch('/api/users')).json()) as { users: { name: string; locked: boolean }[] };
      expect(users.users.find((u) => u.name === 'admin')?.locked).toBe(true);
      // The log carries an alert naming the account and the address, once, when the waiting began.
      const alert = alerts.filter((a) => a.msg.startsWith('sign-in alert: repeated wrong passwords'));
      expect(alert).toHaveLength(1);
      expect(alert[0]?.detail).toMatchObject({ account: 'admin', address: stranger, failures: 5, waitSeconds: 30 });
      // Once the wait has passed, the right password from the stranger's address works and starts afresh.
      clock += 61_000;
      expect((await from(stranger, 'admin')).status).toBe(200);
      expect((await from(stranger, 'admin', 'wrong-password-7-xx')).status).toBe(401);
    });

    it('slow a name that has no account the same way, so the wait does not reveal which names exist', async () => {
      for (let i = 0; i < 5; i++) expect((await from(stranger, 'ghost.user', `wrong-password-${i}-xx`)).status).toBe(401);
      const res = await from(stranger, 'ghost.user', 'wrong-password-x-xx');
      expect(res).toMatchObject({ status: 429, retryAfter: '30', body: { error: { code: 'sign_in_delayed' } } });
      // Recorded under no account, with what was typed kept apart from the user column.
      const failed = (await auditEntries('&action=sign_in_failed')).filter((e) => JSON.parse(e.object).attempted === 'ghost.user');
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.every((e) => e.user === '(no such user)')).toBe(true);
    });

    it('raise an alert when one account is guessed at from several addresses, without locking anyone', async () => {
      for (let i = 0; i < 20; i++)
        expect((await from(`203.0.113.${10 + (i % 5)}`, 'inspector', `wrong-password-${i}-xx`)).status).toBe(401);
      const alert = alerts.filter((a) => a.msg.startsWith('sign-in alert: many wrong passwords for one account from several addresses'));
      expect(alert).toHaveLength(1);
      expect(alert[0]?.detail).toMatchObject({ account: 'inspector', failures: 20, addresses: 5 });
      expect((await from(owner, 'inspector')).status).toBe(200);
    });
  });

  it('over TLS (behind a trusted proxy) the cookie is __Host- prefixed and Secure, and a plain-named cookie is not read', async () => {
    await server.close();
    t.deps.config = { ...t.deps.config, TRUST_PROXY: 'loopback' };
    server = await startTestServer(t.deps);
    const https = { origin: server.url.replace(/^http:/, 'https:'), 'x-forwarded-proto': 'https' };
    const res = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...https },
      body: JSON.stringify({ username: 'analyst', password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    // What browsers require of a __Host- cookie: Secure, Path=/, no Domain.
    expect(setCookie).toMatch(/^__Host-scam\.sid=/);
    expect(setCookie).toMatch(/;\s*Secure/i);
    expect(setCookie).toMatch(/;\s*Path=\/(;|$)/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/i);
    expect(setCookie).not.toMatch(/Domain=/i);
    const [pair] = setCookie.split(';');
    const value = (pair ?? '').slice('__Host-scam.sid='.length);
    expect((await fetch(`${server.url}/api/session`, { headers: { ...https, cookie: `__Host-scam.sid=${value}` } })).status).toBe(200);
    // The same session id under the plain name (as a sibling host or plain-http page could set it) is not read over TLS.
    expect((await fetch(`${server.url}/api/session`, { headers: { ...https, cookie: `scam.sid=${value}` } })).status).toBe(401);
    // Signing out clears the prefixed cookie.
    const out = await fetch(`${server.url}/api/session`, { method: 'DELETE', headers: { ...https, cookie: `__Host-scam.sid=${value}` } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^__Host-scam\.sid=;.*Secure/i);
  });

  it('limits sign-in attempts per address whatever the account', async () => {
    await server.close();
    t.deps.config = { ...t.deps.config, SIGNIN_RATE_LIMIT: 3 };
    server = await startTestServer(t.deps);
    // Successful sign-ins do not count (a whole unit behind one address signs in each morning).
    for (let i = 0; i < 5; i++) expect((await signIn('analyst')).status).toBe(200);
    for (const name of ['a1', 'a2', 'a3']) expect((await signIn(name, 'whatever-password-1')).status).toBe(401);
    const res = await signIn('analyst');
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ error: { code: 'too_many_requests' } });
  });

  it('ends a session after 30 idle minutes and 10 hours after sign-in however active', async () => {
    const { cookie } = await signIn('analyst');
    const get = () => fetch(`${server.url}/api/summary`, withCookie(cookie as string));
    clock += 20 * 60_000;
    expect((await get()).status).toBe(200);
    clock += 20 * 60_000; // 20 idle minutes after the last request: still within 30
    expect((await get()).status).toBe(200);
    clock += 31 * 60_000;
    expect((await get()).status).toBe(401);

    // Active every 25 minutes: fine for 10 hours after sign-in, then over however active.
    const second = await signIn('analyst');
    const signedInAt = clock;
    const active = () => fetch(`${server.url}/api/summary`, withCookie(second.cookie as string));
    while (clock + 25 * 60_000 < signedInAt + 10 * 3_600_000) {
      clock += 25 * 60_000;
      expect((await active()).status).toBe(200);
    }
    clock = signedInAt + 10 * 3_600_000 + 1000;
    expect((await active()).status).toBe(401);
  });

  it('ends every session of an account when it is disabled, and when its password changes', async () => {
    const s1 = await signIn('analyst');
    const s2 = await signIn('analyst');
    const disable = await server.fetch('/api/users/analyst', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    expect(disable.status).toBe(200);
    for (const s of [s1, s2]) expect((await fetch(`${server.url}/api/summary`, withCookie(s.cookie as string))).status).toBe(401);
    expect((await signIn('analyst')).status).toBe(401);
    // Its API token stops working too.
    expect((await server.fetch('/api/summary', { as: 'analyst' })).status).toBe(401);

    const v = await signIn('viewer');
    const change = await server.fetch('/api/users/viewer', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'a-brand-new-long-passphrase' }),
    });
    expect(change.status).toBe(200);
    expect((await fetch(`${server.url}/api/summary`, withCookie(v.cookie as string))).status).toBe(401);
    expect((await signIn('viewer', 'a-brand-new-long-passphrase')).status).toBe(200);
  });

  it('ends the API tokens of an account when its password changes, and when it is disabled (re-enabling does not revive them)', async () => {
    const patch = (name: string, body: object) =>
      server.fetch(`/api/users/${name}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const bearer = (token: string) => fetch(`${server.url}/api/summary`, { headers: { authorization: `Bearer ${token}` } });
    expect((await bearer(server.tokens.viewer)).status).toBe(200);
    expect((await patch('viewer', { password: 'a-brand-new-long-passphrase' })).status).toBe(200);
    const afterPassword = await bearer(server.tokens.viewer);
    expect(afterPassword.status).toBe(401);
    expect(await afterPassword.json()).toMatchObject({ error: { code: 'unauthenticated' } });

    expect((await bearer(server.tokens.analyst)).status).toBe(200);
    expect((await patch('analyst', { disabled: true })).status).toBe(200);
    expect((await patch('analyst', { disabled: false })).status).toBe(200);
    expect((await bearer(server.tokens.analyst)).status).toBe(401);

    // `npm run token -- list` shows them revoked, other users' tokens untouched; the audit entry counts them.
    const tokens = listTokens(createContext(t.deps));
    expect(tokens.filter((x) => x.user === 'viewer' || x.user === 'analyst').map((x) => x.revokedAt)).not.toContain(null);
    expect(tokens.find((x) => x.user === 'inspector')?.revokedAt).toBeNull();
    const update = (await auditEntries('&action=account')).find(
      (e) => e.object.includes('"user":"viewer"') && e.object.includes('password'),
    );
    expect(update?.object).toContain('"tokensEnded":1');
  });

  it('applies a role change on the very next request', async () => {
    const { cookie } = await signIn('viewer');
    expect((await fetch(`${server.url}/api/incidents`, withCookie(cookie as string))).status).toBe(403);
    await server.fetch('/api/users/viewer', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'analyst' }),
    });
    expect((await fetch(`${server.url}/api/incidents`, withCookie(cookie as string))).status).toBe(200);
  });

  it('refuses short, common and name-containing passwords with the reason', async () => {
    const create = (password: string) =>
      server.fetch('/api/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'dc.smith', role: 'analyst', password }),
      });
    for (const [password, reason] of [
      ['short-pw', /at least 12/],
      ['password1234', /common/],
      ['qwertyuiop123!', /common/],
      ['dc.smith-is-my-name', /user name/],
    ] as const) {
      const res = await create(password);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(reason);
    }
    expect((await create('tangerine-viaduct-mosaic')).status).toBe(201);
    expect((await signIn('dc.smith', 'tangerine-viaduct-mosaic')).status).toBe(200);
    const stored = t.db.prepare("SELECT password_hash FROM users WHERE name = 'dc.smith'").get() as { password_hash: string };
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe('cross-site requests and host names', () => {
  it('refuses a state change with the session cookie from another origin or with no origin', async () => {
    const { cookie } = await signIn('admin');
    const patch = (headers: Record<string, string>) =>
      fetch(
        `${server.url}/api/users/viewer`,
        withCookie(cookie as string, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ disabled: true }),
        }),
      );
    const foreign = await patch({ origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: { code: 'cross_origin' } });
    expect((await patch({})).status).toBe(403);
    expect((await patch({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // Nothing changed.
    expect(
      ((await (await server.fetch('/api/users')).json()) as { users: { name: string; disabled: boolean }[] }).users.find(
        (u) => u.name === 'viewer',
      )?.disabled,
    ).toBe(false);
    expect((await patch({ origin: server.url })).status).toBe(200);
  });

  it('refuses a sign-in posted from another site', async () => {
    expect((await signIn('admin', TEST_PASSWORD, 'https://evil.example')).status).toBe(403);
  });

  it('compares the Origin by scheme, host and port, not by host alone', async () => {
    const { cookie } = await signIn('admin');
    const port = new URL(server.url).port;
    const disableViewer = (origin: string) =>
      fetch(
        `${server.url}/api/users/viewer`,
        withCookie(cookie as string, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', origin },
          body: JSON.stringify({ disabled: true }),
        }),
      );
    for (const origin of [`https://127.0.0.1:${port}`, `http://127.0.0.1:${Number(port) + 1}`, 'http://127.0.0.1', 'null']) {
      const res = await disableViewer(origin);
      expect(res.status, origin).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'cross_origin' } });
    }
    expect((await signIn('analyst', TEST_PASSWORD, `https://127.0.0.1:${port}`)).status).toBe(403);
    // The same origin written another way (upper-case scheme) is still this server.
    expect((await disableViewer(`HTTP://127.0.0.1:${port}`)).status).toBe(200);
  });

  it('refuses OPTIONS on API paths: 405 with Allow once signed in, 401 before, and never a CORS grant', async () => {
    for (const [path, allow] of [
      ['/api/incidents', 'GET'],
      ['/api/saved-series/1', 'GET, PATCH, DELETE'],
      ['/api/session', 'POST, GET, DELETE'],
    ] as const) {
      const res = await server.fetch(path, { method: 'OPTIONS' });
      expect(res.status, path).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      expect(await res.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    }
    const preflight = await fetch(`${server.url}/api/saved-series`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(401);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 421 to a Host that is not ours (DNS rebinding), even for health', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${server.url}/api/health`);
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, headers: { host: 'rebind.evil.example:8080' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('sends no-store, a strict CSP, frame-ancestors none and a request id', async () => {
    const res = await server.fetch('/api/summary');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await server.fetch('/api/incidents.csv')).headers.get('cache-control')).toBe('no-store');
  });

  it('answers 405 with Allow for a known path and a wrong method', async () => {
    const res = await server.fetch('/api/summary', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(await res.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
  });
});

describe('the audit trail', () => {
  it('records each kind of event under the signed-in user, never a header', async () => {
    const spoof = { 'x-user': 'Mallory' };
    await signIn('analyst');
    await signIn('analyst', 'wrong-password-here');
    const imported = await server.fetch('/api/imports', {
      as: 'importer',
      method: 'POST',
      headers: spoof,
      body: formWith(forceReturn([['HC/1', '02/10/2023', 'Watford', 'Courier fraud', '£500.00', '81', 'Money lost', '']])),
    });
    expect(imported.status).toBe(201);
    const batchId = ((await imported.json()) as { batchId: number }).batchId;
    await server.fetch('/api/summary?method=courier', { as: 'viewer', headers: spoof });
    await server.fetch('/api/incidents/HC%2F1', { as: 'analyst', headers: spoof });
    await server.fetch('/api/incidents.csv', { as: 'analyst', headers: spoof });
    await server.fetch('/api/series', { as: 'analyst', headers: spoof });
    const saved = await server.fetch('/api/saved-series', {
      as: 'analyst',
      method: 'POST',
      headers: { ...spoof, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Series', method: 'courier', incidents: ['HC/1'] }),
    });
    expect(saved.status).toBe(201);
    await server.fetch(`/api/imports/${batchId}/rollback`, { as: 'importer', method: 'POST', headers: spoof });
    await server.fetch(`/api/imports/${batchId}/erase`, { as: 'admin', method: 'POST', headers: spoof });
    await server.fetch('/api/appeals/exports', {
      as: 'inspector',
      method: 'POST',
      headers: { ...spoof, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Courier fraud appeal', format: 'print', warnings: 0, purpose: 'Press office, release of 24 Nov' }),
    });

    const entries = await auditEntries();
    const find = (action: string, user: string) => entries.find((e) => e.action === action && e.user === user);
    expect(find('sign_in', 'analyst')).toBeDefined();
    expect(find('sign_in_failed', 'analyst')).toBeDefined();
    expect(find('collection', 'importer')).toMatchObject({ role: 'importer', rows: 1 });
    expect(JSON.parse(find('collection', 'importer')?.object ?? '{}')).toMatchObject({ batch: batchId, file: 'return.csv' });
    expect(find('consultation', 'viewer')).toMatchObject({ role: 'viewer', rows: 1 });
    expect(JSON.parse(find('consultation', 'viewer')?.object ?? '{}')).toMatchObject({
      route: 'GET /api/summary',
      query: { method: 'courier' },
    });
    expect(find('consultation', 'analyst')).toMatchObject({ rows: 1 });
    expect(find('disclosure', 'analyst')).toMatchObject({ rows: 1 });
    expect(find('combination', 'analyst')).toBeDefined();
    expect(find('alteration', 'importer')).toMatchObject({ rows: 1 });
    expect(find('erasure', 'admin')).toBeDefined();
    const savedEdit = entries.find((e) => e.action === 'alteration' && JSON.parse(e.object).op === 'save_series');
    expect(savedEdit).toMatchObject({ user: 'analyst', rows: 1 });
    expect(find('disclosure', 'inspector')).toMatchObject({ purpose: 'Press office, release of 24 Nov' });
    expect(entries.some((e) => e.user === 'Mallory')).toBe(false);
    // The request id in the entry is the one the response carried.
    for (const e of entries.filter((x) => x.action !== 'account')) expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records the automatic watch run after an import as a combination under the system', async () => {
    const imported = await server.fetch('/api/imports', {
      as: 'importer',
      method: 'POST',
      body: formWith(forceReturn([['HC/W/1', '02/10/2023', 'Watford', 'Courier fraud', '£500.00', '81', 'Money lost', '']])),
    });
    const batchId = ((await imported.json()) as { batchId: number }).batchId;
    watch(createContext(t.deps), 'import', batchId);
    const combination = (await auditEntries('&action=combination')).find((e) => e.user === 'system:watch');
    expect(combination).toMatchObject({ role: 'system', rows: 0 });
    expect(JSON.parse(combination?.object ?? '{}')).toMatchObject({ op: 'watch', trigger: 'import', batch: batchId });
  });

  it('cannot be altered or deleted, even with SQL', async () => {
    await signIn('analyst');
    await server.fetch('/api/audit');
    expect(() => t.db.prepare("UPDATE audit_log SET user_name = 'someone else'").run()).toThrow(/append-only/);
    expect(() => t.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect((await auditEntries('&action=sign_in')).map((e) => e.user)).toContain('analyst');
  });

  it('filters by user, action and day, and exports as CSV', async () => {
    await signIn('analyst');
    await signIn('viewer');
    await server.fetch('/api/summary', { as: 'viewer' });
    const viewerOnly = await auditEntries('&user=viewer');
    expect(viewerOnly.length).toBeGreaterThan(0);
    expect(viewerOnly.every((e) => e.user === 'viewer')).toBe(true);
    expect((await auditEntries('&action=sign_in')).map((e) => e.user).sort()).toEqual(['analyst', 'viewer']);
    expect(await auditEntries('&from=2026-11-24')).toEqual([]);
    const csv = await server.fetch('/api/audit.csv?action=sign_in');
    expect(csv.headers.get('content-disposition')).toMatch(/OFFICIAL-SENSITIVE audit trail/);
    const text = await csv.text();
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(text).toContain(',analyst,analyst,sign_in,');
  });
});

describe('roles offered to each', () => {
  it.each(ROLES)('%s has at least the aggregate views', (role: Role) => {
    expect(can(role, 'aggregates')).toBe(true);
  });
});
