import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { AuditList, HandoverManifest, SavedSeries, SavedSeriesDetail, SeriesAssessment, SeriesList } from '@scam/shared';
import { fixture } from './test-support/series-fixture.js';
import { createTestDb, forceReturn, getJson, startTestServer, upload, type TestDb, type TestServer } from './test-support/test-db.js';
import { auditCaughtUp, until } from './test-support/until.js';

/**
 * The handover pack: a zip whose manifest hashes every other file, carrying one frozen assessment's
 * figures (never newer detection's), recorded as a disclosure to a named recipient.
 */

let t: TestDb;
let server: TestServer;
let savedId: number;
let first: SeriesAssessment;

const PERIOD = 'from=2019-01-01&to=2019-12-31&method=courier&replicates=199';
const HOSTILE = '<img src=x onerror=alert(1)>';
const RECIPIENT = 'ERSOU Regional Fraud Team';

async function send<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await server.fetch(path, {
    method,
    as: 'analyst',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function aprilSeries(): Promise<SeriesList['series'][number]> {
  const list = (await getJson<SeriesList>(server.url, `/api/series?${PERIOD}`)).body;
  const april = list.series
    .filter((s) => s.method === 'courier' && s.first <= '2019-04-30' && s.last >= '2019-04-01')
    .sort((a, b) => b.count - a.count)[0];
  expect(april).toBeDefined();
  return april!;
}

beforeAll(async () => {
  t = createTestDb();
  server = await startTestServer(t.deps);
  expect((await upload(server.url, fixture().csv, { fileName: 'year-2019.csv' })).status).toBe(201);
  const april = await aprilSeries();
  const created = await send<SavedSeries>('POST', '/api/saved-series', {
    name: `Op Falcon ${HOSTILE}`,
    method: 'courier',
    detectedId: april.id,
    incidents: april.incidents,
  });
  expect(created.status).toBe(201);
  savedId = created.body.id;
  first = (await getJson<SavedSeriesDetail>(server.url, `/api/saved-series/${savedId}`)).body.assessments[0]!;
});
afterAll(async () => {
  await server.close();
  t.close();
});

interface Opened {
  res: Response;
  zip: JSZip;
  manifest: HandoverManifest;
  text: (name: string) => Promise<string>;
}

async function pack(query = `recipient=${encodeURIComponent(RECIPIENT)}`): Promise<Opened> {
  const res = await server.fetch(`/api/saved-series/${savedId}/pack?${query}`, { as: 'inspector' });
  expect(res.status).toBe(200);
  const zip = await JSZip.loadAsync(await res.arrayBuffer());
  const text = async (name: string) => {
    const f = zip.file(name);
    expect(f, `${name} is in the pack`).not.toBeNull();
    return f!.async('string');
  };
  return { res, zip, manifest: JSON.parse(await text('manifest.json')) as HandoverManifest, text };
}

describe('GET /api/saved-series/:id/pack', () => {
  it("is a zip whose manifest lists exactly the other files, each with its bytes' sha256", async () => {
    const { res, zip, manifest } = await pack();
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename=".*OFFICIAL-SENSITIVE Hertfordshire handover pack Op Falcon/,
    );
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(['briefing.html', 'evidence.json', 'incidents.csv', 'incidents.xlsx', 'manifest.json']);
    expect(manifest.files.map((f) => f.name).sort()).toEqual(names.filter((n) => n !== 'manifest.json'));
    for (const f of manifest.files) {
      const bytes = await zip.file(f.name)!.async('nodebuffer');
      expect(createHash('sha256').update(bytes).digest('hex'), f.name).toBe(f.sha256);
    }
    expect(manifest).toMatchObject({
      recipient: RECIPIENT,
      series: { id: savedId, name: `Op Falcon ${HOSTILE}`, method: 'courier', status: 'ongoing' },
      assessment: { seq: 1, kind: 'confirmed', at: first.at, by: 'analyst', dataVersion: first.dataVersion },
      exportedBy: { name: 'inspector', role: 'inspector' },
      marking: 'OFFICIAL-SENSITIVE',
    });
    expect(typeof manifest.dataVersion).toBe('number');
    expect(Date.parse(manifest.exportedAt)).not.toBeNaN();
  });

  it('incidents.xlsx lists the members with typed cells, a frozen header and an AutoFilter', async () => {
    const { zip } = await pack();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await zip.file('incidents.xlsx')!.async('nodebuffer')) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Incidents')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header[0]).toBe('Reference');
    expect(header.at(-1)).toBe('In assessment 1');
    expect(sheet.rowCount - 1).toBe(first.members.length);
    expect(sheet.autoFilter).toBeTruthy();
    expect(JSON.stringify(sheet.autoFilter)).toMatch(/A1/);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const col = (name: string) => header.indexOf(name) + 1;
    const lost = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2)).find(
      (r) => r.getCell(col('Outcome')).value === 'Money lost',
    )!;
    expect(lost.getCell(col('Offence date')).type).toBe(ExcelJS.ValueType.Date);
    expect(lost.getCell(col('Amount lost')).type).toBe(ExcelJS.ValueType.Number);
    expect(lost.getCell(col('Amount lost')).numFmt).toBe('"£"#,##0.00');
    expect(lost.getCell(col('In assessment 1')).value).toBe('Yes');
    const about = wb.getWorksheet('About')!;
    const aboutValues = Object.fromEntries(
      Array.from({ length: about.rowCount - 1 }, (_, i) => about.getRow(i + 2).values as unknown[]).map((v) => [v[1], v[2]]),
    );
    expect(aboutValues).toMatchObject({ Marking: 'OFFICIAL-SENSITIVE', Recipient: RECIPIENT, 'Exported by': 'inspector' });
  });

  it('incidents.csv has the labelled header and a row per member', async () => {
    const { text } = await pack();
    const lines = (await text('incidents.csv')).split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^\uFEFFReference,Offence date,Committed up to,Report date,Place,/);
    expect(lines[0]).toMatch(/,In assessment 1$/);
    expect(lines).toHaveLength(first.members.length + 1);
  });

  it('is recorded as a disclosure by the signed-in user naming the recipient', async () => {
    await pack(`recipient=${encodeURIComponent('National Fraud Intelligence Bureau')}`);
    // Reads are audited as the response closes.
    const entry = await until(
      async () =>
        ((await (await server.fetch('/api/audit?limit=500&action=disclosure')).json()) as AuditList).entries.find((e) =>
          e.object.includes('National Fraud Intelligence Bureau'),
        ),
      { what: 'the disclosure recorded' },
    );
    expect(entry).toMatchObject({ user: 'inspector', role: 'inspector', action: 'disclosure', rows: first.members.length });
    expect(JSON.parse(entry!.object)).toMatchObject({
      recipient: 'National Fraud Intelligence Bureau',
      savedSeriesId: savedId,
      assessment: 1,
    });
  });

  it('HEAD answers the headers without recording a disclosure', async () => {
    const res = await server.fetch(`/api/saved-series/${savedId}/pack?recipient=HeadOnlyUnit`, { method: 'HEAD', as: 'inspector' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    await auditCaughtUp(server);
    const audit = (await (await server.fetch('/api/audit?limit=500&action=disclosure')).json()) as AuditList;
    expect(audit.entries.some((e) => e.object.includes('HeadOnlyUnit'))).toBe(false);
  });

  it('refuses an analyst, a missing or blank recipient, and an unknown series or assessment', async () => {
    expect((await server.fetch(`/api/saved-series/${savedId}/pack?recipient=ERSOU`, { as: 'analyst' })).status).toBe(403);
    expect((await server.fetch(`/api/saved-series/${savedId}/pack`, { as: 'inspector' })).status).toBe(400);
    expect((await server.fetch(`/api/saved-series/${savedId}/pack?recipient=%20%20`, { as: 'inspector' })).status).toBe(400);
    expect((await server.fetch(`/api/saved-series/${savedId}/pack?recipient=a%0Ab`, { as: 'inspector' })).status).toBe(400);
    expect((await server.fetch(`/api/saved-series/${savedId}/pack?recipient=${'x'.repeat(201)}`, { as: 'inspector' })).status).toBe(400);
    expect((await server.fetch(`/api/saved-series/999999/pack?recipient=ERSOU`, { as: 'inspector' })).status).toBe(404);
    expect((await server.fetch(`/api/saved-series/${savedId}/pack?recipient=ERSOU&assessment=9`, { as: 'inspector' })).status).toBe(404);
  });

  it('briefing.html escapes what it shows and makes no external request', async () => {
    const { text } = await pack(`recipient=${encodeURIComponent(`<b>${RECIPIENT}</b>`)}`);
    const html = await text('briefing.html');
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('Op Falcon &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;b&gt;ERSOU Regional Fraud Team&lt;/b&gt;');
    expect(html).not.toMatch(/<script|<link|src="http|href="http/i);
  });
});

