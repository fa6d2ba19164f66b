import { describe, expect, it } from 'vitest';
import { describeAuditEntry, describeAuditFilters, describeAuditView, describePeriod } from './audit-words.js';

const call = (route: string, query: Record<string, string> = {}, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ route, ...(Object.keys(query).length ? { query } : {}), ...extra });

describe('the audit trail in words', () => {
  it('says a period as a person would', () => {
    expect(describePeriod('2026-10-01', '2026-10-31')).toBe('Oct 2026');
    expect(describePeriod('2026-10-01', '2026-12-31')).toBe('Oct – Dec 2026');
    expect(describePeriod('2025-11-01', '2026-01-31')).toBe('Nov 2025 – Jan 2026');
    expect(describePeriod('2026-10-03', '2026-11-30')).toBe('3 Oct – 30 Nov 2026');
    expect(describePeriod('2026-10-03', '2026-10-03')).toBe('3 Oct 2026');
    expect(describePeriod('2023-04-01', null)).toBe('since 1 Apr 2023');
    expect(describePeriod(null, null)).toBeNull();
  });

  it('names kinds of scam, places, outcomes, ages and losses by their labels', () => {
    expect(
      describeAuditFilters({
        method: 'courier,hmrc',
        district: 'Watford',
        place: 'Oxhey',
        outcome: 'lost',
        ageBand: '70-79,80-89',
        minLoss: '500',
        from: '2026-10-01',
        to: '2026-10-31',
      }),
    ).toBe('courier fraud or hmrc impersonation, Watford or Oxhey, money lost, aged 70-79 or 80-89, losses of at least £500, Oct 2026');
    expect(describeAuditFilters({})).toBeNull();
    expect(describeAuditFilters({ placeMatch: 'national' })).toBe('outside the force area');
  });

  it('says one call in words, an export with its rows and whether it was cut off', () => {
    expect(
      describeAuditEntry({
        action: 'consultation',
        object: call('GET /api/timeseries', { interval: 'month', method: 'courier' }),
        rows: 9,
      }),
    ).toBe('Viewed the time chart by month: courier fraud');
    expect(describeAuditEntry({ action: 'disclosure', object: call('GET /api/incidents.csv', {}, { partial: true }), rows: 130 })).toBe(
      'Downloaded the incident list as a CSV file (130 rows, stopped part-way)',
    );
    expect(
      describeAuditEntry({ action: 'consultation', object: call('GET /api/incidents/:id', {}, { reference: 'HC/26/44019' }), rows: 1 }),
    ).toBe('Viewed incident HC/26/44019');
    expect(describeAuditEntry({ action: 'sign_in', object: '{"via":"password"}', rows: null })).toBe('Signed in');
  });

  it('says a screen view as the screen, its filters and the records opened', () => {
    const filters = { method: 'courier', district: 'Watford', from: '2026-10-01', to: '2026-10-31' };
    const calls = [
      { action: 'consultation', object: call('GET /api/summary', filters), rows: 12 },
      { action: 'consultation', object: call('GET /api/timeseries', { ...filters, interval: 'week' }), rows: 12 },
    ];
    expect(describeAuditView('/', calls)).toBe('Viewed the overview: courier fraud, Watford, Oct 2026');
    expect(
      describeAuditView('/incidents', [
        { action: 'consultation', object: call('GET /api/incidents/:id'), rows: 1, references: ['HC/26/44019'], referenceCount: 1 },
      ]),
    ).toBe('Viewed the incident list; opened HC/26/44019');
    // A screen the dashboard does not have is not trusted for words: the calls speak for themselves.
    expect(describeAuditView('/nowhere', calls.slice(0, 1))).toBe('Viewed the headline figures: courier fraud, Watford, Oct 2026');
  });
});
