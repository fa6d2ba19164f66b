import type { Incident, Method } from '@scam/shared';
import type { MapPlace } from '../../../utils/map-places';

export interface MemberSummary {
  method: Method | null;
  first: string | null;
  last: string | null;
  count: number;
  lossPence: number;
  victimsLost: number;
  attempts: number;
  districts: { name: string; count: number }[];
}

type MemberFields = Pick<Incident, 'offenceDate' | 'district' | 'method' | 'outcome' | 'lossPence'>;

function countsDescending(names: readonly string[]): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts.entries()].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/**
 * The figures of a saved series from its member incidents (a saved series stores references only):
 * period, where, what was lost. `attempts` are the members who lost nothing, as detection counts them.
 */
export function summariseMembers(incidents: readonly MemberFields[]): MemberSummary {
  let first: string | null = null;
  let last: string | null = null;
  let lossPence = 0;
  let victimsLost = 0;
  const methods: string[] = [];
  for (const i of incidents) {
    if (first === null || i.offenceDate < first) first = i.offenceDate;
    if (last === null || i.offenceDate > last) last = i.offenceDate;
    lossPence += i.lossPence;
    if (i.outcome === 'lost') victimsLost += 1;
    methods.push(i.method);
  }
  return {
    method: (countsDescending(methods)[0]?.name as Method | undefined) ?? null,
    first,
    last,
    count: incidents.length,
    lossPence,
    victimsLost,
    attempts: incidents.length - victimsLost,
    districts: countsDescending(incidents.map((i) => i.district)),
  };
}

/** Member incidents grouped by place for the map: one marker per place, sized by its count. */
export function placesFromIncidents(incidents: readonly Pick<Incident, 'place' | 'lat' | 'lon' | 'outcome'>[]): MapPlace[] {
  const byName = new Map<string, MapPlace>();
  for (const i of incidents) {
    if (!Number.isFinite(i.lat) || !Number.isFinite(i.lon)) continue;
    const p = byName.get(i.place) ?? { name: i.place, lat: i.lat, lon: i.lon, count: 0, lost: 0 };
    p.count += 1;
    if (i.outcome === 'lost') p.lost += 1;
    byName.set(i.place, p);
  }
  // Largest last, so the big markers draw on top of the small ones they would hide.
  return [...byName.values()].sort((a, b) => a.count - b.count || a.name.localeCompare(b.name));
}
