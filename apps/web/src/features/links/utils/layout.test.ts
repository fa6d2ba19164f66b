import { describe, expect, it } from 'vitest';
import type { LinkEdge, LinkNode } from '@scam/shared';
import { layoutNetwork, MAX_LABELLED_INCIDENTS } from './layout';

/** One number shared by A, B, C; one account shared by A, B; one wallet shared by D, E. */
const NODES: LinkNode[] = [
  { id: 'number:07700900111', kind: 'number', label: '07700 900111', count: 3 },
  { id: 'account:K1', kind: 'account', label: '20-00-00 12345678', count: 2 },
  { id: 'account:W1', kind: 'account', label: 'bc1qwallet', count: 2 },
  ...['A', 'B', 'C', 'D', 'E'].map((r): LinkNode => ({ id: `incident:${r}`, kind: 'incident', label: r, count: 1 })),
];
const EDGES: LinkEdge[] = [
  ...['A', 'B', 'C'].map((r) => ({ from: 'number:07700900111', to: `incident:${r}` })),
  ...['A', 'B'].map((r) => ({ from: 'account:K1', to: `incident:${r}` })),
  ...['D', 'E'].map((r) => ({ from: 'account:W1', to: `incident:${r}` })),
];

describe('layoutNetwork', () => {
  const layout = layoutNetwork(NODES, EDGES);

  it('puts the reports on a ring and every shared identifier inside it', () => {
    expect(layout.incidents).toHaveLength(5);
    for (const n of layout.incidents) expect(Math.hypot(n.x, n.y)).toBeCloseTo(layout.ring, 6);
    for (const n of layout.identifiers) expect(Math.hypot(n.x, n.y)).toBeLessThan(layout.ring * 0.85);
    expect(layout.size).toBeGreaterThan(2 * layout.ring);
  });

  it('keeps the reports of one tie together on the ring, largest tie first from the top', () => {
    expect(layout.incidents.map((n) => n.label)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(layout.incidents[0]).toMatchObject({ x: expect.closeTo(0, 6), y: expect.closeTo(-layout.ring, 6) });
  });

  it('pulls each identifier towards its own reports and never draws two on top of each other', () => {
    const at = (id: string) => layout.identifiers.find((n) => n.id === id)!;
    const incident = (label: string) => layout.incidents.find((n) => n.label === label)!;
    const wallet = at('account:W1');
    const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);
    expect(distance(wallet, incident('D'))).toBeLessThan(distance(wallet, incident('A')));
    for (const a of layout.identifiers) {
      for (const b of layout.identifiers) if (a !== b) expect(distance(a, b)).toBeGreaterThanOrEqual(a.r + b.r);
    }
    expect(layout.edges).toHaveLength(EDGES.length);
    expect(layoutNetwork(NODES, EDGES)).toEqual(layout);
  });

  it('stops labelling the ring when the references would not fit', () => {
    const many = Array.from({ length: MAX_LABELLED_INCIDENTS + 1 }, (_, i): LinkNode => ({
      id: `incident:R${i}`,
      kind: 'incident',
      label: `R${i}`,
      count: 1,
    }));
    const big = layoutNetwork([NODES[0]!, ...many], [...many.map((n) => ({ from: 'number:07700900111', to: n.id }))]);
    expect(big.incidentLabels).toBe(false);
    expect(layout.incidentLabels).toBe(true);
  });
});
