import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, forceReturn, samplePath, startTestServer, upload, type TestDb, type TestServer } from './test-support/test-db.js';

let t: TestDb;
let server: TestServer;

beforeEach(async () => {
  t = createTestDb({ maxBytes: 64 * 1024 });
  server = await startTestServer(t.deps);
});
afterEach(async () => {
  await server.close();
  t.close();
});

const count = (table: string) => (t.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('importing the sample weekly returns', () => {
  it.each([
    ['force-weekly-return-WE-2023-10-08.csv', 25],
    ['force-weekly-return-WE-2023-10-15.csv', 30],
    ['force-weekly-return-WE-2023-10-22.csv', 35],
    ['nfib-dissemination-2023-10.csv', 60],
  ])('%s imports every row with no mapping given', async (file, rows) => {
    const res = await upload(server.url, readFileSync(samplePath(file)), { fileName: file });
    expect(res.status).toBe(201);
    const body = res.body;
    expect(body.counts).toEqual({ rows, inserted: rows, updated: 0, unchanged: 0, rejected: 0 });
    expect(body.errors).toEqual([]);
    expect(count('incidents')).toBe(rows);
    // The response says which header went to which field.
    const mapped = Object.fromEntries(body.mapping.map((m) => [m.header, m.field]));
    expect(Object.values(mapped)).toEqual(expect.arrayContaining(['reference', 'offenceDate', 'town', 'method', 'loss', 'outcome']));
  });

  it('stores money in pence, dates as days and towns resolved to Hertfordshire districts', async () => {
    await upload(server.url, readFileSync(samplePath('force-weekly-return-WE-2023-10-08.csv')));
    const { body } = await server.api.get('incident', { params: { id: 'HC/23/40002' } });
    expect(body.incident).toMatchObject({
      reference: 'HC/23/40002',
      offenceDate: '2023-10-02',
      place: 'Hatfield',
      district: 'Welwyn Hatfield',
      county: 'Hertfordshire',
      method: 'tech_support',
      lossPence: 120110,
      outcome: 'lost',
    });
  });

  it('a dry run returns the full plan and writes nothing', async () => {
    const before = t.fingerprint();
    const res = await upload(server.url, readFileSync(samplePath('nfib-dissemination-2023-10.csv')), { dryRun: true });
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body.batchId).toBeNull();
    expect(body.counts.inserted).toBe(60);
    expect(body.plan).toHaveLength(60);
    expect(t.fingerprint()).toBe(before);
  });
});

