import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportResult, IncidentList } from '@scam/shared';
import { createTestDb, forceReturn, startTestServer, TEST_PASSWORD, upload, type TestDb, type TestServer } from './test-support/test-db.js';
import { until } from './test-support/until.js';

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

const row = (ref: string, town = 'Watford', notes = '') => [
  ref,
  '02/10/2023',
  town,
  'Courier fraud (police impersonation)',
  '£500.00',
  '81',
  'Money lost',
  notes,
];

/** Every hostile input gets a 4xx it explains, or is stored as inert text; never a 500. */
function expectClear4xxOrOk(status: number, body: unknown): void {
  expect(status).toBeLessThan(500);
  if (status >= 400) {
    expect(body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    // The message quotes at most a short excerpt of what was sent.
    expect(String((body as { error: { message: string } }).error.message).length).toBeLessThan(400);
  }
}

describe('upload file names', () => {
  it.each([
    ['an em dash and accents', 'Return — Octobre été.csv', 'Return — Octobre été.csv'],
    ['a tab and a newline', 'ret\turn\n.csv', 'return.csv'],
    ['a right-to-left override', 'evil\u202Evsc.exe', 'evilvsc.exe'],
    ['non-Latin-1 characters', 'возврат 週報.csv', 'возврат 週報.csv'],
  ])('%s: stored readable and inert', async (_name, fileName, stored) => {
    const res = await upload(server.url, forceReturn([row('HC/FN/1')]), { fileName });
    expectClear4xxOrOk(res.status, res.body);
    expect(res.status).toBe(201);
    expect((res.body as unknown as ImportResult).fileName).toBe(stored);
  });

  it('a NUL in the file name (which breaks the multipart header) is a clear 400', async () => {
    const res = await upload(server.url, forceReturn([row('HC/FN/0')]), { fileName: 'ret\u0000urn.csv' });
    expect(res.status).toBe(400);
    expectClear4xxOrOk(res.status, res.body);
  });

  it('a file name of 300 characters is a clear 400, and nothing is stored', async () => {
    const before = t.fingerprint();
    const res = await upload(server.url, forceReturn([row('HC/FN/2')]), { fileName: `${'x'.repeat(296)}.csv` });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { message: expect.stringMatching(/longer than 255/) } });
    expect(t.fingerprint()).toBe(before);
  });

  it('the rejected-rows download names the file by RFC 6266/5987, with the marking', async () => {
    const res = await upload(server.url, forceReturn([row('HC/FN/3'), row('HC/FN/4', 'Watfrod')]), { fileName: 'Return — Oct.csv' });
    const batchId = (res.body as unknown as ImportResult).batchId;
    const csv = await server.fetch(`/api/imports/${batchId}/rejected.csv`);
    expect(csv.status).toBe(200);
    const disposition = csv.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(
      /^attachment; filename="OFFICIAL-SENSITIVE Return \? Oct-rejected \d{4}-\d\d-\d\d\.csv"; filename\*=UTF-8''OFFICIAL-SENSITIVE%20Return%20%E2%80%94%20Oct-rejected%20/,
    );
  });
});

