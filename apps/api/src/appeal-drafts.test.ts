import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppealDocument, AppealDraft } from '@scam/shared';
import { appealSourceKey } from '@scam/shared';
import { refused } from './test-support/api-client.js';
import { createTestDb, forceReturn, startTestServer, upload, type TestDb, type TestServer } from './test-support/test-db.js';

let t: TestDb;
let server: TestServer;

const TOWNS = ['St Albans', 'Watford', 'Borehamwood', 'St Albans', 'Watford', 'Harpenden'];
/** Twelve courier reports in April 2019; today is 2026-11-23, so the period is long over. */
const rows = Array.from({ length: 12 }, (_, i) => [
  `HC/19/D${i}`,
  `${String(1 + i * 2).padStart(2, '0')}/04/2019`,
  TOWNS[i % TOWNS.length] as string,
  'Courier fraud (police impersonation)',
  i % 3 === 0 ? `£${1000 + i * 100}.00` : '',
  String(70 + i),
  i % 3 === 0 ? 'Money lost' : 'Attempt, no loss',
  'Asked to withdraw cash for a courier',
]);

const source = { filters: { method: 'courier', from: '2019-04-01', to: '2019-04-30' } };
let drafted: AppealDraft;

beforeAll(async () => {
  t = createTestDb();
  server = await startTestServer(t.deps);
  expect((await upload(server.url, forceReturn(rows))).status).toBe(201);
  drafted = (await api().post('appealDraft', { body: source })).body;
});
afterAll(async () => {
  await server.close();
  t.close();
});

/** The calls of this file are an inspector's (who may draft appeals) unless they say otherwise. */
const api = () => server.api.as('inspector');

function documentFrom(d: AppealDraft, overrides: Partial<AppealDocument> = {}): AppealDocument {
  return {
    title: d.title,
    highlights: d.highlights,
    body: d.body,
    issueDate: '2019-05-02',
    reference: 'Ref: SFCU courier appeal',
    officer: '',
    notesToEditors: 'Interviews through the press office.',
    ...overrides,
  };
}

