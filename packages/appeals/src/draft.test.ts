import { METHODS } from '@scam/shared';
import type { Channel, Method } from '@scam/shared';
import { describe, expect, it } from 'vitest';
import { april2019Incidents, incident } from './april-2019.fixture.js';
import { draftAppeal } from './draft.js';
import { toPlainText } from './render.js';
import type { AppealIncident } from './types.js';

const april = april2019Incidents();
const aprilDraft = draftAppeal({ incidents: april, today: '2019-04-30' });
const aprilText = toPlainText(aprilDraft);

/** `n` incidents spread over April 2019 with the given fields. */
function many(n: number, overrides: Partial<AppealIncident> = {}, firstDay = 1): AppealIncident[] {
  return Array.from({ length: n }, (_, i) =>
    incident({
      reference: `HC/19/${50000 + firstDay * 100 + i}`,
      offenceDate: `2019-04-${String(firstDay + (i % 28)).padStart(2, '0')}`,
      ...overrides,
    }),
  );
}

describe('the April 2019 courier fraud appeal', () => {
  it('gives the count since the first report, in the release’s words', () => {
    expect(aprilDraft.highlights[0]).toBe('Police have received 30 reports since 1 April.');
    expect(aprilDraft.body).toContain('Since 1 April, police have received 30 reports');
  });

  it('names St Albans, Watford and Hertsmere as the areas mainly affected, and no smaller area', () => {
    expect(aprilDraft.body).toContain('mainly from people living in the St Albans, Watford and Hertsmere areas of the county');
    expect(aprilDraft.body).toContain('other parts of the county');
    for (const small of ['Dacorum', 'Three Rivers', 'Berkhamsted', 'Tring', 'Rickmansworth', 'Bushey', 'Potters Bar']) {
      expect(aprilText).not.toContain(small);
    }
    expect(aprilDraft.figures.areas).toEqual([
      { name: 'St Albans', reports: 12 },
      { name: 'Watford', reports: 9 },
      { name: 'Hertsmere', reports: 6 },
    ]);
    expect(aprilDraft.figures.otherAreasReports).toBe(3);
  });

  it('states the loss rounded down, in the headline and the body', () => {
    expect(aprilDraft.highlights).toContain('Victims have been conned out of more than £70,000.');
    expect(aprilDraft.body).toContain('more than £70,000');
    expect(aprilDraft.figures.lossPence).toBe(april.reduce((sum, i) => sum + i.lossPence, 0));
    expect(aprilText).not.toMatch(/71,234|£71/);
  });

  it('sets those who lost money against those who did not', () => {
    expect(aprilDraft.body).toMatch(/Six people lost money/);
    expect(aprilDraft.body).toMatch(/the other 22 recognised the scam and ended the call/);
    expect(aprilDraft.body).toMatch(/two more cases, bank staff or police stepped in/);
    expect(aprilDraft.figures.victimsLost + aprilDraft.figures.recognised + aprilDraft.figures.prevented).toBe(30);
    expect(aprilDraft.figures.recognised).toBe(22);
    expect(aprilDraft.figures.victimsLost).toBe(6);
  });

  it('describes ages in decades, never as exact ages', () => {
    expect(aprilDraft.body).toContain('most were in their 70s and 80s');
    const exactAges = april.map((i) => i.victimAge).filter((a): a is number => a !== null && a % 10 !== 0);
    for (const age of exactAges) expect(aprilText).not.toMatch(new RegExp(`\\b${age}\\b`));
  });

  it('contains no reference, postcode or caller number from the records', () => {
    for (const i of april) {
      expect(aprilText).not.toContain(i.reference);
      if (i.postcodeDistrict) expect(aprilText).not.toMatch(new RegExp(`\\b${i.postcodeDistrict}\\b`));
      if (i.callerNumber) expect(aprilText.replace(/\D/g, '')).not.toContain(i.callerNumber.replace(/\D/g, ''));
    }
    expect(aprilText).not.toMatch(/Mrs|High Street|DC Harris/);
  });

  it('tells people how to report and how to check a call safely', () => {
    expect(aprilDraft.body).toContain('101');
    expect(aprilDraft.body).toContain('999');
    expect(aprilDraft.body).toContain('Action Fraud on 0300 123 2040');
    expect(aprilDraft.body).toMatch(/wait at least five minutes, or use a different phone/);
  });

  it('describes the courier method, with the other things victims were asked to buy', () => {
    expect(aprilDraft.body).toMatch(/claiming to work for the police \(or sometimes their bank\)/);
    expect(aprilDraft.body).toMatch(/handing it over to a courier/);
    expect(aprilDraft.body).toMatch(/foreign currency/);
    expect(aprilDraft.body).toMatch(/designer watches/);
    expect(aprilDraft.highlights.at(-1)).toMatch(/NEVER ask you to withdraw cash and hand it to a courier/);
  });

  it('closes with a quote whose officer is a placeholder for the inspector to fill, never a made-up name', () => {
    expect(aprilDraft.body).toContain('[Name and rank of officer] of the Serious Fraud and Cyber Unit said: "');
    expect(aprilDraft.body).not.toMatch(/Detective (Constable|Sergeant|Inspector) [A-Z]/);
  });

  it('fills every figure', () => {
    expect(aprilDraft.figures).toMatchObject({
      reports: 30,
      since: '2019-04-01',
      until: '2019-04-29',
      method: 'courier',
    });
    expect(aprilDraft.figures.ageProfile).toMatch(/70s and 80s/);
  });
});