describe('hostile cells and requests', () => {
  it('a reference longer than the store allows is a row error, not a crash', async () => {
    const res = await upload(server.url, forceReturn([row('HC/OK/1'), row(`HC/${'9'.repeat(150)}`)]));
    expectClear4xxOrOk(res.status, res.body);
    const body = res.body as unknown as ImportResult;
    expect(body.counts.inserted).toBe(1);
    expect(body.counts.rejected).toBe(1);
    expect(body.errors[0]?.value.length).toBeLessThan(100);
  });

  it('invisible and direction-changing characters in a reference or town are refused per row', async () => {
    const res = await upload(
      server.url,
      forceReturn([row('HC/BIDI/1\u202E'), row('HC/ZW/\u200B2'), row('HC/TOWN/3', 'Wat\u200Bford'), row('HC/FINE/4')]),
    );
    expectClear4xxOrOk(res.status, res.body);
    const body = res.body as unknown as ImportResult;
    expect(body.counts.inserted).toBe(1);
    expect(body.counts.rejected).toBe(3);
    const stored = (t.db.prepare('SELECT reference FROM incidents').all() as { reference: string }[]).map((r) => r.reference);
    expect(stored).toEqual(['HC/FINE/4']);
  });

  const storedReferences = () =>
    (t.db.prepare('SELECT reference FROM incidents ORDER BY id').all() as { reference: string }[]).map((r) => r.reference);

  it('references are limited to letters, digits and / - _ . : look-alike scripts, formulas, markup and SQL are row errors', async () => {
    const hostile = [
      'НХ/09/1', // Cyrillic
      'ΗΧ/09/1', // Greek
      'HX/09/\uFF11', // full-width digit one
      '=HYPERLINK("http://x")',
      '<svg onload=alert(1)>',
      "HX/24/1'; DROP TABLE incidents;--",
      'HC/CAFÉ/1',
      'HX 09 1',
    ];
    const res = await upload(server.url, forceReturn([row('HX/09/1'), ...hostile.map((r) => row(r))]));
    expectClear4xxOrOk(res.status, res.body);
    const body = res.body as unknown as ImportResult;
    expect(body.counts).toMatchObject({ inserted: 1, rejected: hostile.length });
    expect(storedReferences()).toEqual(['HX/09/1']);
    // The first reason on each line (a look-alike of an earlier line is also told it repeats it).
    const reasons = hostile.map((_, i) => body.errors.find((e) => e.line === i + 3)?.reason);
    expect(reasons[0]).toBe('reference contains "Н" (U+041D): references use only the letters A–Z, the digits 0–9 and / - _ .');
    expect(reasons[1]).toContain('"Η" (U+0397)');
    expect(reasons[2]).toContain('"１" (U+FF11)');
    expect(reasons[3]).toContain('reference contains "="');
    expect(reasons[4]).toContain('reference contains "<"');
    expect(reasons[5]).toContain(`reference contains "'"`);
    expect(reasons[7]).toContain('reference contains a space');
  });

  it('a reference that differs from a stored one only by look-alike characters or case is refused, naming the stored one', async () => {
    await upload(server.url, forceReturn([row('HX/09/1')]), { fileName: 'first.csv' });
    for (const [i, lookalike] of ['HX/O9/1', 'hx/09/1', 'HX/09/l', 'HX/09/I'].entries()) {
      const res = await upload(server.url, forceReturn([row(lookalike), row(`HX/10/${i}`)]), { fileName: `lookalike-${i}.csv` });
      const body = res.body as unknown as ImportResult;
      expect(body.counts).toMatchObject({ inserted: 1, rejected: 1 });
      expect(body.errors.map((e) => e.reason)).toEqual([
        `reference "${lookalike}" differs from the stored reference "HX/09/1" only by look-alike characters or case; write it as stored to update that incident`,
      ]);
    }
    expect(storedReferences()).toEqual(['HX/09/1', 'HX/10/0', 'HX/10/1', 'HX/10/2', 'HX/10/3']);
    // The reference as stored still updates its incident.
    const again = await upload(server.url, forceReturn([row('HX/09/1', 'Hitchin')]), { fileName: 'third.csv' });
    expect((again.body as unknown as ImportResult).counts).toMatchObject({ updated: 1, rejected: 0 });
  });

  it('two look-alike references in one file: the later line is refused as a repeat', async () => {
    const res = await upload(server.url, forceReturn([row('HX/09/1'), row('HX/O9/l')]));
    const body = res.body as unknown as ImportResult;
    expect(body.counts).toMatchObject({ inserted: 1, rejected: 1 });
    expect(body.errors[0]?.reason).toBe(
      'reference "HX/O9/l" already appears on line 2 of this file (as written, or in look-alike characters)',
    );
  });

  it('"%" and "_" in the search box match literally', async () => {
    await upload(server.url, forceReturn([row('HC/23_1'), row('HC/2391'), row('HC/50XA')]));
    const search = async (q: string) =>
      ((await (await server.fetch(`/api/incidents?q=${encodeURIComponent(q)}`)).json()) as IncidentList).incidents
        .map((i) => i.reference)
        .sort();
    expect(await search('HC/23_')).toEqual(['HC/23_1']);
    expect(await search('HC/50%')).toEqual([]);
    // Unescaped, "%" would match every record; literally, no reference starts with it and no town has one.
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
  });

  it.each([
    ['malformed JSON', '/api/saved-series', 'POST', '{"name": "x", '],
    ['a JSON body of 2 MB', '/api/saved-series', 'POST', JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) })],
    ['an id that is not a number', '/api/saved-series/12abc', 'GET', undefined],
    ['an id of 40 digits', '/api/imports/1234567890123456789012345678901234567890', 'GET', undefined],
    ['a bad filter', '/api/summary?from=2023-02-30', 'GET', undefined],
    ['a filter with a NUL', '/api/summary?district=Wat%00ford', 'GET', undefined],
    ['a district name of 5,000 characters', `/api/summary?district=${'Q'.repeat(5000)}`, 'GET', undefined],
    ['an incident reference of 5,000 characters', `/api/incidents/${'Q'.repeat(5000)}`, 'GET', undefined],
    ['a series id of 190 characters that does not exist', '/api/appeals/draft', 'POST', JSON.stringify({ seriesId: 'Q'.repeat(190) })],
    ['a mapping that is not JSON', '/api/imports', 'POST', 'multipart'],
    ['replicates past the cap', '/api/series?replicates=100000', 'GET', undefined],
    ['an unknown audit action', '/api/audit?action=delete_everything', 'GET', undefined],
    ['a date in year 1', '/api/series?from=0001-01-01', 'GET', undefined],
    ['a multipart upload without a boundary', '/api/imports', 'POST', 'no-boundary'],
  ])('%s: a clear 4xx', async (_name, path, method, body) => {
    let init: RequestInit = { method };
    if (body === 'multipart') {
      const form = new FormData();
      form.append('file', new Blob([forceReturn([row('HC/M/1')])]), 'r.csv');
      form.append('mapping', '{not json');
      init = { method, body: form };
    } else if (body === 'no-boundary') init = { method, body: 'x', headers: { 'content-type': 'multipart/form-data' } };
    else if (body !== undefined) init = { method, body, headers: { 'content-type': 'application/json' } };
    const res = await server.fetch(path, init);
    const json: unknown = await res.json();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expectClear4xxOrOk(res.status, json);
  });

  it('too many multipart parts is refused, not buffered', async () => {
    const form = new FormData();
    form.append('file', new Blob([forceReturn([row('HC/P/1')])]), 'r.csv');
    for (let i = 0; i < 20; i++) form.append(`extra${i}`, 'x');
    const res = await server.fetch('/api/imports', { method: 'POST', body: form });
    expect(res.status).toBe(400);
  });
});

