import { parse } from 'csv-parse/sync';
import type { PlaceMatch } from '@scam/shared';
import { quoted } from './cell-text.js';

export interface GazetteerPlace {
  name: string;
  lat: number;
  lon: number;
  districtCode: string;
  district: string;
  county: string;
}

/**
 * A town as resolved. `level` says whether it named a place or only a district ("Hertsmere", "East
 * Herts"); a district is placed at its centre, and `match` is `district` inside the force area and
 * `national` outside it, as for a place.
 */
export type PlaceResolution =
  | { ok: true; place: GazetteerPlace; match: PlaceMatch; level: 'place' | 'district' }
  | { ok: false; reason: string; suggestions: string[] };

const COUNTY_SUFFIX = /\s*(?:,|\(|\s-\s|\s)\s*(?:herts|hertfordshire|england|uk|united kingdom)\.?\s*\)?\s*$/;
const APOSTROPHES = /['’‘`]/g;
const NON_ALNUM = /[^a-z0-9]+/g;
const DIACRITICS = /[\u0300-\u036f]/g;
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * The word tables are Maps, not objects: a town written "constructor" or "toString Watford" must not find
 * Object.prototype's functions.
 */
const words = (table: Record<string, string>): ReadonlyMap<string, string> => new Map(Object.entries(table));
/** Abbreviations that only make sense as the first word ("N. Watford", "Sth Oxhey"). */
const LEADING_WORDS = words({
  n: 'north',
  nth: 'north',
  s: 'south',
  sth: 'south',
  e: 'east',
  w: 'west',
});
const ANY_WORDS = words({
  saint: 'st',
  gt: 'great',
  lt: 'little',
  lit: 'little',
});
/** Names people in Hertfordshire actually write, mapped to the gazetteer's name (already normalised). */
const ALIASES = words({
  'boreham wood': 'borehamwood',
  wgc: 'welwyn garden city',
  'welwyn gc': 'welwyn garden city',
  hemel: 'hemel hempstead',
  letchworth: 'letchworth garden city',
  ricky: 'rickmansworth',
  'st albans city': 'st albans',
  'waltham x': 'waltham cross',
  stortford: 'bishops stortford',
  'bishop stortford': 'bishops stortford',
  sawbo: 'sawbridgeworth',
});

function normaliseWords(raw: string): string {
  // Runs of whitespace are collapsed first: COUNTY_SUFFIX tried at every position of a long run is cubic.
  let s = (NON_ASCII.test(raw) ? raw.normalize('NFKD').replace(DIACRITICS, '') : raw).toLowerCase().replace(/\s+/g, ' ').trim();
  for (let stripped = s.replace(COUNTY_SUFFIX, ''); stripped !== s && stripped.trim() !== '';) {
    s = stripped;
    stripped = s.replace(COUNTY_SUFFIX, '');
  }
  const parts = s.replace(APOSTROPHES, '').replace(NON_ALNUM, ' ').trim().split(' ');
  if (parts.length > 1) {
    const lead = LEADING_WORDS.get(parts[0] ?? '');
    if (lead) parts[0] = lead;
  }
  for (let i = 0; i < parts.length; i++) {
    const w = ANY_WORDS.get(parts[i] ?? '');
    if (w) parts[i] = w;
  }
  return parts.join(' ');
}

/**
 * Words around a district's name in how councils and forces write it ("Dacorum BC", "Three Rivers District
 * Council", "St Albans City and District", "Bristol, City of"): dropped from the end when reading a district.
 */
const DISTRICT_TRAILING_WORDS: ReadonlySet<string> = new Set(['district', 'borough', 'council', 'dc', 'bc', 'city', 'and', 'of']);

/**
 * A district name as written, in the form districts are indexed by. Unlike a town, a county word is part of
 * the name here ("North Herts" is North Hertfordshire), so it is expanded rather than stripped.
 */
function districtKeyOf(raw: string): string {
  const parts = (NON_ASCII.test(raw) ? raw.normalize('NFKD').replace(DIACRITICS, '') : raw)
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(NON_ALNUM, ' ')
    .trim()
    .split(' ');
  if (parts.length > 1) {
    const lead = LEADING_WORDS.get(parts[0] ?? '');
    if (lead) parts[0] = lead;
  }
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] ?? '';
    parts[i] = p === 'herts' ? 'hertfordshire' : (ANY_WORDS.get(p) ?? p);
  }
  while (parts.length > 1 && DISTRICT_TRAILING_WORDS.has(parts[parts.length - 1] ?? '')) parts.pop();
  return parts.join('');
}

