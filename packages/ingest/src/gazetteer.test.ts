import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Gazetteer, normaliseTownName } from './index.js';

const gazetteer = Gazetteer.fromCsv(readFileSync(new URL('../../../data/places.csv', import.meta.url), 'utf8'));

function placeOf(town: string, postcode?: string): string {
  const r = gazetteer.resolve(town, postcode);
  return r.ok ? `${r.place.name} (${r.place.district}, ${r.match})` : `ERROR: ${r.reason}`;
}

/** The mean position of the gazetteer's places in a district: where a report placed by district goes. */
function meanOfDistrict(name: string): { lat: number; lon: number } {
  const inIt = gazetteer.places().filter((p) => p.district === name);
  return {
    lat: inIt.reduce((s, p) => s + p.lat, 0) / inIt.length,
    lon: inIt.reduce((s, p) => s + p.lon, 0) / inIt.length,
  };
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

describe('Gazetteer: districts and areas in the town column', () => {
  it.each([
    ['Hertsmere', 'Hertsmere (Hertsmere, district)'],
    ['HERTSMERE', 'Hertsmere (Hertsmere, district)'],
    ['Hertsmere, Herts', 'Hertsmere (Hertsmere, district)'],
    ['Hertsmere Borough Council', 'Hertsmere (Hertsmere, district)'],
    ['Dacorum BC', 'Dacorum (Dacorum, district)'],
    ['Three Rivers District', 'Three Rivers (Three Rivers, district)'],
    ['Welwyn Hatfield', 'Welwyn Hatfield (Welwyn Hatfield, district)'],
    ['East Herts', 'East Hertfordshire (East Hertfordshire, district)'],
    ['N. Herts', 'North Hertfordshire (North Hertfordshire, district)'],
    ['North Hertfordshire', 'North Hertfordshire (North Hertfordshire, district)'],
    ['St Albans City and District', 'St Albans (St Albans, district)'],
    ['Hertsmere area', 'Hertsmere (Hertsmere, district)'],
    ['south Hertsmere', 'Hertsmere (Hertsmere, district)'],
  ])('places %s in its district', (town, expected) => {
    expect(placeOf(town)).toBe(expected);
  });

  it('places a district at the mean position of its places, inside the force area', () => {
    const r = gazetteer.resolve('Hertsmere');
    expect(r).toMatchObject({ ok: true, match: 'district', level: 'district' });
    if (!r.ok) return;
    const mean = meanOfDistrict('Hertsmere');
    expect(r.place.lat).toBeCloseTo(mean.lat, 4);
    expect(r.place.lon).toBeCloseTo(mean.lon, 4);
    expect(r.place).toMatchObject({ name: 'Hertsmere', districtCode: 'E07000098', county: 'Hertfordshire' });
  });

  it('prefers a place to a district of the same name: the place is the more precise', () => {
    expect(gazetteer.resolve('Watford')).toMatchObject({ ok: true, match: 'force', level: 'place', place: { name: 'Watford' } });
    expect(gazetteer.resolve('Stevenage')).toMatchObject({ ok: true, match: 'force', level: 'place' });
  });

  it.each([
    ['north Watford', 'North Watford (Watford, force)'],
    ['South Watford', 'Watford (Watford, force)'],
    ['Central Stevenage', 'Stevenage (Stevenage, force)'],
    ['Hitchin town centre', 'Hitchin (North Hertfordshire, force)'],
    ['Hemel Hempstead Town Centre', 'Hemel Hempstead (Dacorum, force)'],
    ['Sth Oxhey', 'South Oxhey (Three Rivers, force)'],
    ['West Hyde', 'West Hyde (Three Rivers, force)'],
  ])('reads the area %s as the place it is part of, a named place first', (town, expected) => {
    expect(placeOf(town)).toBe(expected);
  });

  it('resolves a place or district outside the force area as national, the district at its centre', () => {
    expect(gazetteer.resolve('Luton')).toMatchObject({ ok: true, match: 'national', level: 'place', place: { county: 'Bedfordshire' } });
    expect(gazetteer.resolve('Central Bedfordshire')).toMatchObject({
      ok: true,
      match: 'national',
      level: 'district',
      place: { name: 'Central Bedfordshire', county: 'Bedfordshire' },
    });
  });

  it('is a district only for the force it is asked for', () => {
    const beds = Gazetteer.fromCsv(readFileSync(new URL('../../../data/places.csv', import.meta.url), 'utf8'), {
      forceArea: 'Bedfordshire',
    });
    expect(beds.resolve('Central Bedfordshire')).toMatchObject({ ok: true, match: 'district' });
    expect(beds.resolve('Hertsmere')).toMatchObject({ ok: true, match: 'national', level: 'district' });
  });

  it('still refuses what names no place or district, suggesting districts too', () => {
    expect(placeOf('West Herts')).toMatch(/^ERROR: unknown town "West Herts"/);
    const r = gazetteer.resolve('Hertsmeer');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.suggestions[0]).toBe('Hertsmere');
  });

  it('finds a district centre for the place filter when no place has the name', () => {
    expect(gazetteer.findPlace('Hertsmere')).toMatchObject({ name: 'Hertsmere', district: 'Hertsmere' });
    const watford = gazetteer.places().find((p) => p.name === 'Watford' && p.county === 'Hertfordshire');
    expect(gazetteer.findPlace('Watford')).toEqual(watford);
    expect(gazetteer.districtCentre('Dacorum')?.county).toBe('Hertfordshire');
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