describe('free text through the JSON API', () => {
  const send = async (method: string, path: string, body: unknown) => {
    const res = await server.fetch(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & { error?: { code: string; issues?: { path?: string }[] } },
    };
  };
  const savedSeries = (name: string) => send('POST', '/api/saved-series', { name, method: 'courier', incidents: ['HC/TXT/1'] });
  beforeEach(async () => {
    expect((await upload(server.url, forceReturn([row('HC/TXT/1')]))).status).toBe(201);
  });

  /** A 400 in the one error shape whose issues name `field`. */
  function expectRefused(res: Awaited<ReturnType<typeof send>>, field: string): void {
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('bad_request');
    expect(res.body.error?.issues?.map((i) => i.path)).toContain(field);
  }

  it('a NUL in a saved series name, its rename or a timeline title is a 400 naming the field, not a 500', async () => {
    expectRefused(await savedSeries('\u0000'), 'name');
    const ok = await savedSeries('Courier series');
    expect(ok.status).toBe(201);
    expectRefused(await send('PATCH', `/api/saved-series/${String(ok.body.id)}`, { name: '\u0000' }), 'name');
    expectRefused(await send('POST', '/api/timeline-events', { day: '2026-10-05', kind: 'arrest', title: '\u0000' }), 'title');
    expect(t.db.prepare("SELECT count(*) AS n FROM saved_series WHERE name <> 'Courier series'").get()).toEqual({ n: 0 });
  });

  it.each([
    ['a right-to-left override', 'Watford \u202Eseires'],
    ['a zero-width space', 'Wat\u200Bford'],
    ['a right-to-left isolate', 'Wat\u2067ford\u2069'],
    ['a byte-order mark', '\uFEFFWatford'],
  ])('%s is refused in every free-text field, naming it', async (_what, text) => {
    const ok = await savedSeries('Courier series');
    const id = String(ok.body.id);
    expectRefused(await savedSeries(text), 'name');
    expectRefused(await send('POST', '/api/saved-series', { name: 'x', method: 'courier', incidents: ['HC/TXT/1'], notes: text }), 'notes');
    expectRefused(await send('PATCH', `/api/saved-series/${id}`, { name: text }), 'name');
    expectRefused(await send('PATCH', `/api/saved-series/${id}`, { notes: `line one\n${text}` }), 'notes');
    expectRefused(await send('POST', `/api/saved-series/${id}/assessments`, { note: text }), 'note');
    const pack = await server.fetch(`/api/saved-series/${id}/pack?recipient=${encodeURIComponent(text)}`);
    expect(pack.status).toBe(400);
    expect(((await pack.json()) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path)).toContain('recipient');
    expectRefused(await send('POST', '/api/timeline-events', { day: '2026-10-05', kind: 'arrest', title: text }), 'title');
    expectRefused(await send('POST', '/api/saved-views', { name: text, page: '/' }), 'name');
    expectRefused(await send('POST', '/api/appeals/exports', { title: text, format: 'text', seriesId: null }), 'title');
    expectRefused(
      await send('POST', '/api/appeals/exports', { title: 'Appeal', format: 'text', seriesId: null, purpose: text }),
      'purpose',
    );
    expect(t.db.prepare('SELECT count(*) AS n FROM saved_series').get()).toEqual({ n: 1 });
    expect(t.db.prepare('SELECT count(*) AS n FROM timeline_events').get()).toEqual({ n: 0 });
    expect(t.db.prepare('SELECT count(*) AS n FROM saved_views').get()).toEqual({ n: 0 });
  });

  it('accents, dashes, emoji and line breaks in notes are kept, stored NFC and trimmed', async () => {
    const typed = '  Ope\u0301ration Faucon – Hitchin 🚨 ';
    const stored = 'Opération Faucon – Hitchin 🚨';
    const series = await send('POST', '/api/saved-series', {
      name: typed,
      method: 'courier',
      incidents: ['HC/TXT/1'],
      notes: 'Première ligne\r\n\tdeuxième 👩‍💻',
    });
    expect(series.status).toBe(201);
    expect(series.body).toMatchObject({ name: stored, notes: 'Première ligne\n\tdeuxième 👩‍💻' });
    expect((await send('POST', '/api/timeline-events', { day: '2026-10-05', kind: 'arrest', title: typed })).body).toMatchObject({
      title: stored,
    });
    expect((await send('POST', '/api/saved-views', { name: typed, page: '/' })).body).toMatchObject({ name: stored });
    for (const [table, column] of [
      ['saved_series', 'name'],
      ['timeline_events', 'title'],
      ['saved_views', 'name'],
    ])
      expect(t.db.prepare(`SELECT ${column} AS v FROM ${table}`).all()).toEqual([{ v: stored }]);
  });
});