describe('POST /api/appeals/check', () => {
  it('finds an exact age and a street typed into the text, says where in words, and marks the words', async () => {
    const paragraphs = drafted.body.split('\n\n');
    paragraphs[1] = `${paragraphs[1]} A woman aged 84 from Marlborough Road was called.`;
    const document = documentFrom(drafted, { body: paragraphs.join('\n\n') });
    const { status, body } = await api().post('appealCheck', { body: { source, document } });
    expect(status).toBe(200);
    const age = body.warnings.find((w) => w.code === 'exact_age');
    expect(age).toMatchObject({ label: 'Exact age', at: { part: 'body', index: 1 } });
    expect(age?.message).toMatch(/^Paragraph 2: an exact age \("aged ••"\)/);
    const street = body.warnings.find((w) => w.code === 'street');
    expect(paragraphs[1]?.slice(street?.at?.start, street?.at?.end)).toBe('Marlborough Road');
    expect(body.placeholders.map((p) => p.message)).toEqual([expect.stringMatching(/\[Name and rank of officer\]/)]);
    expect(body.periodEnd).toBe('2019-04-30');
  });

  it('warns when the date of issue is more than four weeks after the period', async () => {
    const late = await api().post('appealCheck', {
      body: {
        source,
        document: documentFrom(drafted, { issueDate: '2026-11-23' }),
      },
    });
    expect(late.body.warnings.map((w) => w.code)).toContain('stale_period');
    const prompt = await api().post('appealCheck', { body: { source, document: documentFrom(drafted) } });
    expect(prompt.body.warnings.map((w) => w.code)).not.toContain('stale_period');
  });

  it('answers 400 naming the field for a bad document, never 500', async () => {
    const bad = await api().post('appealCheck', {
      body: {
        source,
        document: { ...documentFrom(drafted), issueDate: '2019-02-30' },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.error.issues?.map((i) => i.path)).toEqual(['document.issueDate']);
    expect((await api().post('appealCheck', { body: refused({ source }) })).status).toBe(400);
    expect((await api().post('appealCheck', { body: { source, document: documentFrom(drafted, { title: '  ' }) } })).status).toBe(400);
  });

  it('says there is nothing to appeal about, with its own code, for filters with no reports', async () => {
    const res = await api().post('appealDraft', {
      body: {
        filters: { method: 'courier', from: '2001-01-01', to: '2001-01-02' },
      },
    });
    expect(res.status).toBe(400);
    expect(res.error.code).toBe('no_incidents');
  });
});

describe('saved draft versions', () => {
  it('saves numbered versions per user and source, lists them newest first, and opens an earlier one', async () => {
    const first = await api().post('appealDrafts', { body: { source, document: documentFrom(drafted) } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ version: 1, title: drafted.title, sourceKey: appealSourceKey(source) });
    const second = await api().post('appealDrafts', {
      body: {
        source: { filters: { to: '2019-04-30', from: '2019-04-01', method: 'courier' } },
        document: documentFrom(drafted, { title: 'Second wording', officer: 'DI Example' }),
      },
    });
    expect(second.body.version).toBe(2);

    const list = await api().get('appealDrafts', { query: { source: appealSourceKey(source) } });
    expect(list.body.versions.map((v) => [v.version, v.title])).toEqual([
      [2, 'Second wording'],
      [1, drafted.title],
    ]);
    expect(list.body.truncated).toBe(false);

    const opened = await api().get('appealDraftVersion', { params: { id: first.body.id } });
    expect(opened.status).toBe(200);
    expect(opened.body.document).toEqual(documentFrom(drafted));
    expect(opened.body.source).toEqual(source);
  });

  it('keeps the acknowledgements saved with a version, only for warnings its text still raises', async () => {
    const document = documentFrom(drafted, { body: `${drafted.body}\n\nCallers targeted people aged 84.`, officer: 'DI Example' });
    const check = (await api().post('appealCheck', { body: { source, document } })).body;
    const age = check.warnings.find((w) => w.code === 'exact_age');
    expect(age).toBeDefined();
    const saved = await api().post('appealDrafts', {
      body: {
        source,
        document,
        acknowledged: [age?.key ?? '', 'street:Paragraph 9: not in this text'],
      },
    });
    expect(saved.status).toBe(201);
    const opened = (await api().get('appealDraftVersion', { params: { id: saved.body.id } })).body;
    expect(opened.acknowledged).toEqual([age?.key]);
    // Exported as saved (what the print page does), the version passes the check.
    const res = await api().post('appealExports', {
      body: {
        title: document.title,
        format: 'print',
        ...opened.source,
        warnings: 0,
        document: opened.document,
        acknowledged: opened.acknowledged,
        draftId: opened.id,
      },
    });
    expect(res.status).toBe(201);
    const unacknowledged = (await api().post('appealDrafts', { body: { source, document } })).body;
    expect((await api().get('appealDraftVersion', { params: { id: unacknowledged.id } })).body.acknowledged).toEqual([]);
  });

  it('keeps each user to their own drafts', async () => {
    const mine = await api().post('appealDrafts', { body: { source, document: documentFrom(drafted) } });
    expect((await server.api.get('appealDraftVersion', { params: { id: mine.body.id } })).status).toBe(404);
    const theirs = await server.api.get('appealDrafts');
    expect(theirs.body.versions).toEqual([]);
  });

  it('refuses roles without the appeals permission, and bad ids and bodies with a 4xx', async () => {
    for (const role of ['viewer', 'analyst', 'importer'] as const) {
      expect((await server.api.as(role).get('appealDrafts')).status).toBe(403);
      expect((await server.api.as(role).post('appealDrafts', { body: { source, document: documentFrom(drafted) } })).status).toBe(403);
      expect((await server.api.as(role).post('appealCheck', { body: { source, document: documentFrom(drafted) } })).status).toBe(403);
    }
    expect((await api().get('appealDraftVersion', { params: refused({ id: 'abc' }) })).status).toBe(400);
    expect((await api().get('appealDraftVersion', { params: { id: 999999 } })).status).toBe(404);
    expect((await api().post('appealDrafts', { body: refused({ source, document: { title: 'x' } }) })).status).toBe(400);
    expect((await api().post('appealDrafts', { body: { source: { seriesId: 'nope' }, document: documentFrom(drafted) } })).status).toBe(
      404,
    );
  });
});

describe('exporting the edited text', () => {
  const withAge = () => documentFrom(drafted, { body: `${drafted.body}\n\nCallers targeted people aged 84.` });
  const exportBody = (document: AppealDocument, acknowledged: string[]) => ({
    title: document.title,
    format: 'text' as const,
    ...source,
    warnings: 0,
    document,
    acknowledged,
  });

  it('is refused while the officer placeholder is unfilled or a warning is not acknowledged, and nothing is recorded', async () => {
    const before = (await api().get('appealExports')).body.entries.length;
    const unnamed = await api().post('appealExports', { body: exportBody(documentFrom(drafted), []) });
    expect(unnamed.status).toBe(422);
    expect(unnamed.error.code).toBe('export_blocked');
    expect(unnamed.error.issues?.map((i) => i.message)).toEqual([expect.stringMatching(/Officer quoted/)]);

    const unacknowledged = await api().post('appealExports', { body: exportBody({ ...withAge(), officer: 'DI Example' }, []) });
    expect(unacknowledged.status).toBe(422);
    expect(unacknowledged.error.issues?.map((i) => i.message)).toEqual([expect.stringMatching(/^Exact age: Paragraph \d+: an exact age/)]);
    expect((await api().get('appealExports')).body.entries.length).toBe(before);
  });

  it('records an acknowledged export with its version and the warnings acknowledged, under the signed-in user', async () => {
    const document = { ...withAge(), officer: 'DI Example' };
    const check = (await api().post('appealCheck', { body: { source, document } })).body;
    const saved = (await api().post('appealDrafts', { body: { source, document } })).body;
    const res = await api().post('appealExports', {
      body: {
        ...exportBody(
          document,
          check.warnings.map((w) => w.key),
        ),
        draftId: saved.id,
        purpose: 'Press office',
      },
    });
    expect(res.status).toBe(201);
    const entry = (await api().get('appealExports')).body.entries[0];
    expect(entry).toMatchObject({ id: res.body.id, action: 'export', actor: 'inspector', draftId: saved.id, warnings: 1 });
    expect(entry?.acknowledged).toEqual([expect.stringMatching(/^Exact age: Paragraph \d+: an exact age/)]);

    const audit = (await server.api.get('audit', { query: { action: 'disclosure', limit: 5 } })).body;
    const disclosure = audit.entries.find((e) => JSON.parse(e.object).appealExport === res.body.id);
    expect(disclosure?.user).toBe('inspector');
    expect(JSON.parse(disclosure?.object ?? '{}')).toMatchObject({ draftVersion: saved.id, acknowledged: entry?.acknowledged });
  });

  it('refuses a version that is not the exporter’s own', async () => {
    const document = { ...documentFrom(drafted), officer: 'DI Example' };
    const adminVersion = (await server.api.post('appealDrafts', { body: { source, document } })).body;
    const res = await api().post('appealExports', { body: { ...exportBody(document, []), draftId: adminVersion.id } });
    expect(res.status).toBe(400);
  });
});