describe('bad input is refused with a clear error and changes nothing', () => {
  const good = forceReturn([['HC/1', '02/10/2023', 'Watford', 'Courier fraud (police impersonation)', '£500.00', '81', 'Money lost', '']]);

  beforeEach(async () => {
    expect((await upload(server.url, good)).status).toBe(201);
  });

  const fileCases: [string, string | Uint8Array, number, RegExp][] = [
    ['an empty file', '', 400, /empty/i],
    [
      'a header-only file',
      `${'Reference,Date,Town,Method,Loss (£),Victim age,Outcome,Notes'}\r\n`,
      400,
      /no (data|incident) rows|header only|only a header/i,
    ],
    [
      'a binary file',
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x01, 0x02]),
      400,
      /binary|not text|not a csv/i,
    ],
    ['a file with no recognisable header', 'colour,flavour,size\r\nred,sweet,large\r\n', 400, /header|column/i],
    [
      'an unterminated quote',
      `${'Reference,Date,Town,Method,Loss (£),Victim age,Outcome,Notes'}\r\nHC/2,02/10/2023,Watford,Courier,"£5,80,Money lost,x\r\n`,
      400,
      /quote/i,
    ],
    [
      'a file over the size limit',
      forceReturn(
        Array.from({ length: 2000 }, (_, i) => [
          `HC/X/${i}`,
          '02/10/2023',
          'Watford',
          'Courier',
          '',
          '',
          'Attempt, no loss',
          'padding '.repeat(5),
        ]),
      ),
      413,
      /larger|size|limit/i,
    ],
  ];

  it.each(fileCases)('%s', async (_name, content, status, message) => {
    const before = t.fingerprint();
    const res = await upload(server.url, content);
    expect(res.status).toBe(status);
    const err = res.error;
    expect(err.message).toMatch(message);
    expect(t.fingerprint()).toBe(before);
  });

  const rowCases: [string, string[], string, RegExp][] = [
    ['an impossible date', ['HC/3', '31/02/2023', 'Watford', 'Courier fraud', '', '', 'Attempt, no loss', ''], 'Date', /date/i],
    ['a future date', ['HC/3', '02/10/2027', 'Watford', 'Courier fraud', '', '', 'Attempt, no loss', ''], 'Date', /future/i],
    ['a negative loss', ['HC/3', '02/10/2023', 'Watford', 'Courier fraud', '-£50.00', '', 'Money lost', ''], 'Loss (£)', /negative/i],
    [
      'a non-numeric loss',
      ['HC/3', '02/10/2023', 'Watford', 'Courier fraud', 'lots', '', 'Money lost', ''],
      'Loss (£)',
      /amount|number|numeric|money/i,
    ],
    ['an unknown town', ['HC/3', '02/10/2023', 'Watfrod', 'Courier fraud', '', '', 'Attempt, no loss', ''], 'Town', /Watford/],
    [
      'a missing reference',
      ['', '02/10/2023', 'Watford', 'Courier fraud', '', '', 'Attempt, no loss', ''],
      'Reference',
      /reference|missing|required/i,
    ],
  ];

  it.each(rowCases)('%s: the row error names line, column and value, and nothing is stored', async (_name, row, column, reason) => {
    const before = t.fingerprint();
    const res = await upload(server.url, forceReturn([row]));
    expect(res.status).toBe(422);
    const err = res.error;
    expect(err.code).toBe('no_valid_rows');
    const issue = err.issues?.find((i) => i.column === column);
    expect(issue).toBeDefined();
    expect(issue?.line).toBe(2);
    expect(issue?.message).toMatch(reason);
    expect(t.fingerprint()).toBe(before);
  });

  it('a mixed file stores the good rows, keeps the bad ones for download, and names each error', async () => {
    const file = forceReturn([
      ['HC/10', '03/10/2023', 'St Albans', 'HMRC impersonation', '£1,500.00', '70', 'Money lost', 'iTunes vouchers'],
      ['HC/11', '03/10/2023', 'Nowhereville', 'HMRC impersonation', '', '', 'Attempt, no loss', ''],
      ['HC/12', '04/10/2023', 'Stevenage', 'Romance scam', 'abc', '', 'Money lost', ''],
    ]);
    const res = await upload(server.url, file, { fileName: 'mixed.csv' });
    expect(res.status).toBe(201);
    const body = res.body;
    expect(body.counts).toEqual({ rows: 3, inserted: 1, updated: 0, unchanged: 0, rejected: 2 });
    expect(body.errors.map((e) => [e.line, e.column, e.value])).toEqual([
      [3, 'Town', 'Nowhereville'],
      [4, 'Loss (£)', 'abc'],
    ]);
    const csv = await (await server.api.fetch('GET', 'importRejectedCsv', { params: { id: Number(body.batchId) } })).text();
    expect(csv).toContain('Nowhereville');
    expect(csv).toContain('abc');
    expect(csv).not.toContain('HC/10');
  });
});

