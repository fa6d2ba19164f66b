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

/** The middle of the widest run inside `ring` along the latitude `y`, as its longitude; null if none. */
function widestRunMiddle(ring: Ring, y: number): { x: number; width: number } | null {
  // Crossings of the latitude with the outline, paired left to right.
  const xs: number[] = [];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
  }
  xs.sort((a, b) => a - b);
  let widest: { x: number; width: number } | null = null;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    const a = xs[k] ?? 0;
    const b = xs[k + 1] ?? 0;
    if (!widest || b - a > widest.width) widest = { x: (a + b) / 2, width: b - a };
  }
  return widest;
}

/** The outer ring of a district's largest part, with its centroid. */
function largestPart(geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }): { outer: Ring; x: number; y: number } | null {
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Ring[][];
  let best: { area: number; outer: Ring; x: number; y: number } | null = null;
  for (const polygon of polygons) {
    const outer = polygon[0];
    if (!outer || outer.length < 3) continue;
    const c = ringCentroid(outer);
    const area = Math.abs(c.area2);
    if (!best || area > best.area) best = { area, outer, x: c.x, y: c.y };
  }
  return best;
}

/**
 * Where a district's name goes, as [lat, lon]: the centroid of its largest part. A crescent-shaped
 * district can have its centroid outside itself; then the name goes to the middle of the widest
 * horizontal run through the shape at the centroid's latitude, which is always inside.
 */
export function polygonLabelPoint(geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }): [number, number] | null {
  const best = largestPart(geometry);
  if (!best) return null;
  if (insideRing(best.outer, best.x, best.y)) return [best.y, best.x];
  const run = widestRunMiddle(best.outer, best.y);
  return run ? [best.y, run.x] : [best.y, best.x];
}

/**
 * Places a district's name may go, as [lat, lon], best first: its label point, then the middles of
 * the widest runs through its largest part at other latitudes (each inside the district), nearest
 * the label point first. Markers often stand on a district's middle; the name then moves aside
 * within the district instead of vanishing.
 */
