import { describe, expect, it } from 'vitest';
import type { AppealCheckResult, AppealDocument } from '@scam/shared';
import { exportGate, markPieces, numberedMarks, publishable } from './appeal-editor';

const check: AppealCheckResult = {
  periodEnd: '2019-04-29',
  warnings: [
    {
      key: 'exact_age:a',
      code: 'exact_age',
      label: 'Exact age',
      message: 'Paragraph 2: an exact age',
      at: { part: 'body', index: 1, start: 8, end: 15 },
    },
    { key: 'small_numbers:b', code: 'small_numbers', label: 'Very few reports', message: 'Only 2 reports', at: null },
  ],
  placeholders: [{ message: 'Paragraph 5: the quote', at: { part: 'body', index: 4, start: 0, end: 26 } }],
};

describe('markPieces', () => {
  it('marks exactly the words a warning points at, numbered as listed', () => {
    const marks = numberedMarks(check).filter((m) => m.index === 1);
    expect(markPieces('A woman aged 84 was called.', marks)).toEqual([
      { text: 'A woman ', mark: null, kind: null },
      { text: 'aged 84', mark: 1, kind: 'warning' },
      { text: ' was called.', mark: null, kind: null },
    ]);
  });

  it('numbers gaps after the warnings, and never marks a word twice', () => {
    expect(numberedMarks(check).map((m) => [m.number, m.kind])).toEqual([
      [1, 'warning'],
      [3, 'placeholder'],
    ]);
    const overlapping = [
      { part: 'body' as const, index: 0, start: 0, end: 10, number: 1, kind: 'warning' as const },
      { part: 'body' as const, index: 0, start: 5, end: 12, number: 2, kind: 'warning' as const },
    ];
    const pieces = markPieces('0123456789abcdef', overlapping);
    expect(pieces.map((p) => p.text).join('')).toBe('0123456789abcdef');
    expect(pieces.filter((p) => p.mark !== null).map((p) => p.text)).toEqual(['0123456789']);
  });
});

describe('exportGate', () => {
  it('blocks while a gap is unfilled or a warning is neither fixed nor acknowledged, and while the check is behind the text', () => {
    expect(exportGate(check, true, new Set()).reasons).toEqual([
      'Fill the gap still in the text: Paragraph 5: the quote',
      'Fix the 2 warnings, or tick “I have checked this” beside each.',
    ]);
    const filled = { ...check, placeholders: [] };
    expect(exportGate(filled, true, new Set(['exact_age:a'])).blocked).toBe(true);
    expect(exportGate(filled, true, new Set(['exact_age:a', 'small_numbers:b']))).toEqual({ blocked: false, reasons: [] });
    expect(exportGate(filled, false, new Set(['exact_age:a', 'small_numbers:b'])).blocked).toBe(true);
    expect(exportGate(undefined, true, new Set()).blocked).toBe(true);
  });
});

describe('publishable', () => {
  it('names the officer, heads the release with date and reference, and ends with ENDS and the notes', () => {
    const doc: AppealDocument = {
      title: 'Advice issued',
      highlights: ['One.', ''],
      body: 'Lead.\n\n[Name and rank of officer] of the unit said: "Hang up."',
      issueDate: '2026-11-23',
      reference: 'Ref: SFCU/1',
      officer: 'Detective Inspector Example',
      notesToEditors: 'Note one.',
    };
    const p = publishable(doc);
    expect(p.highlights).toEqual(['One.']);
    expect(p.body).toBe(
      'Date of issue: 2026-11-23\nRef: SFCU/1\n\nLead.\n\nDetective Inspector Example of the unit said: "Hang up."\n\nENDS\n\nNotes to editors\n\nNote one.',
    );
  });
});