describe('re-imports, history and rollback', () => {
  const week1 = forceReturn([
    ['HC/20', '02/10/2023', 'Watford', 'Courier fraud (police impersonation)', '', '84', 'Attempt, no loss', 'Asked to call 101'],
    ['HC/21', '03/10/2023', 'Bushey', 'HMRC impersonation', '£900.00', '66', 'Money lost', ''],
  ]);
  const week2 = forceReturn([
    // The attempt turned out to be a loss: the later return updates the record.
    [
      'HC/20',
      '02/10/2023',
      'Watford',
      'Courier fraud (police impersonation)',
      '£8,000.00',
      '84',
      'Money lost',
      'Cash collected by courier',
    ],
    ['HC/21', '03/10/2023', 'Bushey', 'HMRC impersonation', '£900.00', '66', 'Money lost', ''],
    ['HC/22', '09/10/2023', 'Hitchin', 'Courier fraud (police impersonation)', '', '90', 'Stopped by bank', ''],
  ]);

  it('a re-sent row updates its record and the change goes into its history', async () => {
    await upload(server.url, week1, { fileName: 'w1.csv' });
    const res = await upload(server.url, week2, { fileName: 'w2.csv' });
    expect(res.body.counts).toEqual({ rows: 3, inserted: 1, updated: 1, unchanged: 1, rejected: 0 });
    const { body } = await server.api.get('incident', { params: { id: 'HC/20' } });
    expect(body.incident.lossPence).toBe(800000);
    expect(body.incident.outcome).toBe('lost');
    expect(body.history.map((h) => h.kind)).toEqual(['insert', 'update']);
    expect(body.history[1]?.changes.loss_pence).toEqual([0, 800000]);
    expect(body.history[1]?.changes.outcome).toEqual(['attempted', 'lost']);
  });

  it('importing the same file twice changes nothing', async () => {
    await upload(server.url, week1, { fileName: 'w1.csv' });
    const before = t.fingerprint();
    const again = await upload(server.url, week1, { fileName: 'w1-again.csv' });
    expect(again.status).toBe(200);
    const body = again.body;
    expect(body.alreadyImported).toBe(true);
    expect(body.counts.inserted + body.counts.updated).toBe(0);
    expect(t.fingerprint()).toBe(before);
  });

  it('a reference repeated inside one file is reported and stored once', async () => {
    const file = forceReturn([
      ['HC/30', '02/10/2023', 'Watford', 'Romance scam', '', '', 'Attempt, no loss', ''],
      ['HC/30', '03/10/2023', 'Watford', 'Romance scam', '', '', 'Attempt, no loss', ''],
    ]);
    const body = (await upload(server.url, file)).body;
    expect(body.counts.inserted).toBe(1);
    expect(body.counts.rejected).toBe(1);
    expect(body.errors[0]?.line).toBe(3);
    expect(body.errors[0]?.reason).toMatch(/line 2/);
    expect(count('incidents')).toBe(1);
  });

  it('rolling a batch back restores the earlier state', async () => {
    await upload(server.url, week1, { fileName: 'w1.csv' });
    const summaryBefore = (await server.api.get('summary')).body.reports;
    const snapshot = () => t.db.prepare('SELECT reference, outcome, loss_pence, summary FROM incidents ORDER BY reference').all();
    const earlier = snapshot();
    const w2 = (await upload(server.url, week2, { fileName: 'w2.csv' })).body;
    expect(snapshot()).not.toEqual(earlier);
    expect((await server.api.get('summary')).body.reports).toBe(summaryBefore + 1);

    const res = await server.api.post('importRollback', { params: { id: Number(w2.batchId) } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ batchId: w2.batchId, removed: 1, reverted: 1 });
    expect(snapshot()).toEqual(earlier);
    // What the dashboard shows follows: the summary counts what is left, not what was there.
    const summary = (await server.api.get('summary')).body;
    const stored = t.db.prepare('SELECT count(*) AS n, coalesce(sum(loss_pence), 0) AS loss FROM incidents').get() as {
      n: number;
      loss: number;
    };
    expect(summary).toMatchObject({ reports: stored.n, lossPence: stored.loss });
    const batch = (await server.api.get('importBatch', { params: { id: Number(w2.batchId) } })).body;
    expect(batch.status).toBe('rolled_back');
    // A second rollback is refused, and the file can be imported again afterwards.
    expect((await server.api.fetch('POST', 'importRollback', { params: { id: Number(w2.batchId) } })).status).toBe(409);
    expect((await upload(server.url, week2)).body.counts.updated).toBe(1);
  });

  it('rolls back a batch whose history was written before a column was added or after one was dropped', async () => {
    await upload(server.url, week1, { fileName: 'w1.csv' });
    const snapshot = () =>
      t.db.prepare('SELECT reference, outcome, loss_pence, summary, caller_number FROM incidents ORDER BY reference').all();
    const earlier = snapshot();
    const w2 = (await upload(server.url, week2, { fileName: 'w2.csv' })).body;
    // As an older version would have stored it: no caller_number key, and a key for a column that is gone.
    t.db
      .prepare(
        "UPDATE incident_history SET before_json = json_set(json_remove(before_json, '$.caller_number'), '$.dropped_column', 'x') WHERE batch_id = ? AND kind = 'update'",
      )
      .run(w2.batchId);
    const res = await server.api.post('importRollback', { params: { id: Number(w2.batchId) } });
    expect(res.status).toBe(200);
    expect(snapshot()).toEqual(earlier);
  });

  it('refuses with a clear 409, not a 500 or a half-done rollback, when a history row is damaged', async () => {
    await upload(server.url, week1, { fileName: 'w1.csv' });
    const w2 = (await upload(server.url, week2, { fileName: 'w2.csv' })).body;
    t.db
      .prepare(
        "UPDATE incident_history SET before_json = json_set(before_json, '$.loss_pence', json('[1,2]')) WHERE batch_id = ? AND kind = 'update'",
      )
      .run(w2.batchId);
    const before = t.fingerprint();
    const res = await server.api.post('importRollback', { params: { id: Number(w2.batchId) } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      error: { message: expect.stringMatching(/history of .* is damaged \(the stored record has unreadable fields \(loss_pence\)\)/) },
    });
    expect(t.fingerprint()).toBe(before);
  });

  it('refuses to roll back a batch whose records a later batch changed again', async () => {
    const w1 = (await upload(server.url, week1, { fileName: 'w1.csv' })).body;
    await upload(server.url, week2, { fileName: 'w2.csv' });
    const before = t.fingerprint();
    const res = await server.api.post('importRollback', { params: { id: Number(w1.batchId) } });
    expect(res.status).toBe(409);
    expect(res.error.message).toMatch(/later batch/);
    expect(t.fingerprint()).toBe(before);
  });

  it('refuses to roll back a batch whose records a later batch re-sent unchanged', async () => {
    const w1 = (await upload(server.url, week1, { fileName: 'w1.csv' })).body;
    // The next return repeats HC/21 exactly (and adds nothing new about HC/20's neighbour).
    const w2 = (
      await upload(server.url, forceReturn([['HC/21', '03/10/2023', 'Bushey', 'HMRC impersonation', '£900.00', '66', 'Money lost', '']]), {
        fileName: 'w2.csv',
      })
    ).body;
    expect(w2.counts.unchanged).toBe(1);
    const res = await server.api.post('importRollback', { params: { id: Number(w1.batchId) } });
    expect(res.status).toBe(409);
    expect((await server.api.get('incident', { params: { id: 'HC/21' } })).status).toBe(200);
    // Once the later batch is rolled back, the first can be too.
    expect((await server.api.fetch('POST', 'importRollback', { params: { id: Number(w2.batchId) } })).status).toBe(200);
    expect((await server.api.fetch('POST', 'importRollback', { params: { id: Number(w1.batchId) } })).status).toBe(200);
    expect(count('incidents')).toBe(0);
  });

  it('keeps a UTF-8 file name as the clerk saved it', async () => {
    const res = await upload(server.url, week1, { fileName: 'Return — Oct ü.csv' });
    expect(res.body.fileName).toBe('Return — Oct ü.csv');
    const { body } = await server.api.get('imports');
    expect(body.imports[0]?.fileName).toBe('Return — Oct ü.csv');
  });

  it('lists batches with their file name, size, sha256 and counts', async () => {
    await upload(server.url, week1, { fileName: 'w1.csv' });
    const { body } = await server.api.get('imports');
    expect(body.imports).toHaveLength(1);
    expect(body.imports[0]).toMatchObject({ fileName: 'w1.csv', fileSize: Buffer.byteLength(week1), status: 'committed' });
    expect(body.imports[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const list = (await server.api.get('incidents')).body;
    expect(list.total).toBe(2);
  });
});
