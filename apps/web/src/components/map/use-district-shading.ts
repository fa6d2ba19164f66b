import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { boundariesQuery } from '../../api/boundaries.queries';
import { choroplethScale, fillFor, legendItems } from '../../utils/choropleth';
import { formatCount } from '../../utils/format';

/** District shading and legend for a set of district counts (series members or appeal areas). */
export function useDistrictShading(districts: readonly { name: string; count: number }[]) {
  const boundaries = useQuery(boundariesQuery());
  const shading = useMemo(() => {
    const scale = choroplethScale(districts.map((d) => d.count));
    const countByName = new Map(districts.map((d) => [d.name, d.count]));
    const fillByCode: Record<string, string> = {};
    // The counts by code as well: the map names the districts it shades most first.
    const countByCode = new Map<string, number>();
    for (const f of boundaries.data?.features ?? []) {
      const n = countByName.get(f.properties.name);
      if (n !== undefined) {
        fillByCode[f.properties.code] = fillFor(n, scale);
        countByCode.set(f.properties.code, n);
      }
    }
    return { fillByCode, countByCode, legend: legendItems(scale, formatCount, true) };
  }, [districts, boundaries.data]);
  return { boundaries, ...shading };
}
