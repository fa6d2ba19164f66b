/** One marker on the series map: a place and its reports. */
export interface MapPlace {
  name: string;
  lat: number;
  lon: number;
  count: number;
  lost: number;
}

/** Marker radius in pixels: area proportional to the count, within readable bounds. */
export function markerRadius(count: number, maxCount: number): number {
  if (maxCount <= 0) return 6;
  return Math.round(6 + 16 * Math.sqrt(Math.max(0, count) / maxCount));
}