describe('exports a client abandons half-way', () => {
  async function readABitThenAbandon(path: string, as: 'analyst' | 'admin'): Promise<void> {
    const abort = new AbortController();
    const res = await server.fetch(path, { as, signal: abort.signal });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    abort.abort();
    // The server notices the client has gone and records what it sent as a partial disclosure.
    await until(
      async () =>
        ((await (await server.fetch(`/api/audit?action=disclosure&user=${as}`)).json()) as { entries: { object: string }[] }).entries.some(
          (e) => e.object.includes(`"GET ${path}"`) && e.object.includes('"partial":true'),
        ),
      { what: `the cut-off ${path} recorded` },
    );
  }

  it('an incident export cut off is recorded as a partial disclosure, and the server stays writable', async () => {
    const long = 'a note long enough to make the export several megabytes '.repeat(8);
    await upload(server.url, forceReturn(Array.from({ length: 20_000 }, (_, i) => row(`HC/EXP/${i}`, 'Watford', long))), {
      fileName: 'big.csv',
    });
    await readABitThenAbandon('/api/incidents.csv', 'analyst');
    const entries = (
      (await (await server.fetch('/api/audit?action=disclosure')).json()) as { entries: { user: string; object: string; rows: number }[] }
    ).entries;
    const cut = entries.find((e) => e.user === 'analyst');
    expect(JSON.parse(cut?.object ?? '{}')).toMatchObject({ partial: true });
    expect(cut?.rows).toBeGreaterThan(0);
    expect(cut?.rows).toBeLessThan(20_000);
  });

  it('an audit export cut off leaves no cursor open: sign-ins and audit entries are still written', async () => {
    const insert = t.db.prepare(
      "INSERT INTO audit_log (at, user_name, role, action, object_json, rows) VALUES ('2026-11-01T00:00:00Z', 'x', 'viewer', 'consultation', ?, 1)",
    );
    t.db.transaction(() => {
      for (let i = 0; i < 40_000; i++) insert.run(JSON.stringify({ route: 'GET /api/summary', filler: 'y'.repeat(60) }));
    })();
    await readABitThenAbandon('/api/audit.csv', 'admin');
    const signIn = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ username: 'viewer', password: TEST_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    await server.fetch('/api/summary', { as: 'viewer' });
    const recent = ((await (await server.fetch('/api/audit?user=viewer')).json()) as { entries: { action: string }[] }).entries.map(
      (e) => e.action,
    );
    expect(recent).toEqual(expect.arrayContaining(['sign_in', 'consultation']));
  });
});

