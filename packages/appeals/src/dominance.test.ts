import { describe, expect, it } from 'vitest';
import { april2019Incidents, incident } from './april-2019.fixture.js';
import { checkDisclosure } from './disclosure.js';
import { dominatedBy, lossMagnitudeWords, statedAmounts } from './dominance.js';
import { draftAppeal } from './draft.js';
import { toPlainText } from './render.js';
import type { AppealIncident } from './types.js';

const lost = (pounds: number, overrides: Partial<AppealIncident> = {}) =>
  incident({ outcome: 'lost', lossPence: pounds * 100, ...overrides });
const kept = (overrides: Partial<AppealIncident> = {}) => incident(overrides);

/** Ten reports: the given losses, the rest kept their money. */
function setOf(...pounds: number[]): AppealIncident[] {
  return [...pounds.map((p) => lost(p)), ...Array.from({ length: Math.max(0, 10 - pounds.length) }, () => kept())];
}
const dominance = (text: string, incidents: readonly AppealIncident[]) =>
  checkDisclosure(text, incidents).filter((f) => f.code === 'loss_dominance');

describe('dominatedBy: the (1, 50 %) and (2, 90 %) rules', () => {
  it('one loss more than half of the total', () => {
    expect(dominatedBy([60_000, 4_000, 3_000, 3_000])).toEqual({ n: 1, k: 0.5 });
    expect(dominatedBy([49, 17, 17, 17])).toBeNull();
  });
  it('two losses more than 90 % of the total', () => {
    expect(dominatedBy([46, 46, 4, 4])).toEqual({ n: 2, k: 0.9 });
    expect(dominatedBy([45, 44, 6, 5])).toBeNull();
  });
  it('ten even losses, no losses at all', () => {
    expect(dominatedBy(Array.from({ length: 10 }, () => 7_000))).toBeNull();
    expect(dominatedBy([])).toBeNull();
    expect(dominatedBy([0, 0])).toBeNull();
  });
});

describe('statedAmounts: the totals an amount can stand for', () => {
  const range = (text: string) => statedAmounts(text).map((a) => [a.text, a.low / 100, a.high / 100]);
  it('reads figures, thousands and millions, with the words that bound them', () => {
    expect(range('Victims lost more than £70,000.')).toEqual([['more than £70,000', 70_000, 80_000]]);
    expect(range('They lost over £70k.')).toEqual([['over £70k', 70_000, 80_000]]);
    expect(range('They lost 70,000 pounds.')).toEqual([['70,000 pounds', 60_000, 80_000]]);
    expect(range('They lost nearly £1.2 million.')).toEqual([['nearly £1.2 million', 1_100_000, 1_200_000]]);
    expect(range('More than £15,000 has been lost.')).toEqual([['More than £15,000', 15_000, 20_000]]);
    expect(range('A total of £71,234.56.')).toEqual([['£71,234.56', 71_234.55, 71_234.57]]);
  });
  it('finds nothing in the order-of-magnitude wording', () => {
    expect(statedAmounts('Victims lost tens of thousands of pounds.')).toEqual([]);
    expect(statedAmounts('hundreds of pounds, a small sum, millions of pounds')).toEqual([]);
  });
  it('gives the order of magnitude of a total', () => {
    expect(lossMagnitudeWords(70_000_00)).toBe('tens of thousands of pounds');
    expect(lossMagnitudeWords(9_999_00)).toBe('thousands of pounds');
    expect(lossMagnitudeWords(250_000_00)).toBe('hundreds of thousands of pounds');
  });
});