/**
 * How a part of a town or district is written: "South Watford", "Central Stevenage", "Hitchin town centre",
 * "Hertsmere area". When the whole is not a place, the town or district it qualifies is looked up instead.
 * Only these words: "Upper", "Little", "Great" and the like begin names of places in their own right.
 */
const AREA_LEADING_WORDS: ReadonlySet<string> = new Set([
  'north',
  'south',
  'east',
  'west',
  'central',
  'northeast',
  'northwest',
  'southeast',
  'southwest',
]);
const AREA_TRAILING_PHRASES: readonly string[][] = [
  ['town', 'centre'],
  ['city', 'centre'],
  ['centre'],
  ['center'],
  ['area'],
  ['and', 'district'],
];

/** The town or district an area names ("south watford" → "watford"), or null when it qualifies nothing. */
function withoutAreaWords(normalised: string): string | null {
  const parts = normalised.split(' ');
  let start = 0;
  // "north east", "south west": compass words in a row.
  while (start < parts.length - 1 && AREA_LEADING_WORDS.has(parts[start] ?? '')) start++;
  let end = parts.length;
  for (const phrase of AREA_TRAILING_PHRASES) {
    if (end - start > phrase.length && phrase.every((w, i) => parts[end - phrase.length + i] === w)) {
      end -= phrase.length;
      break;
    }
  }
  return start === 0 && end === parts.length ? null : parts.slice(start, end).join(' ');
}

/**
 * Normalises a town as written ("St. Albans, Herts", "N. Watford", "WGC") into the form the gazetteer
 * is indexed by: lower case, no punctuation, abbreviations expanded, local aliases applied.
 */
export function normaliseTownName(raw: string): string {
  const normalised = normaliseWords(raw);
  return ALIASES.get(normalised) ?? normalised;
}

/** Spaces are dropped from the index key so "Boreham Wood" and "Borehamwood" meet. */
function keyOf(normalised: string): string {
  return normalised.replace(/ /g, '');
}

/**
 * The post town of each Hertfordshire postcode district. There is no postcode data offline, so a tie between
 * two same-named places in the force area goes to the one nearest the district's post town.
 */
const POST_TOWNS: Record<string, string> = {
  AL1: 'St Albans',
  AL2: 'St Albans',
  AL3: 'St Albans',
  AL4: 'St Albans',
  AL5: 'Harpenden',
  AL6: 'Welwyn',
  AL7: 'Welwyn Garden City',
  AL8: 'Welwyn Garden City',
  AL9: 'Hatfield',
  AL10: 'Hatfield',
  CM20: 'Harlow',
  CM21: 'Sawbridgeworth',
  CM22: "Bishop's Stortford",
  CM23: "Bishop's Stortford",
  EN6: 'Potters Bar',
  EN7: 'Cheshunt',
  EN8: 'Cheshunt',
  EN10: 'Broxbourne',
  EN11: 'Hoddesdon',
  HP1: 'Hemel Hempstead',
  HP2: 'Hemel Hempstead',
  HP3: 'Hemel Hempstead',
  HP4: 'Berkhamsted',
  HP23: 'Tring',
  SG1: 'Stevenage',
  SG2: 'Stevenage',
  SG3: 'Knebworth',
  SG4: 'Hitchin',
  SG5: 'Hitchin',
  SG6: 'Letchworth Garden City',
  SG7: 'Baldock',
  SG8: 'Royston',
  SG9: 'Buntingford',
  SG10: 'Much Hadham',
  SG11: 'Ware',
  SG12: 'Ware',
  SG13: 'Hertford',
  SG14: 'Hertford',
  WD3: 'Rickmansworth',
  WD4: 'Kings Langley',
  WD5: 'Abbots Langley',
  WD6: 'Borehamwood',
  WD7: 'Radlett',
  WD17: 'Watford',
  WD18: 'Watford',
  WD19: 'Watford',
  WD23: 'Bushey',
  WD24: 'Watford',
  WD25: 'Watford',
};