describe('erased data does not linger', () => {
  it('after rollback and erasure the batch’s text is gone from the database file, free pages included', async () => {
    const marker = 'ZQXJ-UNIQUE-VICTIM-NOTE';
    const res = await upload(
      server.url,
      forceReturn([row('HC/ER/1', 'Watford', `${marker} one`), row('HC/ER/2', 'Watfrod', `${marker} two`)]),
    );
    const batchId = (res.body as unknown as ImportResult).batchId;
    // Copies elsewhere: a saved series naming the incident, and a detection run that found it.
    const saved = await server.fetch('/api/saved-series', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Erase me', method: 'courier', incidents: ['HC/ER/1'] }),
    });
    expect(saved.status).toBe(201);
    t.db
      .prepare(
        "INSERT INTO detection_runs (trigger, batch_id, generation, from_date, to_date, series_json, elapsed_ms, created_at) VALUES ('manual', NULL, 'x', '2023-10-01', '2023-10-31', ?, 1, '2026-11-23T00:00:00Z')",
      )
      .run(
        JSON.stringify([
          {
            id: 'a',
            kind: 'linked',
            method: 'courier',
            first: '2023-10-02',
            last: '2023-10-02',
            count: 1,
            expected: 0,
            relativeRisk: 1,
            pValue: null,
            recurrenceDays: null,
            lossPence: 0,
            victimsLost: 0,
            attempts: 0,
            districts: [],
            places: [],
            centre: { lat: 51.6, lon: -0.4 },
            radiusKm: 1,
            incidents: ['HC/ER/1'],
            evidence: [],
            explanation: '',
            trend: 'new',
          },
        ]),
      );
    // A stored detected series naming the incident: erasure must not leave this copy behind either.
    t.db
      .prepare(
        "INSERT INTO detected_series (id, method, series_json, from_date, to_date, mode, found_by, first_seen_at, updated_at) VALUES ('courier-er', 'courier', '{}', '2023-10-01', '2023-10-31', 'retrospective', 'analyst', 'x', 'x')",
      )
      .run();
    t.db.prepare("INSERT INTO detected_series_incidents (series_id, reference) VALUES ('courier-er', 'HC/ER/1')").run();
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(t.path).includes(marker)).toBe(true);
    expect((await server.fetch(`/api/imports/${batchId}/rollback`, { method: 'POST' })).status).toBe(200);
    const erased = await server.fetch(`/api/imports/${batchId}/erase`, { method: 'POST' });
    expect(erased.status).toBe(200);
    expect(((await erased.json()) as { erased: Record<string, number> }).erased).toMatchObject({
      detectionRuns: 1,
      detectedSeries: 1,
      savedSeriesMembers: 1,
      savedSeriesAssessments: 1,
    });
    // The saved series' frozen assessment named it too: its reference and evidence are taken out.
    expect(
      t.db
        .prepare("SELECT count(*) FROM series_assessments WHERE members_json LIKE '%HC/ER/1%' OR evidence_json LIKE '%HC/ER/1%'")
        .pluck()
        .get(),
    ).toBe(0);
    expect(t.db.prepare('SELECT count(*) FROM series_assessments WHERE redacted_at IS NOT NULL').pluck().get()).toBe(1);
    expect((t.db.prepare("SELECT count(*) AS n FROM detected_series_incidents WHERE reference = 'HC/ER/1'").get() as { n: number }).n).toBe(
      0,
    );
    expect((t.db.prepare("SELECT count(*) AS n FROM saved_series_incidents WHERE reference = 'HC/ER/1'").get() as { n: number }).n).toBe(0);
    expect((await server.fetch(`/api/imports/${batchId}/rejected.csv`)).status).toBe(410);
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(t.path).includes(marker)).toBe(false);
    // Erasing twice, or a batch still committed, is a 409.
    expect((await server.fetch(`/api/imports/${batchId}/erase`, { method: 'POST' })).status).toBe(409);
  });
});

