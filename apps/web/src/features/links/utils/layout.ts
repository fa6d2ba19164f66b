import type { LinkEdge, LinkNode } from '@scam/shared';

/**
 * Where each node of a link network is drawn: the reports evenly round a ring, grouped by the ties each
 * is in (largest first), and each shared number or account inside the ring, pulled towards the reports
 * that used it. Deterministic (the same network always looks the same, so a screenshot or a colleague's
 * screen matches) and one pass, so a network of 500 reports lays out at once, with no physics library.
 */

export interface PlacedNode extends LinkNode {
  x: number;
  y: number;
  r: number;
}

export interface PlacedEdge {
  from: PlacedNode;
  to: PlacedNode;
}

export interface NetworkLayout {
  /** Width and height of the square drawing, centred on (0, 0). */
  size: number;
  /** Radius of the ring the reports sit on. */
  ring: number;
  /** Reports are written beside the ring; identifiers below their shape. */
  identifiers: PlacedNode[];
  incidents: PlacedNode[];
  edges: PlacedEdge[];
  /** References are written beside the reports only while they fit round the ring. */
  incidentLabels: boolean;
}

/** At most this many reports are labelled on the ring; beyond it their names are in the tooltip and the list. */
export const MAX_LABELLED_INCIDENTS = 48;
const INCIDENT_R = 7;
const MIN_RING = 160;
/** Identifiers sit within this share of the ring's radius. */
const INNER = 0.62;
const MAX_INNER = 0.8;
/** Roughly the width of a character of an identifier's label (12px system font), for keeping labels apart. */
const CHAR_WIDTH = 7;
/** The same for a report's reference on the ring (11px). */
const RING_CHAR_WIDTH = 6.4;
const LABEL_HEIGHT = 16;

export function identifierRadius(count: number): number {
  return Math.min(28, 11 + 4 * Math.sqrt(count));
}

export function layoutNetwork(nodes: readonly LinkNode[], edges: readonly LinkEdge[]): NetworkLayout {
  const identifierNodes = nodes.filter((n) => n.kind !== 'incident');
  const incidentNodes = nodes.filter((n) => n.kind === 'incident');
  const rank = new Map(identifierNodes.map((n, i) => [n.id, i]));
  const order = new Map(incidentNodes.map((n, i) => [n.id, i]));
  // Each report's ties, by rank (the given order: largest first). Sorting on these lists keeps the
  // reports of a tie together on the ring, and within it those that share a second tie as well.
  const tiesOf = new Map<string, number[]>();
  for (const e of edges) {
    const r = rank.get(e.from);
    if (r === undefined) continue;
    const list = tiesOf.get(e.to);
    if (list) list.push(r);
    else tiesOf.set(e.to, [r]);
  }
  for (const list of tiesOf.values()) list.sort((a, b) => a - b);
  const ringOrder = [...incidentNodes].sort(
    (a, b) => compareRanks(tiesOf.get(a.id) ?? [], tiesOf.get(b.id) ?? []) || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
  );

  const labels = ringOrder.length <= MAX_LABELLED_INCIDENTS;
  // Labels run outwards from the ring, so neighbours need only a line's height between them.
  const spacing = labels ? 22 : 13;
  // Room inside for every identifier with its label, about twice over, so they can be kept apart.
  const inside = identifierNodes.reduce((sum, n) => {
    const b = box({ ...n, x: 0, y: 0, r: identifierRadius(n.count) });
    return sum + (b.right - b.left + 8) * (b.bottom - b.top + 8);
  }, 0);
  const ring = Math.max(MIN_RING, (ringOrder.length * spacing) / (2 * Math.PI), Math.sqrt((2.5 * inside) / Math.PI) / MAX_INNER);
  const incidents = new Map<string, PlacedNode>();
  ringOrder.forEach((n, i) => {
    // From the top, clockwise.
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, ringOrder.length);
    incidents.set(n.id, { ...n, x: ring * Math.cos(angle), y: ring * Math.sin(angle), r: INCIDENT_R });
  });

  const members = new Map<string, PlacedNode[]>();
  for (const e of edges) {
    const to = incidents.get(e.to);
    if (!to) continue;
    const list = members.get(e.from);
    if (list) list.push(to);
    else members.set(e.from, [to]);
  }
  const identifiers: PlacedNode[] = [];
  for (const n of identifierNodes) {
    const around = members.get(n.id) ?? [];
    // The mean of its reports' directions: a tie across the whole ring sits near the centre, a tie of
    // neighbouring reports close to them.
    let x = 0;
    let y = 0;
    for (const m of around) {
      x += m.x / ring;
      y += m.y / ring;
    }
    const scale = around.length > 0 ? (INNER * ring) / around.length : 0;
    identifiers.push(clearOf(identifiers, { ...n, x: x * scale, y: y * scale, r: identifierRadius(n.count) }, ring));
  }

  const byId = new Map<string, PlacedNode>([...identifiers.map((n) => [n.id, n] as const), ...incidents]);
  const placedEdges: PlacedEdge[] = [];
  for (const e of edges) {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (from && to) placedEdges.push({ from, to });
  }
  const longest = Math.max(0, ...ringOrder.map((n) => n.label.length));
  const margin = labels ? 16 + longest * RING_CHAR_WIDTH : 24;
  return {
    size: 2 * (ring + margin),
    ring,
    identifiers,
    incidents: [...incidents.values()],
    edges: placedEdges,
    incidentLabels: labels,
  };
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  // A report in more ties comes before one in fewer that start alike: the overlap sits together.
  return b.length - a.length;
}

/** The box an identifier and its label take: the shape, with the label written below it. */
function box(n: PlacedNode): { left: number; right: number; top: number; bottom: number } {
  const half = Math.max(n.r, (n.label.length * CHAR_WIDTH) / 2);
  return { left: n.x - half, right: n.x + half, top: n.y - n.r, bottom: n.y + n.r + LABEL_HEIGHT };
}

function overlaps(a: PlacedNode, b: PlacedNode, gap: number): boolean {
  const p = box(a);
  const q = box(b);
  return p.left < q.right + gap && q.left < p.right + gap && p.top < q.bottom + gap && q.top < p.bottom + gap;
}

/**
 * The node where it wants to be, or the nearest spot on a spiral round it where neither it nor its label
 * covers one already placed, so two ties of the same reports never hide each other. Bounded: a crowded
 * middle ends with some overlap rather than a hang.
 */
function clearOf(placed: readonly PlacedNode[], node: PlacedNode, ring: number): PlacedNode {
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (let step = 0; step < 400; step++) {
    const distance = 12 * Math.sqrt(step);
    const candidate = { ...node, x: node.x + distance * Math.cos(step * golden), y: node.y + distance * Math.sin(step * golden) };
    if (Math.hypot(candidate.x, candidate.y) > MAX_INNER * ring) continue;
    if (!placed.some((p) => overlaps(p, candidate, 4))) return candidate;
  }
  return node;
}

/**
 * Where a report's reference is written: outside the ring, turned to run outwards from the centre and
 * never upside down, so neighbouring references do not cover each other.
 */
export function labelPosition(node: PlacedNode, ring: number): { x: number; y: number; anchor: 'start' | 'end'; rotate: number } {
  const angle = Math.atan2(node.y, node.x);
  const out = ring + node.r + 5;
  const right = Math.cos(angle) >= 0;
  const degrees = (angle * 180) / Math.PI;
  return { x: out * Math.cos(angle), y: out * Math.sin(angle), anchor: right ? 'start' : 'end', rotate: right ? degrees : degrees + 180 };
}
