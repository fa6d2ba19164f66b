import { Bar, BarChart, CartesianGrid, Legend, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount } from '../utils/format';
import type { TimelineRow, TimelineSeriesDef } from '../utils/timeline';
import type { EventMarker } from '../utils/event-markers';
import { eventMarkerLines } from './event-marker-lines';
import { ChartTooltip } from './chart-tooltip';

/**
 * The recharts part of the series timeline, loaded on demand so recharts stays out of the first
 * chunk. It renders the rows it is given; shaping is utils/timeline.
 */
export default function SeriesTimelineChart({
  rows,
  series,
  titleFor,
  markers,
}: {
  rows: TimelineRow[];
  series: TimelineSeriesDef[];
  titleFor: (start: string) => string;
  /** Appeals published, arrests and other events in the window, drawn as labelled lines. */
  markers?: readonly EventMarker[];
}) {
  // Shade the series span only when there is context around it to set it apart from.
  const inSeries = rows.length > 0 && rows.every((r) => r.inSeries) ? [] : rows.filter((r) => r.inSeries);
  const first = inSeries[0]?.label;
  const last = inSeries[inSeries.length - 1]?.label;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} barCategoryGap={1}>
        <CartesianGrid vertical={false} stroke="#ddd" />
        {first && last ? (
          <ReferenceArea
            x1={first}
            x2={last}
            fill="#0b4f8a"
            fillOpacity={0.07}
            stroke="#0b4f8a"
            strokeOpacity={0.4}
            strokeDasharray="4 3"
            ifOverflow="extendDomain"
          />
        ) : null}
        <XAxis dataKey="label" tick={{ fontSize: 12, fill: '#333' }} minTickGap={14} />
        <YAxis tick={{ fontSize: 12, fill: '#333' }} allowDecimals={false} width={32} />
        <Tooltip
          content={({ active, payload }) => (
            <ChartTooltip active={active} payload={payload} titleFor={titleFor} format={(value) => formatCount(value ?? 0)} />
          )}
          cursor={{ fill: 'rgba(0,0,0,0.06)' }}
        />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} stackId="stack" fill={s.colour} isAnimationActive={false} />
        ))}
        {eventMarkerLines(markers)}
      </BarChart>
    </ResponsiveContainer>
  );
}
