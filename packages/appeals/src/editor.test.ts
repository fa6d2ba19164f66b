import { describe, expect, it } from 'vitest';
import type { AppealDocument } from '@scam/shared';
import { april2019Incidents } from './april-2019.fixture.js';
import { draftAppeal } from './draft.js';
import { checkAppealDocument, findPlaceholders, locateDisclosures, segmentsOf, stalePeriodWarning } from './editor.js';

const april = april2019Incidents();
const generated = draftAppeal({ incidents: april, today: '2019-04-30' });

function doc(overrides: Partial<AppealDocument> = {}): AppealDocument {
  return {
    title: generated.title,
    highlights: generated.highlights,
    body: generated.body,
    issueDate: '2019-04-30',
    reference: 'Ref: SFCU courier appeal',
    officer: '',
    notesToEditors: 'Interviews can be arranged through the press office.',
    ...overrides,
  };
}

/** The words each mark points at, read back from the segment it names. */
function markedWords(d: AppealDocument, at: { part: string; index: number; start: number; end: number } | null): string | null {
  if (!at) return null;
  const segment = segmentsOf(d).find((s) => s.part === at.part && s.index === at.index);
  return segment ? segment.text.slice(at.start, at.end) : null;
}

describe('locating warnings in the release', () => {
  it('puts an exact age and a street name in the paragraph where they were typed, in words', () => {
    const paragraphs = generated.body.split('\n\n');
    paragraphs[1] = `${paragraphs[1]} One woman, aged 84, was called at home in Marlborough Road.`;
    const edited = doc({ body: paragraphs.join('\n\n') });
    const { warnings } = checkAppealDocument(edited, april, '2019-04-29');
    const age = warnings.find((w) => w.code === 'exact_age');
    const street = warnings.find((w) => w.code === 'street');
    expect(age?.message).toMatch(/^Paragraph 2: an exact age/);
    expect(age?.label).toBe('Exact age');
    expect(markedWords(edited, age?.at ?? null)).toBe('aged 84');
    expect(street?.message).toMatch(/^Paragraph 2: what looks like a street address/);
    expect(markedWords(edited, street?.at ?? null)).toBe('Marlborough Road');
    for (const w of warnings) expect(w.message).not.toMatch(/\bline \d/i);
  });

  it('names the title, a headline and the notes by what they are', () => {
    const edited = doc({
      title: 'Mrs Smith targeted',
      highlights: ['Calls in Hertfordshire.', 'A caller rang from 07700 900999.'],
      notesToEditors: 'First note.\n\nThe victim is 84 years old.',
    });
    const messages = checkAppealDocument(edited, april, '2019-04-29').warnings.map((w) => w.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Title: what looks like a person's name/),
        expect.stringMatching(/^Headline 2: a phone number/),
        expect.stringMatching(/^Notes to editors, paragraph 2: an exact age/),
      ]),
    );
  });

  it('keeps a stable key while the words stay in place, so an acknowledgement survives typing elsewhere', () => {
    const withAge = doc({ body: `${generated.body}\n\nA resident aged 84 was called.` });
    const later = doc({ ...withAge, title: `${generated.title} (updated)` });
    const key = (d: AppealDocument) => locateDisclosures(segmentsOf(d), april).find((w) => w.code === 'exact_age')?.key;
    expect(key(withAge)).toBeDefined();
    expect(key(later)).toBe(key(withAge));
  });

  it('finds nothing in the generated April 2019 release', () => {
    expect(checkAppealDocument(doc(), april, '2019-04-29').warnings).toEqual([]);
  });
});

describe('the officer placeholder', () => {
  it('is in the drafted quote and must be filled', () => {
    const found = findPlaceholders(segmentsOf(doc()), '');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toMatch(/the quote still says "\[Name and rank of officer\]"/);
    expect(markedWords(doc(), found[0]?.at ?? null)).toBe('[Name and rank of officer]');
  });

  it('counts as filled once the officer is named, but other gaps in brackets still count', () => {
    expect(findPlaceholders(segmentsOf(doc()), 'Detective Inspector Jane Smith')).toEqual([]);
    expect(findPlaceholders(segmentsOf(doc()), '   ')).toHaveLength(1);
    const gap = doc({ notesToEditors: 'Contact [press officer] for interviews.' });
    expect(findPlaceholders(segmentsOf(gap), 'DI Smith').map((p) => p.message)).toEqual([
      'Notes to editors: "[press officer]" is a gap still to fill in.',
    ]);
  });
});

describe('an old period', () => {
  it('warns when the reports ended more than four weeks before the date of issue, and points at the current-sounding lead', () => {
    const old = doc({ issueDate: '2021-05-01' });
    const warning = stalePeriodWarning('2019-04-29', old.issueDate, segmentsOf(old));
    expect(warning?.label).toBe('Old period');
    expect(warning?.message).toMatch(
      /^The reports end on 29 April 2019, 2 years before the date of issue\. Paragraph 1 says "Police are issuing advice"/,
    );
    expect(markedWords(old, warning?.at ?? null)).toBe('Police are issuing advice');
  });

  it('says nothing at exactly four weeks, and warns the day after', () => {
    expect(stalePeriodWarning('2019-04-29', '2019-05-27', segmentsOf(doc()))).toBeNull();
    expect(stalePeriodWarning('2019-04-29', '2019-05-28', segmentsOf(doc()))?.message).toMatch(/4 weeks before the date of issue/);
  });
});