/** Stable order for picking among same-named places: district code, then position, never input order. */
function byDistrictThenPosition(a: GazetteerPlace, b: GazetteerPlace): number {
  if (a.districtCode !== b.districtCode) return a.districtCode < b.districtCode ? -1 : 1;
  return a.lat - b.lat || a.lon - b.lon;
}

function squaredDistance(a: GazetteerPlace, b: GazetteerPlace): number {
  const dLat = a.lat - b.lat;
  const dLon = (a.lon - b.lon) * Math.cos((a.lat * Math.PI) / 180);
  return dLat * dLat + dLon * dLon;
}

/** Optimal-string-alignment distance (a swapped pair of letters counts once), abandoned past `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  let cur = new Array<number>(cols).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, (prevPrev[j - 2] ?? 0) + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prevPrev, prev, cur] = [prev, cur, prevPrev];
  }
  return prev[b.length] ?? limit + 1;
}

const MAX_SUGGESTIONS = 3;
/** Resolutions are cached per town as written; the cap keeps a hostile file of unique towns from growing it forever. */
const RESOLUTION_CACHE_LIMIT = 50_000;
/** Longer towns are resolved but not cached, so the cache's memory stays bounded by entries × this, not × cell size. */
const CACHED_TOWN_CHARS = 200;
const POSTCODE_DISTRICT = /^[A-Z]{1,2}\d[A-Z\d]?$/;

interface IndexEntry {
  force: GazetteerPlace[];
  national: GazetteerPlace[];
}

function addTo(map: Map<string, IndexEntry>, key: string, place: GazetteerPlace, inForce: boolean): void {
  let entry = map.get(key);
  if (!entry) {
    entry = { force: [], national: [] };
    map.set(key, entry);
  }
  (inForce ? entry.force : entry.national).push(place);
}

/**
 * A district as a place: its name, and the mean position of the gazetteer's places in it. Why the places'
 * mean and not the boundary's centroid: the gazetteer is all the import has (the workers and the CLI load
 * no boundaries), and the mean sits among the district's settlements, where its reports come from, not in
 * its fields. Both lie inside their district for every Hertfordshire district (apps/api checks it against
 * the boundaries); nationally the mean is outside for 5 of 318 coastal or ring-shaped districts, as the
 * boundary centroid is.
 */
function districtCentres(places: readonly GazetteerPlace[]): GazetteerPlace[] {
  const sums = new Map<string, { first: GazetteerPlace; lat: number; lon: number; n: number }>();
  for (const p of places) {
    if (p.districtCode === '' || p.district === '') continue;
    const s = sums.get(p.districtCode);
    if (s) {
      s.lat += p.lat;
      s.lon += p.lon;
      s.n++;
    } else sums.set(p.districtCode, { first: p, lat: p.lat, lon: p.lon, n: 1 });
  }
  const round = (v: number) => Math.round(v * 100_000) / 100_000;
  return [...sums.values()].map(({ first, lat, lon, n }) => ({
    name: first.district,
    lat: round(lat / n),
    lon: round(lon / n),
    districtCode: first.districtCode,
    district: first.district,
    county: first.county,
  }));
}

export class Gazetteer {
  readonly forceArea: string;
  private readonly all: readonly GazetteerPlace[];
  private readonly byKey = new Map<string, IndexEntry>();
  private readonly byName = new Map<string, IndexEntry>();
  /** Districts as places at their centres, by districtKeyOf(name) and by name. */
  private readonly districtsByKey = new Map<string, IndexEntry>();
  private readonly districtsByName = new Map<string, IndexEntry>();
  private readonly cache = new Map<string, PlaceResolution>();