describe('dates', () => {
  it('adds the year when the appeal does not go out in the same year, or the day is unknown', () => {
    expect(draftAppeal({ incidents: april }).body).toContain('Since 1 April 2019, police');
    expect(draftAppeal({ incidents: april, today: '2020-01-10' }).body).toContain('Between 1 and 29 April 2019, police');
  });

  it('adds the year when the period spans New Year', () => {
    const set = [...many(3, { offenceDate: '2018-12-20' }), ...many(3, { offenceDate: '2019-01-05' }, 5)];
    const body = draftAppeal({ incidents: set, today: '2019-01-10' }).body;
    expect(body).toContain('Since 20 December 2018');
  });

  it('says "between" for a period that ended weeks ago', () => {
    const draft = draftAppeal({ incidents: april, today: '2019-07-01' });
    expect(draft.highlights[0]).toBe('Police received 30 reports between 1 and 29 April.');
    expect(draft.body).toContain('Between 1 and 29 April, police received 30 reports');
  });

  it('says "this month" when the whole period falls in the month the appeal goes out', () => {
    expect(aprilDraft.body).toMatch(/this month/);
    expect(draftAppeal({ incidents: april, today: '2019-05-20' }).body).not.toMatch(/this month/);
  });

  it('uses the given since and until, leaving out and warning about incidents outside them', () => {
    const draft = draftAppeal({ incidents: april, since: '2019-04-15', today: '2019-04-30' });
    expect(draft.figures.reports).toBe(april.filter((i) => i.offenceDate >= '2019-04-15').length);
    expect(draft.body).toContain('Since 15 April');
    expect(draft.warnings.map((w) => w.code)).toContain('outside_period');
  });

  it('refuses impossible dates and empty sets', () => {
    expect(() => draftAppeal({ incidents: april, since: '2019-02-30' })).toThrow(RangeError);
    expect(() => draftAppeal({ incidents: april, since: '2019-05-01', until: '2019-04-01' })).toThrow(RangeError);
    expect(() => draftAppeal({ incidents: [] })).toThrow(RangeError);
  });
});

