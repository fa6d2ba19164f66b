/**
 * Names on the map: where a district's name goes, which town names to draw at a zoom, and which of
 * those fit without touching another. Pure, so the choices are tested without a map.
 */

type Ring = readonly (readonly number[])[];

/** Twice the signed area and the centroid of a ring of [lon, lat] points (shoelace formula). */
function ringCentroid(ring: Ring): { area2: number; x: number; y: number } {
  let area2 = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0 = 0, y0 = 0] = ring[j] ?? [];
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const cross = x0 * y1 - x1 * y0;
    area2 += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (area2 === 0) return { area2: 0, x: ring[0]?.[0] ?? 0, y: ring[0]?.[1] ?? 0 };
  return { area2, x: cx / (3 * area2), y: cy / (3 * area2) };
}

/** Whether [x, y] lies inside a ring (even-odd rule). */
export function insideRing(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Where a district's name goes, as [lat, lon]: the centroid of its largest part. A crescent-shaped
 * district can have its centroid outside itself; then the name goes to the middle of the widest
 * horizontal run through the shape at the centroid's latitude, which is always inside.
 */
export function polygonLabelPoint(geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }): [number, number] | null {
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Ring[][];
  let best: { area: number; outer: Ring; x: number; y: number } | null = null;
  for (const polygon of polygons) {
    const outer = polygon[0];
    if (!outer || outer.length < 3) continue;
    const c = ringCentroid(outer);
    const area = Math.abs(c.area2);
    if (!best || area > best.area) best = { area, outer, x: c.x, y: c.y };
  }
  if (!best) return null;
  if (insideRing(best.outer, best.x, best.y)) return [best.y, best.x];
  // Crossings of the centroid's latitude with the outline, paired left to right.
  const xs: number[] = [];
  const ring = best.outer;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > best.y !== yj > best.y) xs.push(((xj - xi) * (best.y - yi)) / (yj - yi) + xi);
  }
  xs.sort((a, b) => a - b);
  let widest: [number, number] | null = null;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    const a = xs[k] ?? 0;
    const b = xs[k + 1] ?? 0;
    if (!widest || b - a > widest[1] - widest[0]) widest = [a, b];
  }
  return widest ? [best.y, (widest[0] + widest[1]) / 2] : [best.y, best.x];
}

export interface LabelBox {
  id: string;
  /** Screen position of the label's anchor, in pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Higher first. */
  priority: number;
  /**
   * Alternative places for one name share a group: the first of them that fits is kept and the
   * rest are not drawn, so a name blocked on one side of its marker can still go on another.
   */
  group?: string;
}

/**
 * The labels to draw: taken in priority order, each kept only if its box (grown by `gap` pixels)
 * overlaps no label already kept, and lies inside the view. Boxes of priority Infinity are obstacles
 * (markers) that always stay, so no name is drawn over them. Greedy, as map renderers do: the
 * important names always win, and a zoom in makes room for more.
 */
export function thinLabels(boxes: readonly LabelBox[], view: { width: number; height: number }, gap = 4): Set<string> {
  const kept: LabelBox[] = [];
  const placed = new Set<string>();
  const order = [...boxes].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  for (const box of order) {
    if (box.group !== undefined && placed.has(box.group)) continue;
    // An obstacle (priority Infinity: a marker) always holds its place, even overlapping another or
    // partly out of view.
    if (box.priority === Infinity) {
      kept.push(box);
      continue;
    }
    const outside = box.x < 0 || box.y < 0 || box.x + box.width > view.width || box.y + box.height > view.height;
    if (outside) continue;
    // Names keep `gap` pixels from each other, but may sit close beside a marker (their own).
    const clash = kept.some((k) => {
      const g = k.priority === Infinity ? 1 : gap;
      return box.x < k.x + k.width + g && k.x < box.x + box.width + g && box.y < k.y + k.height + g && k.y < box.y + box.height + g;
    });
    if (!clash) {
      kept.push(box);
      if (box.group !== undefined) placed.add(box.group);
    }
  }
  return new Set(kept.map((k) => k.id));
}

/** Where a name beside a marker may go, best first. */
export type MarkerSide = 'right' | 'left' | 'above' | 'below';
export const MARKER_SIDES: readonly MarkerSide[] = ['right', 'left', 'above', 'below'];

/**
 * The top-left corner, relative to a marker's centre, of a name of `width` × `height` pixels written
 * on one side of a marker of radius `r`, `gap` pixels clear of it: beside it (centred on its middle)
 * or above or below it (centred on it).
 */
export function besideMarker(side: MarkerSide, r: number, width: number, height: number, gap = 3): { dx: number; dy: number } {
  switch (side) {
    case 'right':
      return { dx: r + gap, dy: -height / 2 };
    case 'left':
      return { dx: -r - gap - width, dy: -height / 2 };
    case 'above':
      return { dx: -width / 2, dy: -r - gap - height };
    case 'below':
      return { dx: -width / 2, dy: r + gap };
  }
}

/** A label's width in pixels: a fixed advance per character is close enough to keep boxes apart. */
export function labelWidth(text: string, fontPx: number): number {
  return Math.ceil(text.length * fontPx * 0.58) + 4;
}

/**
 * How much a town name matters on this map: places with reports in the view first (by reports),
 * then places with reports at any time, then the rest of the gazetteer. District names outrank all
 * towns while the whole county is in view, and give way to towns once zoomed in.
 */
export function townPriority(reportsInView: number, reportsEver: number): number {
  if (reportsInView > 0) return 1_000_000 + reportsInView;
  if (reportsEver > 0) return 1_000 + Math.min(reportsEver, 998_000);
  return 0;
}
export const DISTRICT_PRIORITY_WIDE = 10_000_000;
export const DISTRICT_PRIORITY_CLOSE = 500;
/** Zoom at which the whole county fits; beyond it, streets and towns matter more than districts. */
export const CLOSE_ZOOM = 10.5;