describe('after newer data and detection', () => {
  it('the pack carries the frozen assessment, not the newer detection; evidence.json holds the whole history', async () => {
    // Eight more courier reports in the same weeks and towns: detection now finds a larger series.
    const rows = Array.from({ length: 8 }, (_, i) => [
      `HC/19/X${i}`,
      `${String(3 + i * 3).padStart(2, '0')}/04/2019`,
      ['St Albans', 'Watford', 'Borehamwood', 'Potters Bar'][i % 4]!,
      'Courier fraud (police impersonation)',
      '£1,500.00',
      '81',
      'Money lost',
      'Asked to withdraw cash for a courier',
    ]);
    expect((await upload(server.url, forceReturn(rows), { fileName: 'extra.csv' })).status).toBe(201);
    await aprilSeries();
    const detail = (await getJson<SavedSeriesDetail>(server.url, `/api/saved-series/${savedId}`)).body;
    const newer = detail.newerEvidence;
    expect(newer).not.toBeNull();
    expect(newer!.count).not.toBe(first.observed);

    const { manifest, text } = await pack();
    expect(manifest.assessment.seq).toBe(1);
    const html = await text('briefing.html');
    expect(html).toContain('Assessment 1 of 1 · confirmed by analyst on');
    expect(html).toContain(`${first.reports} · ${first.observed} observed vs ${first.expected!.toFixed(1)} expected`);
    expect(html).not.toContain(`${newer!.count} observed vs`);
    for (const ref of first.members) expect(html).toContain(`<td>${ref}</td>`);
    expect(html).not.toContain('HC/19/X0');

    // A re-assessment appends; the pack follows the latest unless told which one.
    expect((await send<SeriesAssessment>('POST', `/api/saved-series/${savedId}/assessments`, { note: 'new returns' })).status).toBe(201);
    const latest = await pack();
    expect(latest.manifest.assessment.seq).toBe(2);
    const evidence = JSON.parse(await latest.text('evidence.json')) as {
      assessmentUsed: number;
      assessments: SeriesAssessment[];
      evidence: SeriesAssessment['evidence'];
    };
    expect(evidence.assessmentUsed).toBe(2);
    expect(evidence.assessments.map((a) => [a.seq, a.kind])).toEqual([
      [1, 'confirmed'],
      [2, 'reassessed'],
    ]);
    expect(evidence.assessments[0]).toEqual(first);
    expect(evidence.evidence.map((e) => e.reference).sort()).toEqual([...evidence.assessments[1]!.members].sort());
    expect(evidence.evidence[0]).toMatchObject({ ties: expect.any(Object), reasons: expect.any(Array) });

    const older = await pack(`recipient=ERSOU&assessment=1`);
    expect(older.manifest.assessment.seq).toBe(1);
    expect(await older.text('briefing.html')).toContain('Assessment 1 of 2 · confirmed by analyst');
    const olderEvidence = JSON.parse(await older.text('evidence.json')) as { evidence: SeriesAssessment['evidence'] };
    expect(olderEvidence.evidence).toEqual(first.evidence);
  });
});
