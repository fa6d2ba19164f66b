import { describe, expect, it } from 'vitest';
import type { SeriesMemberEvidence } from '@scam/shared';
import { TIE_COLUMNS, buildMatrixRows, parseReferences, tieTotals } from './matrix';

const ev = (reference: string, offenceDate: string, ties: Record<string, boolean>): SeriesMemberEvidence => ({
  reference,
  offenceDate,
  place: 'Hitchin',
  district: 'North Hertfordshire',
  score: 0.5,
  ties,
  reasons: [`reason for ${reference}`],
});

describe('buildMatrixRows', () => {
  const evidence = [
    ev('HC/26/2', '2026-11-02', {
      method: true,
      impersonated: true,
      channel: false,
      time: true,
      distance: true,
      ageBand: false,
      callerNumber: true,
    }),
    ev('HC/26/1', '2026-10-26', { method: true, impersonated: false }),
  ];
  it('gives one cell per evidence column with words, oldest incident first', () => {
    const rows = buildMatrixRows(['HC/26/2', 'HC/26/1'], evidence);
    expect(rows.map((r) => r.reference)).toEqual(['HC/26/1', 'HC/26/2']);
    expect(rows[1]!.cells.map((c) => c.key)).toEqual(TIE_COLUMNS.map((c) => c.key));
    expect(rows[1]!.cells.find((c) => c.key === 'channel')).toEqual({ key: 'channel', tie: false, text: 'Asked for: does not match' });
    // A key the detection did not report counts as no match, not as unknown.
    expect(rows[0]!.cells.find((c) => c.key === 'callerNumber')?.tie).toBe(false);
    expect(rows[0]!.reasons).toEqual(['reason for HC/26/1']);
  });
  it('shows hand-added incidents as not assessed, with details from the incident when loaded', () => {
    const incidents = new Map([['HC/26/9', { offenceDate: '2026-10-30', place: 'Letchworth', district: 'North Hertfordshire' }]]);
    const rows = buildMatrixRows(['HC/26/1', 'HC/26/9', 'HC/26/X'], evidence, incidents);
    const added = rows.find((r) => r.reference === 'HC/26/9')!;
    expect(added).toMatchObject({ assessed: false, place: 'Letchworth', score: null });
    expect(added.cells.every((c) => c.tie === null && c.text.endsWith('not assessed'))).toBe(true);
    expect(rows.map((r) => r.reference)).toEqual(['HC/26/1', 'HC/26/9', 'HC/26/X']);
  });
  it('totals the matches per column', () => {
    const totals = tieTotals(buildMatrixRows(['HC/26/1', 'HC/26/2'], evidence));
    expect(totals.method).toBe(2);
    expect(totals.impersonated).toBe(1);
    expect(totals.ageBand).toBe(0);
  });
});

describe('parseReferences', () => {
  it('splits on commas, spaces and lines, dropping duplicates and existing members', () => {
    expect(parseReferences(' HC/26/1, HC/26/3\nHC/26/3;hc/26/4 ', ['HC/26/1'])).toEqual(['HC/26/3', 'hc/26/4']);
    expect(parseReferences('   ')).toEqual([]);
  });
});
