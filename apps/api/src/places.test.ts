import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoundaryCollection } from '@scam/shared';
import { createTestDb, forceReturn, referenceData, startTestServer, upload, type TestDb, type TestServer } from './test-support/test-db.js';
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

const row = (reference: string, town: string): string[] => [
  reference,
  '02/10/2023',
  town,
  'Courier fraud (police impersonation)',
  '',
  '81',
  'Attempt, no loss',
  '',
];

describe('places as forces write them', () => {
  it('"Hertsmere" in the town column is placed in Hertsmere, at its centre, and the plan says so', async () => {
    const file = forceReturn([row('HC/1', 'Hertsmere'), row('HC/2', 'Borehamwood')]);
    const plan = await upload(server.url, file, { dryRun: true });
    expect(plan.status).toBe(200);
    expect(plan.body.errors).toEqual([]);
    expect(plan.body.notices).toEqual([]);
    expect(plan.body.plan).toEqual([
      { line: 2, reference: 'HC/1', action: 'insert', place: 'Hertsmere', placeMatch: 'district' },
      { line: 3, reference: 'HC/2', action: 'insert', place: 'Borehamwood', placeMatch: 'force' },
    ]);

    expect((await upload(server.url, file)).status).toBe(201);
    const { body } = await server.api.get('incident', { params: { id: 'HC/1' } });
    const centre = referenceData().gazetteer.districtCentre('Hertsmere');
    expect(body.incident).toMatchObject({
      townRaw: 'Hertsmere',
      place: 'Hertsmere',
      district: 'Hertsmere',
      districtCode: 'E07000098',
      county: 'Hertfordshire',
      placeMatch: 'district',
      lat: centre?.lat,
      lon: centre?.lon,
    });
    // The place filter and the map know the district as a place, so the report can be found and shown.
    const byPlace = await server.api.get('incidents', { query: { place: 'Hertsmere' } });
    expect(byPlace.body.incidents.map((i) => i.reference)).toEqual(['HC/1']);
    const places = await server.api.get('places', { query: { district: 'Hertsmere' } });
    expect(places.body.places.map((p) => p.name).sort()).toEqual(['Borehamwood', 'Hertsmere']);
  });

  it('puts every force district centre inside its own boundary', () => {
    const { gazetteer, geo } = referenceData();
    const districts = geo.forceBoundaries.features;
    expect(districts).toHaveLength(10);
    for (const f of districts) {
      const centre = gazetteer.districtCentre(f.properties.name);
      expect(centre, f.properties.name).toBeDefined();
      if (centre) expect(inside(f, centre.lon, centre.lat), f.properties.name).toBe(true);
    }
  });

  it('"Luton", outside the county, is accepted with a notice, listed with the batch and in its notices CSV', async () => {
    const file = forceReturn([row('HC/1', 'Watford'), row('HC/2', 'Luton')]);
    const plan = await upload(server.url, file, { dryRun: true });
    const notice = {
      line: 3,
      column: 'Town',
      value: 'Luton',
      message:
        'outside Hertfordshire: accepted and placed at Luton (Luton, Bedfordshire); check the town if the report belongs to Hertfordshire',
    };
    expect(plan.body.notices).toEqual([notice]);
    expect(plan.body.plan?.[1]).toMatchObject({ reference: 'HC/2', placeMatch: 'national', place: 'Luton' });

    const res = await upload(server.url, file);
    expect(res.status).toBe(201);
    expect(res.body.counts).toMatchObject({ inserted: 2, rejected: 0 });
    expect(res.body.errors).toEqual([]);
    expect(res.body.notices).toEqual([notice]);
    expect(res.body.noticesTruncated).toBe(false);
    const batchId = Number(res.body.batchId);
    expect((await server.api.get('importBatch', { params: { id: batchId } })).body.notices).toBe(1);
    expect((await server.api.get('incident', { params: { id: 'HC/2' } })).body.incident).toMatchObject({
      place: 'Luton',
      county: 'Bedfordshire',
      placeMatch: 'national',
    });

    const csvRes = await server.api.fetch('GET', 'importNoticesCsv', { params: { id: batchId }, as: 'importer' });
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-disposition')).toMatch(/notices/);
    const bytes = Buffer.from(await csvRes.arrayBuffer());
    // A byte-order mark first, so Excel reads it as UTF-8.
    expect(bytes.toString('utf8')).toBe(`\ufeffline,column,value,message\r\n3,Town,Luton,"${notice.message}"\r\n`);
    // Reads are audited as the response closes.
    const audited = await until(
      async () =>
        (await server.api.get('audit', { query: { limit: 500, action: 'disclosure' } })).body.entries.find(
          (e) => e.user === 'importer' && e.object.includes('notices.csv'),
        ),
      { what: 'the disclosure recorded' },
    );
    expect(audited).toMatchObject({ rows: 1 });

    // Erasing the rolled-back batch erases its notices too.
    expect((await server.api.fetch('POST', 'importRollback', { params: { id: batchId } })).status).toBe(200);
    const erased = await server.api.post('importErase', { params: { id: batchId } });
    expect(erased.body.erased.notices).toBe(1);
    expect(t.db.prepare('SELECT count(*) FROM import_notices').pluck().get()).toBe(0);
    expect((await server.api.fetch('GET', 'importNoticesCsv', { params: { id: batchId } })).status).toBe(410);
  });

  it('the overview can filter "outside the force area", and the read model agrees with SQL', async () => {
    await upload(server.url, forceReturn([row('HC/1', 'Watford'), row('HC/2', 'Luton'), row('HC/3', 'Hertsmere'), row('HC/4', 'Catford')]));
    const outside = await server.api.get('incidents', { query: { placeMatch: 'national' } });
    expect(outside.body.incidents.map((i) => i.reference).sort()).toEqual(['HC/2', 'HC/4']);
    const sql = t.db.prepare("SELECT count(*) FROM incidents WHERE place_match = 'national'").pluck().get();
    expect((await server.api.get('summary', { query: { placeMatch: 'national' } })).body.reports).toBe(sql);
    const inside = await server.api.get('summary', { query: { placeMatch: 'force,district' } });
    expect(inside.body.reports).toBe(2);
    const districts = await server.api.get('districts', { query: { placeMatch: 'national' } });
    expect(
      districts.body.districts
        .filter((d) => d.reports > 0)
        .map((d) => d.name)
        .sort(),
    ).toEqual(['Lewisham', 'Luton']);

    const bad = await server.api.get('summary', { query: { placeMatch: 'abroad' } });
    expect(bad.status).toBe(400);
    expect(bad.error.message).toMatch(/unknown place match "abroad"/);
  });

  it('`Tel No Used` maps to the caller number', async () => {
    const file =
      'Occurrence Number,Committed From,Town/Village,Offence Description,Tel No Used,Sort Code / Account\r\n' +
      'HC/1,02/10/2023,Hitchin,Courier fraud,07700 900123,20-00-00 12345678\r\n';
    const res = await upload(server.url, file);
    expect(res.status).toBe(201);
    expect(Object.fromEntries(res.body.mapping.map((m) => [m.header, m.field]))).toMatchObject({
      'Tel No Used': 'callerNumber',
      'Sort Code / Account': 'payeeAccount',
    });
    const { body } = await server.api.get('incident', { params: { id: 'HC/1' } });
    expect(body.incident).toMatchObject({ callerNumber: '07700 900123', payeeAccount: '20-00-00 12345678' });
    const found = await server.api.get('incidents', { query: { identifier: '+44 7700 900123' } });
    expect(found.body.incidents.map((i) => i.reference)).toEqual(['HC/1']);
  });
});

type Feature = BoundaryCollection['features'][number];

/** Even-odd ray casting over a feature's rings (holes included), in longitude/latitude. */
function inside(f: Feature, lon: number, lat: number): boolean {
  const g = f.geometry as { type: string; coordinates: unknown };
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
  let crossings = 0;
  for (const ring of polygons.flat()) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) crossings++;
    }
  }
  return crossings % 2 === 1;
}
