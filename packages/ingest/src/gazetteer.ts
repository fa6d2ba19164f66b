import { parse } from 'csv-parse/sync';
import { quoted } from './cell-text.js';

export interface GazetteerPlace {
  name: string;
  lat: number;
  lon: number;
  districtCode: string;
  district: string;
  county: string;
}

export type PlaceResolution =
  { ok: true; place: GazetteerPlace; match: 'force' | 'national' } | { ok: false; reason: string; suggestions: string[] };

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

export class Gazetteer {
  readonly forceArea: string;
  private readonly all: readonly GazetteerPlace[];
  private readonly byKey = new Map<string, IndexEntry>();
  private readonly byName = new Map<string, IndexEntry>();
  private readonly cache = new Map<string, PlaceResolution>();

  private constructor(places: GazetteerPlace[], forceArea: string) {
    this.forceArea = forceArea;
    this.all = places;
    for (const place of places) {
      const inForce = place.county === forceArea;
      addTo(this.byKey, keyOf(normaliseWords(place.name)), place, inForce);
      addTo(this.byName, place.name, place, inForce);
    }
    for (const map of [this.byKey, this.byName]) {
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

  /** Exact canonical name, inside the force area first, then nationally (the dashboard's `place` filter). */
  findPlace(name: string): GazetteerPlace | undefined {
    const entry = this.byName.get(name);
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
    const key = keyOf(normaliseTownName(town));
    if (key === '') return { ok: false, reason: 'town is blank', suggestions: [] };
    const entry = this.byKey.get(key);
    if (entry && entry.force.length > 0) {
      return { ok: true, place: this.breakTie(entry.force, postcodeDistrict), match: 'force' };
    }
    if (entry && entry.national[0]) return { ok: true, place: entry.national[0], match: 'national' };
    const suggestions = this.suggest(key);
    return {
      ok: false,
      reason:
        `unknown town ${quoted(town.trim())}; ` +
        (suggestions.length > 0 ? `did you mean ${suggestions.join(', ')}?` : 'no similar place name in England and Wales'),
      suggestions,
    };
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

  private suggest(key: string): string[] {
    const limit = key.length <= 4 ? 1 : key.length <= 8 ? 2 : 3;
    const scored: { name: string; distance: number; inForce: boolean }[] = [];
    for (const [candidate, entry] of this.byKey) {
      const distance = editDistance(key, candidate, limit);
      if (distance > limit) continue;
      const place = entry.force[0] ?? entry.national[0];
      if (place) scored.push({ name: place.name, distance, inForce: entry.force.length > 0 });
    }
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
