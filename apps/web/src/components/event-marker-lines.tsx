import { ReferenceLine, usePlotArea, useXAxisScale } from 'recharts';
import type { EventMarker } from '../utils/event-markers';
import { EVENT_MARKER_COLOURS, layoutMarkerLabels, markerDescription } from '../utils/event-markers';

interface LabelProps {
  viewBox?: { x?: number; y?: number; height?: number };
}

const FONT_SIZE = 12;
// A 12 px label's box is 14 px high, and its white halo reaches 2 px beyond: rows 18 px apart keep
// one row's halo off the other's letters.
const ROW_HEIGHT = 18;

let canvas: CanvasRenderingContext2D | null | undefined;

/** The drawn width of a label, measured in the page's own font (as the SVG text will be drawn). */
function measureLabel(text: string): number {
  if (canvas === undefined) canvas = document.createElement('canvas').getContext('2d');
  // No canvas (a test DOM): a generous estimate, so a label is shortened rather than cut off.
  if (!canvas) return text.length * FONT_SIZE * 0.7;
  canvas.font = `600 ${FONT_SIZE}px ${getComputedStyle(document.body).fontFamily}`;
  // A pixel each side for anti-aliasing and the renderer's own rounding.
  return canvas.measureText(text).width + 2;
}

/**
 * One marker's label. Every label lays out all of the chart's labels (the same answer each time) and
 * draws its own: to the left of the line where the right has no room, on a second row where it would
 * overlap its neighbour, shortened only when there is no room anywhere. Other markers' positions come
 * from the x axis's scale, as offsets from this one's line, so a band scale's half-band is no matter.
 */
function MarkerLabel({ viewBox, marker, markers }: LabelProps & { marker: EventMarker; markers: readonly EventMarker[] }) {
  const scale = useXAxisScale();
  const plot = usePlotArea();
  const x = viewBox?.x ?? 0;
  const y = viewBox?.y ?? 0;
  const own = scale?.(marker.x);
  const offsets = markers.map((m) => (own === undefined ? undefined : scale?.(m.x)));
  const known = offsets.every((o) => o !== undefined);
  const items = known ? markers.map((m, i) => ({ x: x + (offsets[i]! - own!), text: m.label })) : [{ x, text: marker.label }];
  const bounds = plot ? { left: plot.x, right: plot.x + plot.width } : { left: -Infinity, right: Infinity };
  const placed = layoutMarkerLabels(items, bounds, measureLabel)[known ? markers.indexOf(marker) : 0];
  const colour = EVENT_MARKER_COLOURS[marker.kind];
  return (
    <g
      data-testid="event-marker"
      data-start={marker.start}
      data-count={marker.events.length}
      data-label={marker.label}
      data-abbreviated={placed?.abbreviated ? 'true' : undefined}
    >
      <title>{markerDescription(marker)}</title>
      {/* A white halo round the letters, so a label reads where it crosses the bars. */}
      {placed?.text ? (
        <text
          x={placed.anchor === 'start' ? x + 4 : x - 4}
          y={y + 12 + placed.row * ROW_HEIGHT}
          textAnchor={placed.anchor}
          fontSize={FONT_SIZE}
          fill={colour}
          fontWeight={600}
          paintOrder="stroke"
          stroke="#fff"
          strokeWidth={2}
          strokeLinejoin="round"
        >
          {placed.text}
        </text>
      ) : null}
    </g>
  );
}

/**
 * The events of the period as labelled vertical lines. A function returning elements rather than a
 * component: recharts only draws reference lines that are its chart's direct children.
 */
export function eventMarkerLines(markers: readonly EventMarker[] | undefined, yAxisId?: string) {
  const all = markers ?? [];
  return all.map((m) => (
    <ReferenceLine
      key={m.start}
      x={m.x}
      {...(yAxisId ? { yAxisId } : {})}
      stroke={EVENT_MARKER_COLOURS[m.kind]}
      strokeWidth={2}
      strokeDasharray="5 3"
      ifOverflow="extendDomain"
      label={<MarkerLabel marker={m} markers={all} />}
    />
  ));
}
