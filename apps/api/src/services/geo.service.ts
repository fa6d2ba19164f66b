import { readFileSync } from 'node:fs';
import type { Gazetteer } from '@scam/ingest';
import type { BoundaryCollection, MapLabels } from '@scam/shared';

export interface DistrictInfo {
  code: string;
  name: string;
  county: string;
  policeForce: string;
}

type Feature = BoundaryCollection['features'][number] & { properties: { police_force?: string } };

/**
 * The district boundaries (ONS 2025 codes). The map only needs the force's own districts, so the
 * 3.6 MB national file is read once at start-up and served as a small force-area collection.
 */
export class Geo {
  private readonly byCode = new Map<string, DistrictInfo>();
  private readonly byName = new Map<string, DistrictInfo>();
  readonly forceBoundaries: BoundaryCollection;

  constructor(
    geojsonText: string,
    readonly forceArea: string,
  ) {
    const parsed = JSON.parse(geojsonText) as { features: Feature[] };
    const forceFeatures: BoundaryCollection['features'] = [];
    for (const f of parsed.features) {
      const p = f.properties;
      const info: DistrictInfo = { code: p.code, name: p.name, county: p.county, policeForce: p.police_force ?? '' };
      this.byCode.set(info.code.toUpperCase(), info);
      this.byName.set(info.name.toLowerCase(), info);
      if (info.county === forceArea || info.policeForce === forceArea) {
        forceFeatures.push({ type: 'Feature', properties: { code: p.code, name: p.name, county: p.county }, geometry: f.geometry });
      }
    }
    this.forceBoundaries = { type: 'FeatureCollection', features: forceFeatures };
  }

  static fromFile(path: string, forceArea: string): Geo {
    return new Geo(readFileSync(path, 'utf8'), forceArea);
  }

  /** A district by ONS code or by name, case-insensitively. */
  findDistrict(codeOrName: string): DistrictInfo | undefined {
    const key = codeOrName.trim();
    return this.byCode.get(key.toUpperCase()) ?? this.byName.get(key.toLowerCase());
  }

  forceDistricts(): DistrictInfo[] {
    return this.forceBoundaries.features
      .map((f) => this.byCode.get(f.properties.code.toUpperCase()))
      .filter((d): d is DistrictInfo => d !== undefined)
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}

/**
 * The force area's gazetteer places for the map's town names. The client decides which to draw at each
 * zoom; the list is small (a county has a few hundred) and the same for every user.
 */
export function mapLabels(ctx: { gazetteer: Gazetteer }): MapLabels {
  const forceArea = ctx.gazetteer.forceArea;
  return {
    places: ctx.gazetteer
      .places()
      .filter((p) => p.county === forceArea)
      .map((p) => ({ name: p.name, district: p.district, lat: p.lat, lon: p.lon })),
  };
}
