import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppealDocument, AppealDraft, AppealTrail, AuditList, Role } from '@scam/shared';
import { createTestDb, forceReturn, startTestServer, upload, type TestDb, type TestServer } from './test-support/test-db.js';
import { auditCaughtUp } from './test-support/until.js';

let t: TestDb;
let server: TestServer;

/** Twelve courier reports in April 2019 across three towns. */
const TOWNS = ['St Albans', 'Watford', 'Harpenden'];
const rows = Array.from({ length: 12 }, (_, i) => [
  `HC/19/W${i}`,
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
  const res = await server.fetch('/api/appeals/draft', {
    method: 'POST',
    as: 'inspector',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(source),
  });
  drafted = (await res.json()) as AppealDraft;
});
afterAll(async () => {
  await server.close();
  t.close();
});

function exportDocx(body: unknown, as: Role = 'inspector'): Promise<Response> {
  return server.fetch('/api/appeals/exports.docx', {
    method: 'POST',
    as,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function getJson<T>(path: string, as: Role = 'inspector'): Promise<T> {
  return (await (await server.fetch(path, { as })).json()) as T;
}

function documentFrom(d: AppealDraft, overrides: Partial<AppealDocument> = {}): AppealDocument {
  return {
    title: d.title,
    highlights: d.highlights,
    body: d.body,
    issueDate: '2019-05-02',
    reference: 'Ref: SFCU courier appeal',
    officer: 'DI Jane Example',
    notesToEditors: 'Interviews can be arranged through the press office.',
    ...overrides,
  };
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Each paragraph of a WordprocessingML part: its style (if any) and its text, as Word shows them. */
function paragraphsOf(xml: string): { style: string | null; text: string }[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null,
    text: unescape([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
  }));
}

async function partsOf(res: Response): Promise<{ document: string; headers: string[]; footers: string[] }> {
  const zip = await JSZip.loadAsync(await res.arrayBuffer());
  const read = (name: string) => zip.file(name)?.async('string') ?? Promise.reject(new Error(`no ${name} in the file`));
  const names = Object.keys(zip.files);
  return {
    document: await read('word/document.xml'),
    headers: await Promise.all(names.filter((n) => /^word\/header\d*\.xml$/.test(n)).map(read)),
    footers: await Promise.all(names.filter((n) => /^word\/footer\d*\.xml$/.test(n)).map(read)),
  };
}

describe('POST /api/appeals/exports.docx', () => {
  it('answers a Word file with the release as headings and paragraphs, and the marking in the header and footer', async () => {
    const document = documentFrom(drafted, {
      title: 'Courier fraud & bank calls <update>',
      highlights: ['Never hand cash to a courier', '  '],
      body: `${drafted.body}\n\nDetective Inspector [Name and rank of officer] said: "Hang up."`,
    });
    // A stray control character is refused with the field named, not quietly dropped into the release.
    const bell = await exportDocx({
      ...source,
      document: { ...document, body: `${document.body}\u0007` },
      acknowledged: [],
      purpose: 'Press office',
    });
    expect(bell.status).toBe(400);
    expect(((await bell.json()) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path)).toEqual(['document.body']);
    const res = await exportDocx({ ...source, document, acknowledged: [], purpose: 'Press office' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="OFFICIAL-SENSITIVE Courier fraud & bank calls update 2026-11-23.docx"',
    );

    const parts = await partsOf(res);
    const paragraphs = paragraphsOf(parts.document);
    expect(paragraphs[0]?.text).toBe('Date of issue: 2 May 2019Ref: SFCU courier appeal');
    expect(paragraphs.filter((p) => p.style === 'Heading1')).toEqual([{ style: 'Heading1', text: 'Courier fraud & bank calls <update>' }]);
    expect(paragraphs.filter((p) => p.style === 'ListParagraph').map((p) => p.text)).toEqual(['Never hand cash to a courier']);
    const firstBody = drafted.body.split('\n\n')[0]?.replace(/\s+/g, ' ').trim() ?? '';
    expect(paragraphs.map((p) => p.text)).toContain(firstBody);
    // The officer is named where the draft left the placeholder.
    expect(paragraphs.map((p) => p.text)).toContain('Detective Inspector DI Jane Example said: "Hang up."');
    expect(parts.document).not.toContain('[Name and rank of officer]');
    const ends = paragraphs.findIndex((p) => p.text === 'ENDS');
    expect(paragraphs.slice(ends + 1)).toEqual([
      { style: 'Heading2', text: 'Notes to editors' },
      { style: null, text: 'Interviews can be arranged through the press office.' },
    ]);

    expect(parts.headers.length).toBeGreaterThan(0);
    for (const header of parts.headers) expect(paragraphsOf(header).map((p) => p.text)).toContain('OFFICIAL-SENSITIVE');
    expect(parts.headers.some((h) => paragraphsOf(h).some((p) => /Constabulary · Phone Scam Series/.test(p.text)))).toBe(true);
    expect(parts.footers.length).toBeGreaterThan(0);
    for (const footer of parts.footers) {
      const texts = paragraphsOf(footer).map((p) => p.text);
      expect(texts).toContain('OFFICIAL-SENSITIVE');
      expect(texts.some((x) => /^Exported .+ by inspector \(Inspector\)Page {2}of $/.test(x))).toBe(true);
      expect(footer).toContain('NUMPAGES');
    }
  });

  it('is recorded as it is made: in the appeal trail and the audit trail, once, as a disclosure by the signed-in user', async () => {
    const docxDisclosures = async () =>
      (await getJson<AuditList>('/api/audit?action=disclosure&limit=500', 'admin')).entries.filter(
        (e) => (JSON.parse(e.object) as { route?: string }).route === 'POST /api/appeals/exports.docx',
      );
    const before = (await docxDisclosures()).length;
    const document = documentFrom(drafted, { title: 'Courier appeal for the press office' });
    const res = await exportDocx({ ...source, document, acknowledged: [], purpose: 'Press office, 12 Dec' });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    const id = Number(res.headers.get('x-appeal-export'));

    const entry = (await getJson<AppealTrail>('/api/appeals/exports')).entries.find((e) => e.id === id);
    expect(entry).toMatchObject({ action: 'export', format: 'docx', actor: 'inspector', title: 'Courier appeal for the press office' });

    // Once: the service's entry, not a second one from the endpoint's guard when the response closes.
    await auditCaughtUp(server);
    const after = await docxDisclosures();
    expect(after).toHaveLength(before + 1);
    const disclosure = after.find((e) => (JSON.parse(e.object) as { appealExport?: number }).appealExport === id);
    expect(disclosure).toMatchObject({ user: 'inspector', role: 'inspector', purpose: 'Press office, 12 Dec' });
    expect(JSON.parse(disclosure?.object ?? '{}')).toMatchObject({ format: 'docx', title: 'Courier appeal for the press office' });
  });

  it('is refused with 422 while the text fails the disclosure check, and nothing is recorded', async () => {
    const before = (await getJson<AppealTrail>('/api/appeals/exports')).entries.length;
    const disclosuresBefore = (await getJson<AuditList>('/api/audit?action=disclosure&limit=500', 'admin')).entries.length;
    const withAge = documentFrom(drafted, { body: `${drafted.body}\n\nCallers targeted people aged 84.` });
    const refused = await exportDocx({ ...source, document: withAge, acknowledged: [] });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await refused.json()) as { error: { code: string; issues: { message: string }[] } };
    expect(body.error.code).toBe('export_blocked');
    expect(body.error.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^Exact age:/)]);

    const unnamed = await exportDocx({ ...source, document: documentFrom(drafted, { officer: '' }), acknowledged: [] });
    expect(unnamed.status).toBe(422);

    expect((await getJson<AppealTrail>('/api/appeals/exports')).entries.length).toBe(before);
    expect((await getJson<AuditList>('/api/audit?action=disclosure&limit=500', 'admin')).entries.length).toBe(disclosuresBefore);
  });

  it('refuses roles without the appeals permission, and a body without the text', async () => {
    const document = documentFrom(drafted);
    expect((await exportDocx({ ...source, document }, 'viewer')).status).toBe(403);
    expect((await exportDocx({ ...source, document }, 'analyst')).status).toBe(403);
    expect((await exportDocx({ ...source })).status).toBe(400);
    // A Word export is recorded only by the route that makes the file, never by a client's say-so.
    const claimed = await server.fetch('/api/appeals/exports', {
      method: 'POST',
      as: 'inspector',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: document.title, format: 'docx', ...source, document }),
    });
    expect(claimed.status).toBe(400);
  });
});