  private constructor(places: GazetteerPlace[], forceArea: string) {
    this.forceArea = forceArea;
    this.all = places;
    for (const place of places) {
      const inForce = place.county === forceArea;
      addTo(this.byKey, keyOf(normaliseWords(place.name)), place, inForce);
      addTo(this.byName, place.name, place, inForce);
    }
    for (const district of districtCentres(places)) {
      const inForce = district.county === forceArea;
      addTo(this.districtsByKey, districtKeyOf(district.name), district, inForce);
      addTo(this.districtsByName, district.name, district, inForce);
    }
    for (const map of [this.byKey, this.byName, this.districtsByKey, this.districtsByName]) {
      for (const entry of map.values()) {
        entry.force.sort(byDistrictThenPosition);
        entry.national.sort(byDistrictThenPosition);
      }
    }
  }

  /**
   * Reads `places.csv` (name,lat,lon,district_code,district,county). `forceArea` is a county name.
   * Lines without quotes (all but a few hundred) are split directly; csv-parse reads the rest, which keeps
   * start-up near 100 ms for the 36k-row file.
   */
  static fromCsv(text: string, opts: { forceArea?: string } = {}): Gazetteer {
    const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
    const header = (lines[0] ?? '').split(',');
    const col = (name: string): number => {
      const i = header.indexOf(name);
      if (i === -1) throw new Error(`gazetteer CSV has no "${name}" column`);
      return i;
    };
    const [iName, iLat, iLon, iCode, iDistrict, iCounty] = [
      col('name'),
      col('lat'),
      col('lon'),
      col('district_code'),
      col('district'),
      col('county'),
    ];
    const places: GazetteerPlace[] = [];
    for (let r = 1; r < lines.length; r++) {
      const line = lines[r] ?? '';
      if (line.trim() === '') continue;
      const row = line.includes('"') ? (parse(line)[0] ?? []) : line.split(',');
      const lat = Number(row[iLat]);
      const lon = Number(row[iLon]);
      const name = row[iName]?.trim() ?? '';
      if (name === '' || !Number.isFinite(lat) || !Number.isFinite(lon)) {
        throw new Error(`gazetteer CSV line ${r + 1} has no name or no valid coordinates`);
      }
      places.push({
        name,
        lat,
        lon,
        districtCode: row[iCode] ?? '',
        district: row[iDistrict] ?? '',
        county: row[iCounty] ?? '',
      });
    }
    return new Gazetteer(places, opts.forceArea ?? 'Hertfordshire');
  }

  places(): readonly GazetteerPlace[] {
    return this.all;
  }

  /**
   * Exact canonical name, inside the force area first, then nationally (the dashboard's `place` filter).
   * A district's name finds its centre when no place has the name: reports placed by district are stored
   * under it.
   */
  findPlace(name: string): GazetteerPlace | undefined {
    const entry = this.byName.get(name);
    const district = this.districtsByName.get(name);
    return entry?.force[0] ?? district?.force[0] ?? entry?.national[0] ?? district?.national[0];
  }

  /** A district's centre, where a report whose town column named the district is placed. */
  districtCentre(name: string): GazetteerPlace | undefined {
    const entry = this.districtsByName.get(name);
    return entry?.force[0] ?? entry?.national[0];
  }

  /**
   * Resolves a town as written. Inside the force area first (so Watford is Hertfordshire's, not
   * Northamptonshire's), then nationally. Unknown towns come back with suggestions, never a guess.
   */
  resolve(town: string, postcodeDistrict?: string | null): PlaceResolution {
    if (town.length > CACHED_TOWN_CHARS) return this.resolveUncached(town, postcodeDistrict ?? null);
    const cacheKey = postcodeDistrict ? `${town}\u0000${postcodeDistrict}` : town;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const result = this.resolveUncached(town, postcodeDistrict ?? null);
    if (this.cache.size >= RESOLUTION_CACHE_LIMIT) this.cache.clear();
    this.cache.set(cacheKey, result);
    return result;
  }