export function districtLabelPoints(geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }): [number, number][] {
  const first = polygonLabelPoint(geometry);
  const best = largestPart(geometry);
  if (!first || !best) return [];
  let south = Infinity;
  let north = -Infinity;
  for (const [, y = 0] of best.outer) {
    south = Math.min(south, y);
    north = Math.max(north, y);
  }
  const others: [number, number][] = [];
  for (const f of [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
    const y = south + f * (north - south);
    const run = widestRunMiddle(best.outer, y);
    if (!run) continue;
    // The middle of the run and its quarter points: all inside the district.
    for (const q of [0, -0.25, 0.25]) others.push([y, run.x + q * run.width]);
  }
  const d = (p: [number, number]) => Math.hypot(p[0] - first[0], p[1] - first[1]);
  others.sort((a, b) => d(a) - d(b));
  return [first, ...others];
}

/** A rectangle on screen, in pixels from the map's top-left corner. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A line on screen from a marker to its name, when the name had no room beside it. */
export interface Leader {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * Where a name beside a marker may go, best first: level with it on the right or the left (where a
 * reader looks for a point's name), then at its corners, then centred above or below it.
 */
export type MarkerSide = 'right' | 'left' | 'upper-right' | 'lower-right' | 'upper-left' | 'lower-left' | 'above' | 'below';
export const MARKER_SIDES: readonly MarkerSide[] = [
  'right',
  'left',
  'upper-right',
  'lower-right',
  'upper-left',
  'lower-left',
  'above',
  'below',
];

/**
 * The top-left corner, relative to a marker's centre, of a name of `width` × `height` pixels written
 * on one side of a marker of radius `r`, `gap` pixels clear of the marker's square box (a pointer and
 * the browser test see markers as boxes): beside it, at a corner, or above or below it.
 */
export function besideMarker(side: MarkerSide, r: number, width: number, height: number, gap = 3): { dx: number; dy: number } {
  // A corner name starts a little inside the marker's width and sits wholly above or below its box:
  // it still reads as the marker's, but never touches it.
  const corner = r * 0.6;
  switch (side) {
    case 'right':
      return { dx: r + gap, dy: -height / 2 };
    case 'upper-right':
      return { dx: corner, dy: -r - gap - height };
    case 'lower-right':
      return { dx: corner, dy: r + gap };
    case 'left':
      return { dx: -r - gap - width, dy: -height / 2 };
    case 'upper-left':
      return { dx: -corner - width, dy: -r - gap - height };
    case 'lower-left':
      return { dx: -corner - width, dy: r + gap };
    case 'above':
      return { dx: -width / 2, dy: -r - gap - height };
    case 'below':
      return { dx: -width / 2, dy: r + gap };
  }
}

/** A label's width in pixels when it cannot be measured: a fixed advance per character. */
export function labelWidth(text: string, fontPx: number): number {
  return Math.ceil(text.length * fontPx * 0.62) + 4;
}

/**
 * How big a settlement is, for whether its name earns room: the gazetteer (OS Open Names as shipped)
 * carries no settlement type or population, so size is read from the data itself: a place's share of
 * all reports ever, which in fraud returns follows the number of residents. A place that gives its
 * name to a district is a town whatever its count.
 */
export type SettlementClass = 'town' | 'village' | 'hamlet';
/** About 1 % of a county's reports: a town of 10,000 or more residents. */
export const TOWN_SHARE = 0.01;
/** About 0.2 %: a large village. */
export const VILLAGE_SHARE = 0.002;
export function settlementClass(reportsEver: number, totalReports: number, namesADistrict = false): SettlementClass {
  if (namesADistrict) return 'town';
  // A handful of reports says nothing about size, however small the data.
  if (totalReports <= 0 || reportsEver < 5) return 'hamlet';
  const share = reportsEver / totalReports;
  if (share >= TOWN_SHARE) return 'town';
  return share >= VILLAGE_SHARE ? 'village' : 'hamlet';
}

/**
 * How close the map is: the whole county (districts and towns), closer (villages too) or at street
 * level (hamlets too, when room is left).
 */
export type LabelScale = 'county' | 'close' | 'street';
/** Zoom at which the whole county fits; beyond it, towns matter more than districts. */
export const CLOSE_ZOOM = 10.5;
/** Below this zoom hamlets would crowd the map. */
export const STREET_ZOOM = 11.5;
export function labelScale(zoom: number): LabelScale {
  return zoom >= STREET_ZOOM ? 'street' : zoom >= CLOSE_ZOOM ? 'close' : 'county';
}
const SCALE_ORDER: Record<LabelScale, number> = { county: 0, close: 1, street: 2 };
const CLASS_SCALE: Record<SettlementClass, LabelScale> = { town: 'county', village: 'close', hamlet: 'street' };

/** A marker as drawn, in pixels: names keep clear of it, and its own name goes beside it. */
export interface MarkerInput {
  id: string;
  x: number;
  y: number;
  r: number;
  /** What the view is about at this marker: its reports, or its loss in pence. */
  weight: number;
  /**
   * Its name as measured, in the forms it may take, best first: "Watford +12", then shorter ("Watford")
   * and on two lines ("Welwyn Garden\nCity") for when the full name has no room. Empty to write none.
   */
  names: readonly MarkerName[];
}

export interface MarkerName {
  /** One line, or two separated by a newline. */
  text: string;
  width: number;
  height: number;
}

/**
 * A name broken onto two lines at the space nearest its middle ("Hemel\nHempstead"), or null for a
 * single word: a narrow block fits between markers where a long line of text does not.
 */
export function twoLines(text: string): string | null {
  const middle = text.length / 2;
  let best = -1;
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) {
    if (best < 0 || Math.abs(i - middle) < Math.abs(best - middle)) best = i;
  }
  return best < 0 ? null : `${text.slice(0, best)}\n${text.slice(best + 1)}`;
}

/** A drawn district's name: the places it may go (inside the district, best first) and its size. */
export interface DistrictInput {
  id: string;
  text: string;
  points: readonly { x: number; y: number }[];
  /** Reports (or loss) in the view in this district; 0 for a district the view does not shade. */
  weight: number;
  width: number;
  height: number;
}

/** A gazetteer place that no marker names, written just right of its point. */
export interface TownInput {
  id: string;
  text: string;
  x: number;
  y: number;
  settlement: SettlementClass;
  /** Reports (or loss) at this place in the view. */
  weight: number;
  /** Its reports ever: the size of the place, to rank places the view says nothing about. */
  size: number;
  /** Whether it is one of the view's own places (on a series map: in the series' districts). */
  own: boolean;
  width: number;
  height: number;
}

export interface LabelRequest {
  view: { width: number; height: number };
  scale: LabelScale;
  markers: readonly MarkerInput[];
  districts: readonly DistrictInput[];
  towns: readonly TownInput[];
  /** Boxes nothing may be written over (the zoom buttons). */
  obstacles?: readonly Box[];
  /** How many of the biggest markers are always named, with a line out to free space if need be. */
  alwaysNamed?: number;
  /** From which scale places that are not the view's own are named (a series map: only close in). */
  othersFrom?: LabelScale;
  /** Pixels kept clear between names. */
  gap?: number;
}

export interface PlacedLabel extends Box {
  id: string;
  kind: 'marker' | 'district' | 'town';
  /** One line, or two separated by a newline. */
  text: string;
  /** How its lines line up: towards the marker it names. */
  align: 'left' | 'right' | 'center';
  /** The marker a marker's name belongs to. */
  markerId?: string;
  /** The line from the marker to a name written away from it. */
  leader?: Leader;
}

/** Pixels between a town's point and its name. */
const TOWN_OFFSET_X = 6;
/** The farthest a name is written from its marker, along its line: further, it no longer reads as the marker's. */
const MAX_LEADER = 150;
/** Directions a leader may take, best first, in degrees clockwise from east (names are wide, so sideways first). */
const LEADER_ANGLES = [0, 180, -25, 25, 155, 205, -50, 50, 130, 230, -75, 75, 105, 255, -90, 90];
/**
 * A name beside a marker is at least this much further from every other marker than from its own:
 * more at a corner, where the name runs on past its marker towards the next one.
 */
const AMBIGUITY_MARGIN = { side: 3, corner: 8 };
/** A name written away from its marker keeps this far from other markers, so it is not read as theirs. */
const LEADER_NAME_CLEAR = 8;
/**
 * How far a line keeps from other markers, best first: clear of their white rims and shadows, then
 * just clear of them, then (the last resort, for the biggest markers only) passing beneath them, as
 * lines are drawn under the markers.
 */
const LEADER_LINE_CLEAR = [5, 1, null] as const;
type LineClear = (typeof LEADER_LINE_CLEAR)[number];

/** How far a ray from (x, y) along the unit vector (dx, dy) runs before it meets a circle; Infinity if never. */
export function rayToCircle(x: number, y: number, dx: number, dy: number, cx: number, cy: number, r: number): number {
  const fx = x - cx;
  const fy = y - cy;
  const c = fx * fx + fy * fy - r * r;
  if (c <= 0) return 0;
  const b = fx * dx + fy * dy;
  const disc = b * b - c;
  if (b > 0 || disc < 0) return Infinity;
  return -b - Math.sqrt(disc);
}

/** How far a ray runs before it meets a box (slab method); Infinity if never. */
export function rayToBox(x: number, y: number, dx: number, dy: number, b: Box): number {
  let near = 0;
  let far = Infinity;
  for (const [o, d, lo, hi] of [
    [x, dx, b.x, b.x + b.width],
    [y, dy, b.y, b.y + b.height],
  ] as const) {
    if (d === 0) {
      if (o < lo || o > hi) return Infinity;
      continue;
    }
    const t1 = (lo - o) / d;
    const t2 = (hi - o) / d;
    near = Math.max(near, Math.min(t1, t2));
    far = Math.min(far, Math.max(t1, t2));
    if (near > far) return Infinity;
  }
  return near;
}

/** How far a ray runs before it crosses a segment; Infinity if never. */
function rayToSegment(x: number, y: number, dx: number, dy: number, s: Leader): number {
  const ex = s.x2 - s.x1;
  const ey = s.y2 - s.y1;
  const den = dx * ey - dy * ex;
  if (Math.abs(den) < 1e-9) return Infinity;
  const t = ((s.x1 - x) * ey - (s.y1 - y) * ex) / den;
  const u = ((s.x1 - x) * dy - (s.y1 - y) * dx) / den;
  return t >= 0 && u >= 0 && u <= 1 ? t : Infinity;
}

/** Directions a leader may take, as unit vectors, in LEADER_ANGLES' order. */
const LEADER_DIRECTIONS = LEADER_ANGLES.map((deg) => ({ cos: Math.cos((deg * Math.PI) / 180), sin: Math.sin((deg * Math.PI) / 180) }));

/** Pixels from a box to the edge of a round marker (0 if they touch). */
function boxToCircle(b: Box, m: MarkerInput): number {
  const dx = Math.max(b.x - m.x, 0, m.x - (b.x + b.width));
  const dy = Math.max(b.y - m.y, 0, m.y - (b.y + b.height));
  return Math.max(0, Math.hypot(dx, dy) - m.r);
}

function markerBox(m: MarkerInput): Box {
  return { x: m.x - m.r, y: m.y - m.r, width: 2 * m.r, height: 2 * m.r };
}

/** The names kept so far, and the tests a new one must pass. */
class Placement {
  readonly placed: PlacedLabel[] = [];
  private readonly leaders: Leader[] = [];
  private readonly fixed: Box[];

  constructor(
    private readonly req: LabelRequest,
    private readonly gap: number,
  ) {
    this.fixed = [...req.markers.map(markerBox), ...(req.obstacles ?? [])];
  }

  free(b: Box, markerClear = 1): boolean {
    return this.freeAt(b.x, b.y, b.width, b.height, markerClear);
  }

  /** `free` without a box object: the leader search asks it thousands of times a frame. */
  private freeAt(x: number, y: number, w: number, h: number, markerClear: number): boolean {
    const { width, height } = this.req.view;
    if (x < 0 || y < 0 || x + w > width || y + h > height) return false;
    for (const f of this.fixed) {
      if (x < f.x + f.width + markerClear && f.x < x + w + markerClear && y < f.y + f.height + markerClear && f.y < y + h + markerClear)
        return false;
    }
    const g = this.gap;
    for (const l of this.placed) {
      if (x < l.x + l.width + g && l.x < x + w + g && y < l.y + l.height + g && l.y < y + h + g) return false;
    }
    return true;
  }

  /**
   * How far a line from the edge of `own` may run in a direction before it crosses a name, another
   * line or the zoom buttons, or comes within `clear` pixels of another marker (markers are round: a line
   * may pass a corner of a marker's box). Lines only grow outwards, so one reach per direction
   * answers every length.
   */
  private reach(own: MarkerInput, cos: number, sin: number, clear: LineClear): number {
    const x = own.x + cos * own.r;
    const y = own.y + sin * own.r;
    let reach = Infinity;
    for (const l of this.placed) reach = Math.min(reach, rayToBox(x, y, cos, sin, l));
    for (const o of this.req.obstacles ?? []) reach = Math.min(reach, rayToBox(x, y, cos, sin, o));
    for (const s of this.leaders) reach = Math.min(reach, rayToSegment(x, y, cos, sin, s));
    if (clear !== null) {
      for (const m of this.req.markers) if (m !== own) reach = Math.min(reach, rayToCircle(x, y, cos, sin, m.x, m.y, m.r + clear));
    }
    return reach;
  }

  keep(label: PlacedLabel): void {
    this.placed.push(label);
    if (label.leader) this.leaders.push(label.leader);
  }

  has(m: MarkerInput): boolean {
    return this.placed.some((p) => p.markerId === m.id);
  }

  /**
   * Whether a name beside `own` reads as its name: no other marker is as near to it. A name at a
   * marker's corner can sit as close to the next marker as to its own, and then names the wrong one.
   */
  private unambiguous(box: Box, own: MarkerInput, side: MarkerSide): boolean {
    const mine = boxToCircle(box, own);
    const margin = side.includes('-') ? AMBIGUITY_MARGIN.corner : AMBIGUITY_MARGIN.side;
    return this.req.markers.every((m) => m === own || boxToCircle(box, m) >= mine + margin);
  }

  /** The marker's name on the first free side of it, the full name before the shorter forms. */
  beside(m: MarkerInput): boolean {
    for (const name of m.names) {
      for (const side of MARKER_SIDES) {
        const { dx, dy } = besideMarker(side, m.r, name.width, name.height);
        const box = { x: m.x + dx, y: m.y + dy, width: name.width, height: name.height };
        if (this.free(box) && this.unambiguous(box, m, side)) {
          const align = side.endsWith('right') ? 'left' : side.endsWith('left') ? 'right' : 'center';
          this.keep({ ...box, id: `m:${m.id}`, kind: 'marker', text: name.text, align, markerId: m.id });
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The marker's name out in the nearest free space, on a line from the marker that keeps `clear`
   * pixels from other markers (null: may pass beneath them). The name itself keeps clear of every
   * marker whatever the line does.
   */
  leader(m: MarkerInput, clear: LineClear): boolean {
    const reaches = LEADER_DIRECTIONS.map(({ cos, sin }) => this.reach(m, cos, sin, clear));
    for (const name of m.names) {
      const { width: w, height: h } = name;
      for (let d = m.r + 16; d <= m.r + MAX_LEADER; d += 10) {
        for (let k = 0; k < LEADER_DIRECTIONS.length; k++) {
          if (d - m.r > reaches[k]!) continue;
          const { cos, sin } = LEADER_DIRECTIONS[k]!;
          const ex = m.x + cos * d;
          const ey = m.y + sin * d;
          // The name hangs off the line's end on the side the line points to; off a line going up
          // or down it may sit centred on the end, or start or finish there.
          const sideways = cos > 0.3 || cos < -0.3;
          const y = sideways ? ey - h / 2 : sin < 0 ? ey - 2 - h : ey + 2;
          const options = sideways ? 1 : 3;
          for (let o = 0; o < options; o++) {
            const [x, align]: [number, PlacedLabel['align']] = sideways
              ? cos > 0
                ? [ex + 2, 'left']
                : [ex - 2 - w, 'right']
              : o === 0
                ? [ex - w / 2, 'center']
                : o === 1
                  ? [ex - 6, 'left']
                  : [ex + 6 - w, 'right'];
            if (!this.freeAt(x, y, w, h, LEADER_NAME_CLEAR)) continue;
            const leader = { x1: m.x + cos * m.r, y1: m.y + sin * m.r, x2: ex, y2: ey };
            this.keep({ x, y, width: w, height: h, id: `m:${m.id}`, kind: 'marker', text: name.text, align, markerId: m.id, leader });
            return true;
          }
        }
      }
    }
    return false;
  }
}

/**
 * Which names to write and where, in the order the view cares about them, each kept only if it
 * overlaps nothing already kept (names `gap` pixels apart, markers and `obstacles` 1 pixel) and lies
 * inside the view. Greedy, as map renderers do, so the important names always win:
 *
 * 1. The names of the `alwaysNamed` biggest markers (ties included): beside the marker if any side is
 *    free, else out in the nearest free space on a line from the marker.
 * 2. At the county scale, district names (the districts the view shades most first), moved within
 *    the district when a marker stands on its middle; closer in, they come after the towns.
 * 3. The other markers' names, beside them only, biggest first.
 * 4. Towns, then (closer in) villages, then (at street level) hamlets: the view's own places first,
 *    each class by its reports in the view, then by its size.
 *
 * Pure: the layer measures the names and projects the points; this decides.
 */
export function placeLabels(req: LabelRequest): PlacedLabel[] {
  const gap = req.gap ?? 6;
  const byWeight = [...req.markers].filter((m) => m.names.length > 0).sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id));
  const n = req.alwaysNamed ?? 5;
  const cut = byWeight[Math.min(n, byWeight.length) - 1]?.weight ?? Infinity;
  // Ties with the last of them are in too, but never more than twice as many.
  const biggest = n > 0 ? byWeight.filter((m) => m.weight >= cut && m.weight > 0).slice(0, 2 * n) : [];

  // 1. Every big marker's name beside it where it fits, then lines out for the rest. Greedy can box
  // one in with another's name, or send it far out on a long line; then the ones that needed a line
  // go first, and the better arrangement stays: more of them named, then shorter lines in all.
  const arrange = (first: readonly MarkerInput[]) => {
    const p = new Placement(req, gap);
    for (const m of first) if (!p.beside(m)) LEADER_LINE_CLEAR.some((clear) => p.leader(m, clear));
    let unplaced = biggest.filter((m) => !first.includes(m) && !p.beside(m));
    for (const clear of LEADER_LINE_CLEAR) unplaced = unplaced.filter((m) => !p.leader(m, clear));
    return p;
  };
  // Better: more of the biggest named, then fewer lines passing beneath markers, then shorter lines.
  const score = (p: Placement) => {
    let hidden = 0;
    let lines = 0;
    for (const l of p.placed) {
      if (!l.leader) continue;
      const { x1, y1, x2, y2 } = l.leader;
      const length = Math.hypot(x2 - x1, y2 - y1);
      lines += length;
      const [cos, sin] = [(x2 - x1) / length, (y2 - y1) / length];
      hidden += req.markers.filter((m) => m.id !== l.markerId && rayToCircle(x1, y1, cos, sin, m.x, m.y, m.r) < length).length;
    }
    return { named: biggest.filter((m) => p.has(m)).length, hidden, lines };
  };
  let layout = arrange([]);
  let best = score(layout);
  const awkward = biggest.filter((m) => !layout.has(m) || layout.placed.some((l) => l.markerId === m.id && l.leader));
  // The awkward ones first together, and the first few of them first alone: a handful of layouts,
  // since this runs on every pan and zoom.
  const tries = awkward.length === 0 ? [] : [awkward, ...(awkward.length > 1 ? awkward.slice(0, 3).map((m) => [m]) : [])];
  for (const first of tries) {
    const next = arrange(first);
    const s = score(next);
    const better = s.named - best.named || best.hidden - s.hidden || (best.lines - s.lines > 0.5 ? 1 : 0);
    if (better > 0) {
      layout = next;
      best = s;
    }
  }
  const p = layout;

  const writtenNames = () => p.placed.map((l) => l.text.replace('\n', ' ').toLowerCase());
  const districts = () => {
    const said = writtenNames();
    for (const d of [...req.districts].sort((a, b) => b.weight - a.weight || a.text.localeCompare(b.text))) {
      // "Watford +47" beside its marker already says where Watford is.
      const name = d.text.toLowerCase();
      if (said.some((t) => t === name || t.startsWith(`${name} `))) continue;
      for (const at of d.points) {
        const box = { x: at.x - d.width / 2, y: at.y - d.height / 2, width: d.width, height: d.height };
        if (p.free(box)) {
          p.keep({ ...box, id: `d:${d.id}`, kind: 'district', text: d.text, align: 'center' });
          break;
        }
      }
    }
  };
  const scale = SCALE_ORDER[req.scale];
  const towns = (settlement: SettlementClass) => {
    const others = SCALE_ORDER[req.othersFrom ?? 'county'];
    const shown = req.towns.filter(
      (t) => t.settlement === settlement && SCALE_ORDER[CLASS_SCALE[t.settlement]] <= scale && (t.own || others <= scale),
    );
    shown.sort(
      (a, b) =>
        Number(b.own) - Number(a.own) || b.weight - a.weight || b.size - a.size || a.text.localeCompare(b.text) || a.id.localeCompare(b.id),
    );
    const said = writtenNames();
    for (const t of shown) {
      // A place already named (by its marker, "Hitchin (3)", "Watford +4", or as a district) is not named again.
      const name = t.text.toLowerCase();
      if (said.some((s) => s === name || s.startsWith(`${name} +`) || s.startsWith(`${name} (`))) continue;
      const box = { x: t.x + TOWN_OFFSET_X, y: t.y - t.height / 2, width: t.width, height: t.height };
      if (p.free(box)) {
        p.keep({ ...box, id: `t:${t.id}`, kind: 'town', text: t.text, align: 'left' });
        said.push(name);
      }
    }
  };

  // 2–4.
  if (req.scale === 'county') districts();
  for (const m of byWeight) if (!p.has(m) && !biggest.includes(m)) p.beside(m);
  towns('town');
  if (req.scale !== 'county') districts();
  towns('village');
  towns('hamlet');
  return p.placed;
}
