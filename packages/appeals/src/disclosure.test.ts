import { describe, expect, it } from 'vitest';
import { april2019Incidents, incident } from './april-2019.fixture.js';
import { checkDisclosure } from './disclosure.js';
import { draftAppeal } from './draft.js';
import { toPlainText } from './render.js';

const april = april2019Incidents();
const codes = (text: string, incidents = april) => checkDisclosure(text, incidents).map((f) => f.code);

describe('checkDisclosure finds each kind of disclosure', () => {
  it('crime references: this set’s own, and anything shaped like one', () => {
    expect(codes('Officers are investigating HC/19/40003.')).toContain('reference');
    expect(codes('Quote HC/23/40002 when you call.', [])).toContain('reference');
    expect(codes('Action Fraud logged it as NFRC231000005.', [])).toContain('reference');
    expect(codes('The crime number is 41/12345/19.', [])).toContain('reference');
  });

  it('a reference of this set in a shape no pattern knows, in any case, among thousands of incidents', () => {
    const many = [...april, ...Array.from({ length: 3000 }, (_, i) => incident({ reference: `ZQ-${i}-WEST` }))];
    const own = (text: string) => checkDisclosure(text, many).filter((f) => f.message.includes('one of these incidents'));
    expect(own('The caller quoted zq-2999-west to her.')).toHaveLength(1);
    expect(own('The caller quoted ZQ-17-WEST to her.')).toHaveLength(1);
    // Part of a longer token is not the reference.
    expect(own('The caller quoted ZQ-17-WESTON to her.')).toHaveLength(0);
  });

  it('personal names: a title or rank with a name, a full name, a surname from the records', () => {
    expect(codes('Mrs Smith was called on Tuesday.', [])).toContain('name');
    expect(codes('DC Harris is leading the inquiry.', [])).toContain('name');
    expect(codes('Margaret Baker, who was targeted, said she was shaken.', [])).toContain('name');
    // "Smith" alone is only a name because a summary in this set calls a victim Mrs Smith.
    expect(codes('Smith handed over the cash.')).toContain('name');
    expect(codes('Smith handed over the cash.', [])).not.toContain('name');
  });

  it('streets, but not St Albans', () => {
    expect(codes('A courier called at 12 High Street.', [])).toContain('street');
    expect(codes('Calls were made to homes on Marlborough Road.', [])).toContain('street');
    expect(codes('Most calls were to homes in St Albans and Watford.', [])).not.toContain('street');
    // Park Street is a village in the St Albans district, not an address, when the records say so.
    const village = [incident({ place: 'Park Street' }), incident({ place: 'Park Street' }), incident({ place: 'Park Street' })];
    expect(codes('Residents of Park Street have been targeted.', village)).not.toContain('street');
  });

  it('full postcodes and postcode districts', () => {
    expect(codes('The victim lives near AL1 3AB.', [])).toContain('postcode');
    expect(codes('Calls were made to homes in WD17.', [])).toContain('postcode');
    expect(codes('Calls were made to homes in WD6 and beyond.')).toContain('postcode');
    expect(codes('Traffic on the M25 and A1 was heavy.', [])).not.toContain('postcode');
  });

  it('exact ages, but not the bands and ranges appeals use', () => {
    expect(codes('An 87-year-old was called.', [])).toContain('exact_age');
    expect(codes('The woman, aged 87, was called.', [])).toContain('exact_age');
    expect(codes('Those targeted were aged between 60 and 90, and most were in their 70s and 80s.', [])).toEqual([]);
    expect(codes('Those targeted were aged 90 or over.', [])).toEqual([]);
  });

  it('caller numbers from the records in any layout, and other phone numbers, but not 101, 999 or Action Fraud', () => {
    expect(codes('The calls came from +44 20 7946 0101.')).toContain('phone');
    expect(codes('Beware calls from 07700 900999.', [])).toContain('phone');
    expect(codes('Call 101, or 999 in an emergency, or Action Fraud on 0300 123 2040.', [])).toEqual([]);
  });

  it('international numbers written with a +', () => {
    expect(codes('Calls came from +1 202 555 0142.', [])).toContain('phone');
    expect(codes('Calls came from +44 7700 900123.', [])).toContain('phone');
  });

  it('the accounts and wallets money was paid into in these incidents, in any layout', () => {
    // The set's own payee accounts: 40-47-84 70872490 and "Revolut @harrisdc1".
    for (const text of [
      'Money was sent to 40-47-84 70872490.',
      'Money was sent to 404784 70872490.',
      'Money was sent to sort code 40 47 84, account 70872490.',
      'Payments went to revolut @harrisdc1 as well.',
    ]) {
      const found = checkDisclosure(text, april).filter((f) => f.code === 'account');
      expect(found, text).toHaveLength(1);
      expect(found[0]?.message, text).toMatch(/^Paragraph 1: the account or wallet money was paid into in one of these incidents/);
      expect(found[0]?.message).not.toMatch(/70872490|harrisdc1/);
    }
  });

  it('anything shaped like bank details or a wallet address, whoever it belongs to', () => {
    for (const text of [
      'Do not pay 20-00-00 12345678.',
      'Do not pay 200000 12345678.',
      'The sort code 20-00-00 is not a bank.',
      'Never move money to account no. 12345678.',
      'Never pay GB29 NWBK 6016 1331 9268 19.',
      'They asked for Bitcoin sent to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq.',
      'They asked for Bitcoin sent to 1BoatSLRHtKNngkdXEeobR76b53LETtpyT.',
      'They asked for Ether sent to 0x71C7656EC7ab88b098defB751B7401B5f6d8976F.',
    ]) {
      const found = checkDisclosure(text, []).filter((f) => f.code === 'account');
      expect(found, text).toHaveLength(1);
      expect(found[0]?.message, text).toMatch(/^Paragraph 1: what looks like .*Appeals never give bank details or wallet addresses\.$/);
    }
  });

  it('leaves amounts, dates, counts and the public numbers alone', () => {
    expect(
      codes(
        'Since 1 April 2025, 27 people have lost £70,000 between them; one was asked to move £12,345,678 in 2024. Call 101 or Action Fraud on 0300 123 2040.',
        [],
      ),
    ).not.toContain('account');
  });

  it('areas with fewer than three reports, without mistaking part of a bigger name', () => {
    const found = checkDisclosure('Calls were also reported in Dacorum and Rickmansworth.', april);
    expect(found.filter((f) => f.code === 'small_area')).toHaveLength(2);
    const hatfield = [
      ...Array.from({ length: 4 }, () => incident({ district: 'Welwyn Hatfield', place: 'Welwyn Garden City' })),
      incident({ district: 'Welwyn Hatfield', place: 'Hatfield' }),
    ];
    expect(codes('Most calls were in the Welwyn Hatfield area.', hatfield)).not.toContain('small_area');
    expect(codes('One call was in Hatfield.', hatfield)).toContain('small_area');
  });

  it('sentences describing one person', () => {
    expect(codes('A Watford woman in her 80s was targeted.', [])).toContain('single_victim');
    expect(codes('One victim handed over his bank card.', [])).toContain('single_victim');
    expect(codes('Another man in Bushey was also called.', [])).toContain('single_victim');
    expect(codes('If you think you are a victim of a scam, call 101.', [])).toEqual([]);
  });

  it('a loss tied to an area where only one person lost money', () => {
    // In this set Dacorum's only loss belongs to one person.
    expect(codes('In Dacorum, victims lost thousands of pounds.')).toContain('single_victim');
  });

  it('sets too small to publish figures for', () => {
    const one = [incident({ outcome: 'lost', lossPence: 500_000 })];
    expect(codes('Police have received reports of courier fraud.', one)).toEqual(['single_victim', 'small_numbers']);
    const two = [incident(), incident({ reference: 'HC/19/49998' })];
    expect(codes('Police have received reports of courier fraud.', two)).toEqual(['small_numbers']);
  });

  it('warns when the only person who lost money is the one behind the quoted amount', () => {
    const set = [incident({ outcome: 'lost', lossPence: 900_000 }), incident(), incident()];
    expect(codes('Victims have been conned out of more than £9,000.', set)).toContain('single_victim');
    expect(codes('Police have received reports of courier fraud.', set)).toEqual([]);
  });

  it('says which paragraph in words, and where the words are, without repeating the disclosed value in full', () => {
    const text = 'Appeal\nline two\n\nThe calls came from 020 7946 0101 to a house at AL1 3AB, crime HC/19/40001.';
    const findings = checkDisclosure(text, april);
    expect(findings.map((f) => f.code).sort()).toEqual(['phone', 'postcode', 'reference']);
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(['020 7946 0101', 'AL1 3AB', 'HC/19/40001']);
    for (const f of findings) {
      expect(f.message).toMatch(/^Paragraph 2:/);
      expect(f.message).not.toMatch(/\bline\b/i);
      for (const value of ['020 7946 0101', 'AL1 3AB', 'HC/19/40001']) expect(f.message).not.toContain(value);
    }
  });
});

describe('checkDisclosure over a generated draft', () => {
  it('finds nothing in the April 2019 appeal', () => {
    const draft = draftAppeal({ incidents: april, today: '2019-04-30' });
    expect(checkDisclosure(toPlainText(draft), april)).toEqual([]);
    expect(draft.warnings).toEqual([]);
  });
});