describe('areas', () => {
  it('joins up to four busiest areas and folds the rest into "other parts of the county"', () => {
    const set = [
      ...many(8, { district: 'Stevenage' }),
      ...many(7, { district: 'Watford' }),
      ...many(6, { district: 'Dacorum' }),
      ...many(5, { district: 'Hertsmere' }),
      ...many(4, { district: 'Broxbourne' }),
      ...many(1, { district: 'Three Rivers' }),
    ];
    const draft = draftAppeal({ incidents: set, today: '2019-04-30' });
    expect(draft.body).toContain('the Stevenage, Watford, Dacorum and Hertsmere areas');
    expect(draft.body).not.toContain('Broxbourne');
    expect(draft.figures.otherAreasReports).toBe(5);
  });

  it('does not say "mainly" when the named areas are not most of the reports', () => {
    const set = [
      ...many(3, { district: 'Watford' }),
      ...Array.from({ length: 6 }, (_, i) => many(2, { district: `District ${i}` }, i + 1)).flat(),
    ];
    const body = draftAppeal({ incidents: set, today: '2019-04-30' }).body;
    expect(body).not.toMatch(/mainly/);
    expect(body).toContain('the Watford area and other parts of the county');
  });

  it('names towns instead of districts when asked', () => {
    const draft = draftAppeal({ incidents: april, areaLevel: 'place', today: '2019-04-30' });
    expect(draft.body).toContain('the Watford, St Albans, Harpenden and Borehamwood areas');
    expect(draft.body).not.toContain('Hertsmere');
  });

  it('names no area at all when none has three reports', () => {
    const set = [...many(2, { district: 'Watford' }), ...many(2, { district: 'Dacorum' }), ...many(2, { district: 'Stevenage' })];
    const draft = draftAppeal({ incidents: set, today: '2019-04-30' });
    expect(draft.figures.areas).toEqual([]);
    expect(draft.body).toContain('from people living across the county');
    for (const name of ['Watford', 'Dacorum', 'Stevenage']) expect(toPlainText(draft)).not.toContain(name);
  });

  it('never prints an area name that looks like an address, even with enough reports', () => {
    const set = [...many(5, { district: 'Watford' }), ...many(4, { district: '12 High Street' })];
    const draft = draftAppeal({ incidents: set, today: '2019-04-30' });
    expect(toPlainText(draft)).not.toContain('High Street');
    expect(draft.warnings.map((w) => w.code)).toContain('area_withheld');
  });
});

describe('losses and outcomes', () => {
  it('matches the brief: six lost, the other 24 recognised the scam', () => {
    const set = [...many(6, { outcome: 'lost', lossPence: 150_050 }), ...many(24, { outcome: 'attempted' }, 2)];
    const body = draftAppeal({ incidents: set, today: '2019-04-30' }).body;
    expect(body).toContain('Six people lost money; the other 24 recognised the scam and ended the call.');
    expect(body).toContain('more than £9,000');
  });

  it('says no money was lost when none was', () => {
    const draft = draftAppeal({ incidents: many(5), today: '2019-04-30' });
    expect(draft.highlights).toContain('No money has been lost.');
    expect(draft.body).toMatch(/No money was lost/);
    expect(draft.body).not.toContain('£');
  });

  it('says "hundreds of pounds" for small losses', () => {
    const set = [...many(2, { outcome: 'lost', lossPence: 20_000 }), ...many(3)];
    expect(draftAppeal({ incidents: set, today: '2019-04-30' }).body).toContain('hundreds of pounds');
  });
});

describe('small sets', () => {
  it('warns that a one-incident appeal describes a single victim, and names no area or age', () => {
    const one = [incident({ outcome: 'lost', lossPence: 850_000, victimAge: 87, ageBand: '80-89', district: 'Dacorum', place: 'Tring' })];
    const draft = draftAppeal({ incidents: one, today: '2019-04-30' });
    const codes = draft.warnings.map((w) => w.code);
    expect(codes).toContain('single_victim');
    expect(codes).toContain('small_numbers');
    const text = toPlainText(draft);
    expect(text).not.toMatch(/Dacorum|Tring|87|80s/);
    expect(text).toMatch(/more than £8,000/i);
    expect(draft.title).not.toMatch(/series/);
  });

  it('warns when only one person lost money', () => {
    const set = [...many(1, { outcome: 'lost', lossPence: 300_000 }), ...many(9, {}, 3)];
    const codes = draftAppeal({ incidents: set, today: '2019-04-30' }).warnings.map((w) => w.code);
    expect(codes).toContain('single_victim');
    expect(codes).not.toContain('small_numbers');
  });
});

