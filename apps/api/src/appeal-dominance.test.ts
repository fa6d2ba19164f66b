import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppealDocument, AppealDraft } from '@scam/shared';
import { createTestDb, forceReturn, startTestServer, upload, type TestDb, type TestServer } from './test-support/test-db.js';

let t: TestDb;
let server: TestServer;

/** Eight courier reports in June 2019: four lost £70,000 between them, £60,000 of it one person's. */
const LOSSES = ['£60,000.00', '£4,000.00', '£3,000.00', '£3,000.00', '', '', '', ''];
const TOWNS = ['St Albans', 'Watford', 'Hemel Hempstead', 'Stevenage'];
const rows = LOSSES.map((loss, i) => [
  `HC/19/M${i}`,
  `${String(2 + i * 3).padStart(2, '0')}/06/2019`,
  TOWNS[i % TOWNS.length] as string,
  'Courier fraud (police impersonation)',
  loss,
  String(72 + i),
  loss ? 'Money lost' : 'Attempt, no loss',
  'Asked to withdraw cash for a courier',
]);
const source = { filters: { method: 'courier', from: '2019-06-01', to: '2019-06-30' } };

beforeAll(async () => {
  t = createTestDb();
  server = await startTestServer(t.deps);
  expect((await upload(server.url, forceReturn(rows))).status).toBe(201);
});
afterAll(async () => {
  await server.close();
  t.close();
});

/** The calls of this file are an inspector's, who may draft appeals. */
const inspector = () => server.api.as('inspector');

function documentFrom(d: AppealDraft, body: string): AppealDocument {
  return {
    title: d.title,
    highlights: d.highlights,
    body,
    issueDate: '2019-07-01',
    reference: 'Ref: SFCU courier appeal',
    officer: 'Detective Inspector Jo Bloggs',
    notesToEditors: '',
  };
}

describe('a loss total that one person’s loss dominates', () => {
  it('is drafted in words, with a note saying why', async () => {
    const { status, body: draft } = await inspector().post('appealDraft', { body: source });
    expect(status).toBe(200);
    expect(draft.body).toContain('victims lose tens of thousands of pounds');
    expect(`${draft.highlights.join('\n')}\n${draft.body}`).not.toMatch(/£\s?\d/);
    expect(draft.warnings.find((w) => w.code === 'loss_dominance')?.message).toContain('not as a figure');
  });

  it('POST /api/appeals/check warns about "over £70k" typed into the text, marks it, and suggests the wording', async () => {
    const draft = (await inspector().post('appealDraft', { body: source })).body;
    const paragraphs = draft.body.split('\n\n');
    paragraphs[0] = 'Police are issuing advice after victims lost over £70k to courier fraudsters.';
    const { status, body } = await inspector().post('appealCheck', {
      body: { source, document: documentFrom(draft, paragraphs.join('\n\n')) },
    });
    expect(status).toBe(200);
    const warning = body.warnings.find((w) => w.code === 'loss_dominance');
    expect(warning).toMatchObject({ label: 'Total made mostly of one or two losses', at: { part: 'body', index: 0 } });
    expect(paragraphs[0]?.slice(warning?.at?.start, warning?.at?.end)).toBe('over £70k');
    expect(warning?.message).toMatch(/^Paragraph 1: "over £70k" is the total lost, and one person's loss makes up more than half of it/);
    expect(warning?.message).toContain('Say "tens of thousands of pounds" instead.');
    // The individual loss is never given back, not even to the author.
    expect(warning?.message).not.toMatch(/60,000|£60k/);

    // The drafted wording passes.
    const fixed = await inspector().post('appealCheck', { body: { source, document: documentFrom(draft, draft.body) } });
    expect(fixed.body.warnings.map((w) => w.code)).not.toContain('loss_dominance');
  });
});
