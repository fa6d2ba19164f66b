import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilterQuery } from '@scam/shared';
import { createTestDb, forceReturn, startTestServer, upload, type TestDb, type TestServer } from './test-support/test-db.js';

/**
 * Hand-chosen offence dates around the user's case in issue 19: on 7 Dec 2026, "Last 12 weeks" is
 * 15 Sep – 7 Dec (84 days) while the returns end on 15 Nov. The period before is 23 Jun – 14 Sep.
 * Counting by hand: 15 Sep – 15 Nov is 16 + 31 + 15 = 62 days with data, 16 Nov – 7 Dec is 22 days
 * without, and day 62 of the period before (offset 61 from 23 Jun) is 23 Aug.
 */
const RETURNS: [reference: string, date: string, lossPounds: number][] = [
  // Before every period below but the start-clipped ones: the data's first day.
  ['HC/P/01', '01/06/2026', 10],
  ['HC/P/02', '15/06/2026', 20],
  // The period before, within its first 62 days (23 Jun – 23 Aug): 3 reports, £200.
  ['HC/P/03', '23/06/2026', 50],
  ['HC/P/04', '10/07/2026', 50],
  ['HC/P/05', '23/08/2026', 100],
  // The period before, after its first 62 days (24 Aug – 14 Sep): 3 reports the old sum counted.
  ['HC/P/06', '24/08/2026', 1000],
  ['HC/P/07', '01/09/2026', 1000],
  ['HC/P/08', '14/09/2026', 1000],
  // This period, up to the latest return on 15 Nov: 4 reports, £1,000.
  ['HC/P/09', '15/09/2026', 100],
  ['HC/P/10', '01/10/2026', 200],
  ['HC/P/11', '20/10/2026', 300],
  ['HC/P/12', '15/11/2026', 400],
];

let t: TestDb;
let server: TestServer;

beforeAll(async () => {
  t = createTestDb({ today: '2026-12-07' });
  server = await startTestServer(t.deps);
  const rows = RETURNS.map(([ref, date, pounds]) => [ref, date, 'Watford', 'Courier fraud', `£${pounds}.00`, '81', 'Money lost', '']);
  const res = await upload(server.url, forceReturn(rows), { fileName: 'hand-counted.csv' });
  expect(res.status).toBe(201);
});
afterAll(async () => {
  await server.close();
  t.close();
});

const summaryOf = async (query: FilterQuery) => (await server.api.get('summary', { query })).body;

describe('a period that runs past the latest return', () => {
  it('compares only the days both periods have data for, and says how much is covered', async () => {
    const s = await summaryOf({ from: '2026-09-15', to: '2026-12-07' });
    // The headline counts the whole period: nothing after the latest return exists to count.
    expect(s.reports).toBe(4);
    expect(s.lossPence).toBe(100_000);
    expect(s.coverage).toEqual({ latestData: '2026-11-15', days: 84, coveredDays: 62, daysPastData: 22, comparedDays: 62 });
    expect(s.compared).toMatchObject({ from: '2026-09-15', to: '2026-11-15', reports: 4, lossPence: 100_000 });
    // Not the whole period before (6 reports, a 33% "fall"): its first 62 days only, a rise.
    expect(s.previous).toMatchObject({ from: '2026-06-23', to: '2026-08-23', reports: 3, lossPence: 20_000 });
  });

  it('compares a period wholly within the data over all of it', async () => {
    const s = await summaryOf({ from: '2026-09-15', to: '2026-11-15' });
    expect(s.coverage).toMatchObject({ days: 62, coveredDays: 62, daysPastData: 0, comparedDays: 62 });
    // 62 days before 15 Sep: 15 Jul – 14 Sep holds 23 Aug, 24 Aug, 1 Sep and 14 Sep.
    expect(s.previous).toMatchObject({ from: '2026-07-15', to: '2026-09-14', reports: 4 });
    expect(s.compared).toMatchObject({ from: '2026-09-15', to: '2026-11-15', reports: 4 });
  });

  it('has nothing to compare when the period is all after the latest return', async () => {
    const s = await summaryOf({ from: '2026-11-16', to: '2026-12-07' });
    expect(s.reports).toBe(0);
    expect(s.coverage).toMatchObject({ days: 22, coveredDays: 0, daysPastData: 22, comparedDays: 0 });
    expect(s.previous).toBeNull();
    expect(s.compared).toBeNull();
  });
});

describe('a period that starts before the period before has data', () => {
  it('compares only the days after the first return in both', async () => {
    // 12 Jun – 3 Jul (22 days); the period before, 21 May – 11 Jun, has data from 1 Jun: offset 11.
    const s = await summaryOf({ from: '2026-06-12', to: '2026-07-03' });
    expect(s.reports).toBe(2);
    expect(s.coverage).toMatchObject({ days: 22, coveredDays: 22, daysPastData: 0, comparedDays: 11 });
    expect(s.previous).toMatchObject({ from: '2026-06-01', to: '2026-06-11', reports: 1, lossPence: 1_000 });
    // 15 Jun falls on a day the period before has no data for, so only 23 Jun is compared.
    expect(s.compared).toMatchObject({ from: '2026-06-23', to: '2026-07-03', reports: 1, lossPence: 5_000 });
  });

  it('has no comparison when the period before is all before the first return', async () => {
    const s = await summaryOf({ from: '2026-05-20', to: '2026-06-10' });
    expect(s.reports).toBe(1);
    expect(s.coverage).toMatchObject({ days: 22, coveredDays: 10, comparedDays: 0 });
    expect(s.previous).toBeNull();
  });
});

describe('all dates', () => {
  it('has no period to compare with', async () => {
    const s = await summaryOf({});
    expect(s.reports).toBe(RETURNS.length);
    expect(s.previous).toBeNull();
    expect(s.compared).toBeNull();
    expect(s.coverage).toEqual({ latestData: '2026-11-15', days: null, coveredDays: null, daysPastData: 0, comparedDays: 0 });
  });
});