describe('methods', () => {
  const draftFor = (method: Method, channel: Channel = 'unknown') =>
    draftAppeal({
      incidents: many(5, { method, channel, impersonated: 'unknown', outcome: 'lost', lossPence: 200_000 }),
      today: '2019-04-30',
    });

  it('gives each method its own advice', () => {
    const advice = METHODS.map((m) => draftFor(m).highlights.at(-1));
    expect(new Set(advice).size).toBe(METHODS.length);
  });

  it.each([
    ['courier', /Police and banks will NEVER ask you to withdraw cash, hand over your bank card or PIN/, /courier/],
    ['bank_impersonation', /safe account/, /fraud on their account/],
    ['hmrc', /HMRC will never ask for payment in iTunes or other gift vouchers/, /unpaid tax and threatens them with arrest/],
    ['tech_support', /BT will never call out of the blue to fix your computer/, /virus on their computer/],
    ['investment', /Financial Conduct Authority/, /investment/],
    ['romance', /Never send money to someone you have only met online/, /relationship/],
    ['other', /will never ask for your PIN, your passwords or money over the phone/, /personal or banking details/],
  ] as const)('%s: advice and how the scam works', (method, advice, story) => {
    const draft = draftFor(method);
    expect(draft.body).toMatch(advice);
    expect(draft.body).toMatch(story);
    expect(draft.figures.method).toBe(method);
  });

  it('follows what the incidents were asked to pay with', () => {
    expect(draftFor('hmrc', 'vouchers').body).toMatch(/vouchers and read|vouchers and reading/);
    expect(draftFor('hmrc', 'vouchers').body).not.toMatch(/by sending money to a Bitcoin account/);
    expect(draftFor('hmrc', 'crypto').body).toMatch(/by sending money to a Bitcoin account/);
    expect(draftFor('tech_support', 'remote_access').body).toMatch(/access their computer remotely/);
    expect(draftFor('courier', 'bank_card').body).toMatch(/bank cards in an envelope for a courier or taxi/);
  });

  it('picks the most common method, and warns when others are mixed in', () => {
    const set = [...many(4, { method: 'hmrc' }), ...many(2, { method: 'courier' }, 10)];
    const draft = draftAppeal({ incidents: set, today: '2019-04-30' });
    expect(draft.figures.method).toBe('hmrc');
    expect(draft.body).toMatch(/HMRC/);
    expect(draft.warnings.map((w) => w.code)).toContain('mixed_methods');
    expect(draftAppeal({ incidents: set, method: 'courier', today: '2019-04-30' }).figures.method).toBe('courier');
  });
});

describe('ages', () => {
  it('gives the range and the main decades from the bands', () => {
    const set = [
      ...many(2, { victimAge: 64, ageBand: '60-69' }),
      ...many(4, { victimAge: 73, ageBand: '70-79' }),
      ...many(4, { victimAge: 85, ageBand: '80-89' }),
    ];
    const body = draftAppeal({ incidents: set, today: '2019-04-30' }).body;
    expect(body).toContain('aged between 60 and 90');
    expect(body).toContain('most were in their 70s and 80s');
    expect(body).not.toMatch(/\b(64|73|85)\b/);
  });

  it('says nothing about age when fewer than three ages are known', () => {
    const set = [...many(2, { victimAge: 81, ageBand: '80-89' }), ...many(4, { victimAge: null, ageBand: 'unknown' })];
    expect(draftAppeal({ incidents: set, today: '2019-04-30' }).body).not.toMatch(/80s|aged/);
  });
});