describe('checkDisclosure warns about a published total that one or two losses dominate', () => {
  const oneDominates = setOf(60_000, 4_000, 3_000, 3_000); // £70,000, one person £60,000 of it

  it('one victim lost £60,000 of "more than £70,000": the figure is marked, the fix suggested, the £60,000 not given', () => {
    const text = 'Police are warning residents after victims lost more than £70,000 to courier fraudsters.';
    const found = dominance(text, oneDominates);
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(text.slice(f?.start, f?.end)).toBe('more than £70,000');
    expect(f?.message).toContain("one person's loss makes up more than half");
    expect(f?.message).toContain('Say "tens of thousands of pounds" instead');
    expect(f?.message).not.toMatch(/60,000|£60k/);
  });

  it('two victims 92 % of the total', () => {
    const text = 'Victims have been conned out of £50,000.';
    const found = dominance(text, setOf(23_000, 23_000, 2_000, 2_000));
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(['£50,000']);
    expect(found[0]?.message).toContain("two people's losses make up more than 90%");
  });

  it('an edited total in any spelling: "over £70k", "70,000 pounds", "£70K"', () => {
    for (const phrase of ['over £70k', '70,000 pounds', '£70K', 'more than £70,000']) {
      const text = `Victims have lost ${phrase} since April.`;
      const found = dominance(text, oneDominates);
      expect(
        found.map((f) => text.slice(f.start, f.end)),
        phrase,
      ).toEqual([phrase]);
    }
  });

  it('a total the text ties to a named area: the area’s own losses are what is published', () => {
    // Watford's two losses (£12,000 and £9,000) are the whole of its £21,000; the county total is not dominated.
    const april = april2019Incidents();
    const text = 'In Watford, victims lost £21,000.';
    const found = dominance(text, april);
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(['£21,000']);
    expect(found[0]?.message).toContain('the total lost in Watford');
    expect(dominance('Across the county, victims lost £21,000.', april)).toEqual([]);
  });

  it('does not warn: ten even losses, one at 49 %, two at 89 %', () => {
    expect(dominance('Victims lost £70,000.', setOf(...Array.from({ length: 10 }, () => 7_000)))).toEqual([]);
    expect(dominance('Victims lost £100,000.', setOf(49_000, 17_000, 17_000, 17_000))).toEqual([]);
    expect(dominance('Victims lost £100,000.', setOf(45_000, 44_000, 6_000, 5_000))).toEqual([]);
  });

  it('does not warn about an amount that is not a total, even when the total is dominated', () => {
    expect(dominance('The courier asked for £5,000 in cash, and banks never ask you to move £500.', oneDominates)).toEqual([]);
  });

  it('leaves a single loss to the single-victim check, without a second warning', () => {
    const single = setOf(60_000);
    const codes = checkDisclosure('More than £60,000 has been lost.', single).map((f) => f.code);
    expect(codes).toContain('single_victim');
    expect(codes).not.toContain('loss_dominance');
    // A sentence already marked as about one person is not marked again for its amount.
    const about = 'A woman in her 80s lost more than £70,000.';
    const aboutCodes = checkDisclosure(about, oneDominates).map((f) => f.code);
    expect(aboutCodes).toContain('single_victim');
    expect(aboutCodes).not.toContain('loss_dominance');
  });
});

describe('the drafter never prints a dominated total', () => {
  it('says "tens of thousands of pounds" and why, and its own checks then find nothing to warn about', () => {
    const set = setOf(60_000, 4_000, 3_000, 3_000).map((i, n) => ({ ...i, reference: `HC/19/${50000 + n}` }));
    const draft = draftAppeal({ incidents: set, today: '2019-04-30' });
    const text = toPlainText(draft);
    expect(text).toContain('which have seen victims lose tens of thousands of pounds');
    expect(text).toContain('Victims have been conned out of tens of thousands of pounds.');
    expect(text).not.toMatch(/£\s?\d/);
    const notes = draft.warnings.filter((w) => w.code === 'loss_dominance');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.message).toContain('not as a figure');
    expect(notes[0]?.message).toContain("one person's loss makes up more than half of the total");
  });

  it('keeps the figure when the total is not dominated (the April 2019 release)', () => {
    const draft = draftAppeal({ incidents: april2019Incidents(), today: '2019-04-30' });
    expect(toPlainText(draft)).toContain('more than £70,000');
    expect(draft.warnings.map((w) => w.code)).not.toContain('loss_dominance');
  });
});