  private resolveUncached(town: string, postcodeDistrict: string | null): PlaceResolution {
    const normalised = normaliseTownName(town);
    const key = keyOf(normalised);
    if (key === '') return { ok: false, reason: 'town is blank', suggestions: [] };
    const found =
      this.resolveName(town, normalised, postcodeDistrict) ??
      ((): PlaceResolution | null => {
        // "South Watford", "Hitchin town centre", "Hertsmere area": the town or district they are part of.
        const rest = withoutAreaWords(normalised);
        return rest === null || rest === '' ? null : this.resolveName(rest, normaliseTownName(rest), postcodeDistrict);
      })();
    if (found) return found;
    const suggestions = this.suggest(key, districtKeyOf(town));
    return {
      ok: false,
      reason:
        `unknown town ${quoted(town.trim())}; ` +
        (suggestions.length > 0 ? `did you mean ${suggestions.join(', ')}?` : 'no similar place name in England and Wales'),
      suggestions,
    };
  }

  /**
   * A place or a district by name: a place in the force area, then a district of it ("Hertsmere",
   * "North Herts"), then a place elsewhere, then a district elsewhere. A place wins over a district of the
   * same name (Watford, Stevenage): it is the more precise of the two.
   */
  private resolveName(written: string, normalised: string, postcodeDistrict: string | null): PlaceResolution | null {
    const entry = this.byKey.get(keyOf(normalised));
    if (entry && entry.force.length > 0) {
      return { ok: true, place: this.breakTie(entry.force, postcodeDistrict), match: 'force', level: 'place' };
    }
    // As written ("East Herts" is East Hertfordshire), then with a county word after it dropped ("Hertsmere, Herts").
    const district = this.districtsByKey.get(districtKeyOf(written)) ?? this.districtsByKey.get(districtKeyOf(normalised));
    if (district?.force[0]) return { ok: true, place: district.force[0], match: 'district', level: 'district' };
    if (entry?.national[0]) return { ok: true, place: entry.national[0], match: 'national', level: 'place' };
    if (district?.national[0]) return { ok: true, place: district.national[0], match: 'national', level: 'district' };
    return null;
  }

  /**
   * Fourteen names recur inside Hertfordshire (Church End, Mill End, …). With a postcode district the place
   * nearest that district's post town wins; without one the first by district code, so reruns agree.
   */
  private breakTie(candidates: GazetteerPlace[], postcodeDistrict: string | null): GazetteerPlace {
    const first = candidates[0] as GazetteerPlace;
    if (candidates.length === 1 || !postcodeDistrict) return first;
    const district = postcodeDistrict.trim().toUpperCase();
    if (!POSTCODE_DISTRICT.test(district)) return first;
    const postTown = POST_TOWNS[district];
    const anchor = postTown ? this.findPlace(postTown) : undefined;
    if (!anchor) return first;
    let best = first;
    let bestDistance = squaredDistance(first, anchor);
    for (const c of candidates) {
      const d = squaredDistance(c, anchor);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  private suggest(key: string, districtKey: string): string[] {
    const scored: { name: string; distance: number; inForce: boolean }[] = [];
    const score = (typed: string, index: Map<string, IndexEntry>) => {
      const limit = typed.length <= 4 ? 1 : typed.length <= 8 ? 2 : 3;
      for (const [candidate, entry] of index) {
        const distance = editDistance(typed, candidate, limit);
        if (distance > limit) continue;
        const place = entry.force[0] ?? entry.national[0];
        if (place) scored.push({ name: place.name, distance, inForce: entry.force.length > 0 });
      }
    };
    score(key, this.byKey);
    score(districtKey, this.districtsByKey);
    // Force-area places first: a Hertfordshire clerk who mistyped almost always meant a Hertfordshire town.
    scored.sort((a, b) => Number(b.inForce) - Number(a.inForce) || a.distance - b.distance || a.name.localeCompare(b.name));
    const names: string[] = [];
    for (const s of scored) {
      if (!names.includes(s.name)) names.push(s.name);
      if (names.length === MAX_SUGGESTIONS) break;
    }
    return names;
  }
}
