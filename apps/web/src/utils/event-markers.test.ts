import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '@scam/shared';
import { eventMarkers, layoutMarkerLabels, MARKER_LABEL_MAX, markerDescription, MIN_ABBREVIATION } from './event-markers';

const event = (id: number, day: string, title: string, kind: TimelineEvent['kind'] = 'arrest'): TimelineEvent => ({
  id,
  day,
  kind,
  title,
  method: null,
  districtCode: null,
  district: null,
  createdBy: 'analyst',
  createdAt: '2026-11-23T09:00:00.000Z',
  automatic: false,
});

const weeks = [
  { start: '2026-10-05', label: '5 Oct' },
  { start: '2026-10-12', label: '12 Oct' },
  { start: '2026-10-19', label: '19 Oct' },
];

describe('eventMarkers', () => {
  it('puts each event on the week that holds its day, Monday to Sunday', () => {
    const markers = eventMarkers(
      [event(1, '2026-10-11', 'Sunday arrest'), event(2, '2026-10-12', 'Monday appeal', 'appeal_published')],
      weeks,
      'week',
    );
    expect(markers.map((m) => [m.x, m.label, m.kind])).toEqual([
      ['5 Oct', 'Sunday arrest', 'arrest'],
      ['12 Oct', 'Monday appeal', 'appeal_published'],
    ]);
  });

  it('merges events of one bucket into one marker that counts them, earliest first', () => {
    const [m] = eventMarkers([event(2, '2026-10-21', 'Later'), event(1, '2026-10-19', 'Earlier', 'media_coverage')], weeks, 'week');
    expect(m).toMatchObject({ x: '19 Oct', label: '2 events', kind: 'several' });
    expect(m?.events.map((e) => e.title)).toEqual(['Earlier', 'Later']);
    expect(markerDescription(m!)).toBe('Media coverage: Earlier; Arrest: Later');
  });

  it('leaves off events outside the drawn buckets', () => {
    expect(eventMarkers([event(1, '2026-10-04', 'Before'), event(2, '2026-10-26', 'After')], weeks, 'week')).toEqual([]);
    expect(eventMarkers([event(1, '2026-10-05', 'Any')], [], 'week')).toEqual([]);
  });

  it('uses whole months for a monthly chart', () => {
    const months = [
      { start: '2026-09-01', label: 'Sep 2026' },
      { start: '2026-10-01', label: 'Oct 2026' },
    ];
    expect(
      eventMarkers([event(1, '2026-10-31', 'Halloween'), event(2, '2026-09-30', 'End of Sep')], months, 'month').map((m) => m.x),
    ).toEqual(['Sep 2026', 'Oct 2026']);
  });

  it('shortens a long title on the chart', () => {
    const [m] = eventMarkers([event(1, '2026-10-06', 'Appeal about courier fraud in St Albans and Watford')], weeks, 'week');
    expect(m?.label.length).toBeLessThanOrEqual(MARKER_LABEL_MAX);
    expect(m?.label.endsWith('…')).toBe(true);
  });
});

describe('layoutMarkerLabels', () => {
  // 6 px a character: a label of n characters is 6n wide.
  const measure = (text: string) => [...text].length * 6;
  const plot = { left: 40, right: 740 };
  /** Where a placed label is drawn, as the chart draws it (4 px from its line). */
  const extent = (x: number, p: { text: string; anchor: 'start' | 'end' }) =>
    p.anchor === 'start' ? { from: x + 4, to: x + 4 + measure(p.text) } : { from: x - 4 - measure(p.text), to: x - 4 };

  it('puts a label to the right of its line when it fits', () => {
    expect(layoutMarkerLabels([{ x: 300, text: 'Arrest in Watford' }], plot, measure)).toEqual([
      { text: 'Arrest in Watford', anchor: 'start', row: 0, abbreviated: false },
    ]);
  });

  it('turns a label at the right edge to the left of its line instead of cutting it off', () => {
    const [p] = layoutMarkerLabels([{ x: 730, text: 'Advice leaflet drop' }], plot, measure);
    expect(p).toEqual({ text: 'Advice leaflet drop', anchor: 'end', row: 0, abbreviated: false });
    const e = extent(730, p!);
    expect(e.from).toBeGreaterThanOrEqual(plot.left);
    expect(e.to).toBeLessThanOrEqual(plot.right);
  });

  it('moves a label that would overlap its neighbour to the next row', () => {
    const items = [
      { x: 200, text: 'Appeal published' },
      { x: 230, text: 'Arrest of two men' },
    ];
    const placed = layoutMarkerLabels(items, plot, measure);
    expect(placed.map((p) => [p.row, p.abbreviated])).toEqual([
      [0, false],
      [1, false],
    ]);
  });

  it('shortens a label only when it fits nowhere, to the widest gap, with an ellipsis', () => {
    const narrow = { left: 0, right: 100 };
    const [p] = layoutMarkerLabels([{ x: 50, text: 'A very long appeal title indeed' }], narrow, measure);
    expect(p?.abbreviated).toBe(true);
    expect(p?.text.endsWith('…')).toBe(true);
    expect('A very long appeal title indeed'.startsWith(p!.text.slice(0, -1))).toBe(true);
    const e = extent(50, p!);
    expect(e.from).toBeGreaterThanOrEqual(narrow.left);
    expect(e.to).toBeLessThanOrEqual(narrow.right);
  });

  it('draws nothing rather than a stub when not even a few characters fit', () => {
    const [p] = layoutMarkerLabels([{ x: 10, text: 'Advice leaflet drop' }], { left: 0, right: 20 }, measure);
    expect(p).toMatchObject({ text: '', abbreviated: true });
    expect(MIN_ABBREVIATION).toBeGreaterThanOrEqual(3);
  });

  it('never cuts off or overlaps labels, wherever the markers fall', () => {
    const titles = ['Appeal published', 'Arrest', '3 events', 'Leaflet drop in Hitchin', 'Press release'];
    for (let seed = 1; seed <= 50; seed++) {
      const items = titles.map((text, i) => ({ x: plot.left + ((seed * 97 + i * 131) % (plot.right - plot.left)), text }));
      const placed = layoutMarkerLabels(items, plot, measure);
      const boxes = placed.map((p, i) => ({ ...extent(items[i]!.x, p), row: p.row, shown: p.text !== '' }));
      for (const [i, a] of boxes.entries()) {
        if (!a.shown) continue;
        expect(a.from, `seed ${seed}`).toBeGreaterThanOrEqual(plot.left);
        expect(a.to, `seed ${seed}`).toBeLessThanOrEqual(plot.right);
        for (const b of boxes.slice(i + 1)) {
          // 8 px apart at least: room for both labels' halos.
          if (b.shown && a.row === b.row) expect(a.to + 8 <= b.from || b.to + 8 <= a.from, `seed ${seed}`).toBe(true);
        }
      }
    }
  });
});
