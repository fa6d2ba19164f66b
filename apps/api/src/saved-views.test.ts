import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BodyOf, Role } from '@scam/shared';
import { refused, type Refused } from './test-support/api-client.js';
import { createTestDb, startTestServer, type TestDb, type TestServer } from './test-support/test-db.js';

let t: TestDb;
let server: TestServer;

beforeEach(async () => {
  t = createTestDb();
  server = await startTestServer(t.deps);
});
afterEach(async () => {
  await server.close();
  t.close();
});

const save = (as: Role, body: BodyOf<'savedViews', 'POST'> | Refused) => server.api.post('savedViews', { as, body });
const list = async (as: Role) => (await server.api.get('savedViews', { as })).body;

describe('saved views', () => {
  it('saves a view with its page and query string, lists it for its owner only, renames and deletes it', async () => {
    const created = await save('analyst', {
      name: 'Courier, rolling',
      page: '/',
      search: '?period=last-12-weeks&method=courier&chart=outcome',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Courier, rolling',
      page: '/',
      search: '?period=last-12-weeks&method=courier&chart=outcome',
      shared: false,
      owner: 'analyst',
      mine: true,
    });
    expect((await list('analyst')).views.map((v) => v.name)).toEqual(['Courier, rolling']);
    // Private: another user neither lists nor reaches it.
    expect((await list('inspector')).views).toEqual([]);
    const id = created.body.id;
    expect((await server.api.patch('savedView', { params: { id }, body: { name: 'Mine now' }, as: 'inspector' })).status).toBe(404);
    expect((await server.api.delete('savedView', { params: { id }, as: 'inspector' })).status).toBe(404);

    const renamed = await server.api.patch('savedView', { params: { id }, body: { name: 'Courier, last 12 weeks' }, as: 'analyst' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Courier, last 12 weeks');
    expect(renamed.body.search).toBe('?period=last-12-weeks&method=courier&chart=outcome');
    expect((await server.api.delete('savedView', { params: { id }, as: 'analyst' })).status).toBe(204);
    expect((await list('analyst')).views).toEqual([]);
    expect((await server.api.delete('savedView', { params: { id }, as: 'analyst' })).status).toBe(404);
  });

  it('shares a view with the unit: others list and see it, but only the owner may change or delete it', async () => {
    const own = await save('inspector', { name: 'Mine', page: '/incidents', search: '?open=HC%2F1' });
    const shared = await save('analyst', { name: 'Weekly triage', page: '/incidents', search: '?period=last-4-weeks', shared: true });
    expect(shared.status).toBe(201);
    const seen = await list('inspector');
    // Own views first, then the unit's.
    expect(seen.views.map((v) => [v.name, v.owner, v.mine])).toEqual([
      ['Mine', 'inspector', true],
      ['Weekly triage', 'analyst', false],
    ]);
    expect(seen.truncated).toBe(false);

    const id = shared.body.id;
    const rename = await server.api.patch('savedView', { params: { id }, body: { name: 'Taken' }, as: 'inspector' });
    expect(rename.status).toBe(403);
    expect(rename.error.code).toBe('forbidden');
    expect(rename.error.message).toContain('analyst');
    expect((await server.api.delete('savedView', { params: { id }, as: 'inspector' })).status).toBe(403);
    expect((await list('analyst')).views.find((v) => v.id === id)?.name).toBe('Weekly triage');

    // Unsharing takes it out of everyone else's list.
    expect((await server.api.patch('savedView', { params: { id }, body: { shared: false }, as: 'analyst' })).status).toBe(200);
    expect((await list('inspector')).views.map((v) => v.name)).toEqual(['Mine']);
    expect(own.status).toBe(201);
  });

  it('offers a shared view only to roles that can open its page, and refuses saving a page the role cannot open', async () => {
    await save('analyst', { name: 'Incident list', page: '/incidents', search: '', shared: true });
    await save('analyst', { name: 'Overview', page: '/', search: '?period=this-year', shared: true });
    expect((await list('viewer')).views.map((v) => v.name)).toEqual(['Overview']);
    const refused = await save('viewer', { name: 'Sneaky', page: '/incidents', search: '' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'forbidden' } });
    expect((await save('viewer', { name: 'Mine', page: '/', search: '?since=2026-04-01' })).status).toBe(201);
  });

  it('answers bad input with 400 naming the field, never a 500', async () => {
    const cases: unknown[] = [
      {},
      { name: '', page: '/' },
      { name: 'x'.repeat(81), page: '/' },
      { name: 'ok', page: '/admin' },
      { name: 'ok', page: '/', search: 'period=last-12-weeks' },
      { name: 'ok', page: '/', search: '?a=1#frag' },
      { name: 'ok', page: '/', search: `?q=${'x'.repeat(2000)}` },
      { name: 'ok', page: '/', shared: 'yes' },
      { name: 'ok', page: '/', owner: 'admin' },
      [],
    ];
    for (const body of cases) {
      const res = await save('analyst', refused(body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request' } });
    }
    const created = await save('analyst', { name: 'Fine', page: '/' });
    expect(created.status).toBe(201);
    expect((await server.api.patch('savedView', { params: { id: created.body.id }, body: {}, as: 'analyst' })).status).toBe(400);
    expect((await server.api.patch('savedView', { params: { id: created.body.id }, body: { search: '?x=1' }, as: 'analyst' })).status).toBe(
      400,
    );
    expect((await server.api.patch('savedView', { params: refused({ id: 'abc' }), body: { name: 'x' }, as: 'analyst' })).status).toBe(400);
    expect((await server.api.patch('savedView', { params: { id: 999999 }, body: { name: 'x' }, as: 'analyst' })).status).toBe(404);
  });

  it('refuses a second view of the same name for the same user (409), but not for another user', async () => {
    expect((await save('analyst', { name: 'Triage', page: '/' })).status).toBe(201);
    const again = await save('analyst', { name: 'triage', page: '/incidents' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'conflict' } });
    expect((await save('inspector', { name: 'Triage', page: '/' })).status).toBe(201);
  });

  it('records saving, editing and deleting in the audit trail under the user', async () => {
    const created = await save('analyst', { name: 'Audited', page: '/', search: '?chart=outcome' });
    await server.api.patch('savedView', { params: { id: created.body.id }, body: { shared: true }, as: 'analyst' });
    await server.api.delete('savedView', { params: { id: created.body.id }, as: 'analyst' });
    const entries = (await server.api.get('audit', { query: { limit: 500, action: 'alteration' } })).body.entries;
    const ops = entries
      .filter((e) => e.user === 'analyst')
      .map((e) => JSON.parse(e.object) as { op: string; savedView: number })
      .filter((o) => o.savedView === created.body.id)
      .map((o) => o.op)
      .sort();
    expect(ops).toEqual(['delete_view', 'edit_view', 'save_view']);
  });
});