describe('what the server writes to its log and serves', () => {
  it('request logs carry method, path and status, never query strings, names or bodies', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _e, cb) => (lines.push(chunk.toString()), cb()) }));
    await server.close();
    server = await startTestServer({ ...t.deps, logger });
    await upload(server.url, forceReturn([row('HC/LOG/1', 'Watford', 'Mrs Example, 14 Acacia Avenue')]));
    await server.fetch('/api/incidents?q=Acacia&place=Watford');
    await server.fetch('/api/incidents/HC%2FLOG%2F1');
    const log = lines.join('');
    expect(log).toContain('"path":"/api/incidents"');
    expect(log).toContain('"statusCode":200');
    for (const secret of ['Acacia', 'Mrs Example', 'place=Watford', 'admin', 'authorization', 'Bearer']) expect(log).not.toContain(secret);
  });

  it('does not serve source maps', async () => {
    const web = mkdtempSync(join(tmpdir(), 'scam-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(web, 'assets', 'app.js.map'), '{"sources":["secret.ts"]}');
    await server.close();
    server = await startTestServer({ ...t.deps, config: { ...t.deps.config, WEB_DIST: web } });
    expect((await fetch(`${server.url}/assets/app.js`)).status).toBe(200);
    const map = await fetch(`${server.url}/assets/app.js.map`);
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain('secret.ts');
    rmSync(web, { recursive: true, force: true });
  });
});
