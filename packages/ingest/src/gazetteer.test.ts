import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Gazetteer, normaliseTownName } from './index.js';

const gazetteer = Gazetteer.fromCsv(readFileSync(new URL('../../../data/places.csv', import.meta.url), 'utf8'));

function placeOf(town: string, postcode?: string): string {
  const r = gazetteer.resolve(town, postcode);
  return r.ok ? `${r.place.name} (${r.place.district}, ${r.match})` : `ERROR: ${r.reason}`;
}

describe('normaliseTownName', () => {
  it('treats spellings of the same town alike', () => {
    const same = (a: string, b: string) => expect(normaliseTownName(a)).toBe(normaliseTownName(b));
    same('St Albans', 'ST. ALBANS');
    same('St Albans', 'Saint Albans');
    same('  st  albans ', 'St Albans');
    same('N. Watford', 'North Watford');
    same('Nth Watford', 'north Watford');
    same('Sth Oxhey', 'South Oxhey');
    same("Bishop's Stortford", 'Bishops Stortford');
    same('Watford, Herts', 'Watford');
    same('Hitchin (Herts)', 'Hitchin');
    same('Watton-at-Stone', 'Watton at Stone');
  });
});

describe('Gazetteer', () => {
  it('loads every place', () => {
    expect(gazetteer.places().length).toBe(36_319);
    expect(gazetteer.forceArea).toBe('Hertfordshire');
  });

  it('resolves recurring names to the force area first', () => {
    expect(placeOf('Watford')).toBe('Watford (Watford, force)');
    expect(placeOf('Hatfield')).toBe('Hatfield (Welwyn Hatfield, force)');
    expect(placeOf('ROYSTON')).toBe('Royston (North Hertfordshire, force)');
    expect(placeOf('Ware')).toBe('Ware (East Hertfordshire, force)');
  });

  it('resolves another force area when asked to', () => {
    const northants = Gazetteer.fromCsv(readFileSync(new URL('../../../data/places.csv', import.meta.url), 'utf8'), {
      forceArea: 'Northamptonshire',
    });
    const r = northants.resolve('Watford');
    expect(r.ok && r.place.district).toBe('West Northamptonshire');
  });

  it('falls back to the rest of England and Wales and says so', () => {
    expect(placeOf('Catford')).toBe('Catford (Lewisham, national)');
  });

  it.each([
    ['Boreham Wood', 'Borehamwood (Hertsmere, force)'],
    ['Bishops Stortford', "Bishop's Stortford (East Hertfordshire, force)"],
    ['WGC', 'Welwyn Garden City (Welwyn Hatfield, force)'],
    ['Hemel', 'Hemel Hempstead (Dacorum, force)'],
    ['Letchworth', 'Letchworth Garden City (North Hertfordshire, force)'],
    ['Ricky', 'Rickmansworth (Three Rivers, force)'],
    ['Watford, Herts', 'Watford (Watford, force)'],
    ['Hitchin (Herts)', 'Hitchin (North Hertfordshire, force)'],
    ['north Watford', 'North Watford (Watford, force)'],
    ['St. Albans', 'St Albans (St Albans, force)'],
  ])('resolves %s', (town, expected) => {
    expect(placeOf(town)).toBe(expected);
  });

  it('breaks a tie inside the force area with the postcode district, and deterministically without one', () => {
    const churchEnds = gazetteer.places().filter((p) => p.name === 'Church End' && p.county === 'Hertfordshire');
    expect(churchEnds.length).toBeGreaterThan(1);
    const near = (postcode: string) => {
      const r = gazetteer.resolve('Church End', postcode);
      return r.ok ? r.place.district : 'unresolved';
    };
    expect(near('AL3')).toBe('St Albans');
    expect(near('SG9')).toBe('East Hertfordshire');
    const first = gazetteer.resolve('Church End');
    const again = Gazetteer.fromCsv(readFileSync(new URL('../../../data/places.csv', import.meta.url), 'utf8')).resolve('church end');
    expect(first).toEqual(again);
  });

  it('refuses an unknown town with suggestions from the force area first', () => {
    const r = gazetteer.resolve('Watfrod');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.suggestions[0]).toBe('Watford');
      expect(r.suggestions.length).toBeLessThanOrEqual(3);
      expect(r.reason).toContain('unknown town "Watfrod"; did you mean Watford');
    }
    const none = gazetteer.resolve('Qqqxyzzy');
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.suggestions).toEqual([]);
  });

  it('finds a canonical place name for the place filter, force area first', () => {
    expect(gazetteer.findPlace('Hatfield')?.county).toBe('Hertfordshire');
    expect(gazetteer.findPlace('Catford')?.district).toBe('Lewisham');
    expect(gazetteer.findPlace('Nowhere Special')).toBeUndefined();
  });

  // Before runs of spaces were collapsed, the county-suffix pattern was cubic in them: 2,000 took about 6 s, 9,000 minutes.
  it('resolves a town padded with thousands of spaces in well under a second (no regex backtracking blow-up)', () => {
    const started = performance.now();
    const r = gazetteer.resolve(`Hatfield${' '.repeat(2_000)}(see notes)`);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(r.ok).toBe(false);
  });

  it('quotes only an excerpt of an unknown town in its reason', () => {
    const r = gazetteer.resolve(`Borehamwood ${'and district '.repeat(500)}`);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.reason).toBe(
        'unknown town "Borehamwood and district and district and district and distr…"; no similar place name in England and Wales',
      );
  });
});

describe('normaliseTownName on words that name Object.prototype members', () => {
  it.each([
    ['constructor', 'constructor'],
    ['toString Watford', 'tostring watford'],
    ['N. constructor', 'north constructor'],
    ['hasOwnProperty', 'hasownproperty'],
  ])('reads %s as plain words', (town, normalised) => {
    expect(normaliseTownName(town)).toBe(normalised);
  });
});
