import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from '@scam/shared';
import { countsSentence, mappingPayload, mappingProblems, mappingRows, parseHeaderLine, placedAt } from './mapping';

const detected: ColumnMapping[] = [
  { header: 'Reference', field: 'reference', source: 'auto' },
  { header: 'Date', field: 'offenceDate', source: 'auto' },
  { header: 'Town', field: 'town', source: 'auto' },
  { header: 'Method', field: 'method', source: 'auto' },
  { header: 'Notes', field: null, source: 'none' },
];

describe('mappingRows', () => {
  it('shows the detected mapping with the user’s changes on top', () => {
    const rows = mappingRows(detected, { Notes: 'summary' });
    expect(rows.map((r) => [r.header, r.choice, r.source])).toEqual([
      ['Reference', 'reference', 'auto'],
      ['Date', 'offenceDate', 'auto'],
      ['Town', 'town', 'auto'],
      ['Method', 'method', 'auto'],
      ['Notes', 'summary', 'changed'],
    ]);
  });
});

describe('mappingPayload', () => {
  it('sends only the overridden headers, with "ignore" to drop a column', () => {
    expect(mappingPayload({})).toBeNull();
    expect(JSON.parse(mappingPayload({ Notes: 'summary', Town: 'ignore' })!)).toEqual({ Notes: 'summary', Town: 'ignore' });
  });
});

describe('mappingProblems', () => {
  it('flags a field chosen twice and a required field left out', () => {
    const problems = mappingProblems(mappingRows(detected, { Notes: 'town', Method: 'ignore' }));
    expect(problems.map((p) => p.kind)).toEqual(['duplicate', 'missing']);
    expect(problems[0]?.message).toBe('Town is chosen for "Town" and "Notes"');
    expect(problems[1]?.message).toContain('Method');
  });
  it('is quiet for a complete mapping', () => {
    expect(mappingProblems(mappingRows(detected, {}))).toEqual([]);
  });
});

describe('parseHeaderLine', () => {
  it('reads quoted headers and strips a byte-order mark', () => {
    expect(parseHeaderLine('\uFEFFReference,Date,"Loss (£), GBP","Say ""hi"""\r\nHC/1,2023-01-01')).toEqual([
      'Reference',
      'Date',
      'Loss (£), GBP',
      'Say "hi"',
    ]);
    expect(parseHeaderLine('')).toEqual([]);
  });
});

describe('countsSentence', () => {
  it('summarises the plan', () => {
    expect(countsSentence({ rows: 57, inserted: 12, updated: 3, unchanged: 40, rejected: 2 })).toBe(
      '12 new, 3 updated, 40 unchanged, 2 rejected (of 57 rows)',
    );
  });
});

describe('placedAt', () => {
  it('says when a row is placed by district or outside the force area, and nothing more for a place in it', () => {
    expect(placedAt({ place: 'Borehamwood', placeMatch: 'force' }, 'Hertfordshire')).toBe('Borehamwood');
    expect(placedAt({ place: 'Hertsmere', placeMatch: 'district' }, 'Hertfordshire')).toBe('Hertsmere (district centre)');
    expect(placedAt({ place: 'Luton', placeMatch: 'national' }, 'Hertfordshire')).toBe('Luton (outside Hertfordshire)');
  });
});
