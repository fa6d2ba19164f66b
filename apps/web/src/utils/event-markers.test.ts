import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '@scam/shared';
import { eventMarkers, MARKER_LABEL_MAX, markerDescription } from './event-markers';

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
