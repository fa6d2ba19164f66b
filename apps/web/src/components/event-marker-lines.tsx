import { ReferenceLine } from 'recharts';
import type { EventMarker } from '../utils/event-markers';
import { EVENT_MARKER_COLOURS, markerDescription } from '../utils/event-markers';

interface LabelProps {
  viewBox?: { x?: number; y?: number; height?: number };
}

/**
 * The events of the period as labelled vertical lines. A function returning elements rather than a
 * component: recharts only draws reference lines that are its chart's direct children.
 */
export function eventMarkerLines(markers: readonly EventMarker[] | undefined, yAxisId?: string) {
  return (markers ?? []).map((m) => {
    const colour = EVENT_MARKER_COLOURS[m.kind];
    const description = markerDescription(m);
    return (
      <ReferenceLine
        key={m.start}
        x={m.x}
        {...(yAxisId ? { yAxisId } : {})}
        stroke={colour}
        strokeWidth={2}
        strokeDasharray="5 3"
        ifOverflow="extendDomain"
        label={({ viewBox }: LabelProps) => (
          <g data-testid="event-marker" data-start={m.start} data-count={m.events.length}>
            <title>{description}</title>
            <text x={(viewBox?.x ?? 0) + 4} y={(viewBox?.y ?? 0) + 12} fontSize={12} fill={colour} fontWeight={600}>
              {m.label}
            </text>
          </g>
        )}
      />
    );
  });
}
