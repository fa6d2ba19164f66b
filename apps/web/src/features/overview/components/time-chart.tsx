import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BarRectangleItem, MouseHandlerDataParam } from 'recharts';
import { formatCount, formatMoney, formatMoneyShort } from '../../../utils/format';
import type { CumulativeRow, TimeRow } from '../utils/shape-timeseries';
import type { EventMarker } from '../../../utils/event-markers';
import { eventMarkerLines } from '../../../components/event-marker-lines';

/**
 * The recharts part of the time panel, loaded on demand so recharts stays out of the first chunk.
 * It only renders the rows it is given; all shaping happens in utils/shape-timeseries.
 */

export interface ChartSeries {
  key: string;
  label: string;
  colour: string;
}

export type TimeChartProps =
  | {
      kind: 'stacked';
      rows: TimeRow[];
      series: ChartSeries[];
      money: boolean;
      titleFor: (start: string) => string;
      onBucket: (start: string) => void;
    }
  | {
      kind: 'cumulative';
      rows: CumulativeRow[];
      titleFor: (start: string) => string;
      onBucket: (start: string) => void;
    };

const AXIS = { fontSize: 13, fill: '#333' };
const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };

function indexOf(state: MouseHandlerDataParam): number | null {
  const i = Number(state.activeTooltipIndex);
  return Number.isInteger(i) && i >= 0 ? i : null;
}

export default function TimeChart(props: TimeChartProps & { markers?: readonly EventMarker[] }) {
  const { rows, titleFor, onBucket } = props;
  // The chart-level click reports the tooltip's index, which follows the mouse one animation frame
  // late; good enough for a line, but bars use their own click, which carries the exact row.
  const onClick = (state: MouseHandlerDataParam) => {
    const i = indexOf(state);
    const row = i === null ? undefined : rows[i];
    if (row) onBucket(row.start);
  };
  const labelFormatter = (_: unknown, payload: readonly { payload?: { start?: string } }[]) => {
    const start = payload[0]?.payload?.start;
    return start ? titleFor(start) : '';
  };

  if (props.kind === 'cumulative') {
    return (
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={props.rows} margin={MARGIN} onClick={onClick} style={{ cursor: 'pointer' }}>
          <CartesianGrid vertical={false} stroke="#ddd" />
          <XAxis dataKey="label" tick={AXIS} minTickGap={16} />
          <YAxis yAxisId="reports" tick={AXIS} allowDecimals={false} width={44} />
          <YAxis yAxisId="loss" orientation="right" tick={AXIS} tickFormatter={formatMoneyShort} width={56} />
          <Tooltip
            labelFormatter={labelFormatter}
            formatter={(value, name) => (name === 'Lost (running total)' ? formatMoney(Number(value)) : formatCount(Number(value)))}
          />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          <Line
            yAxisId="reports"
            type="stepAfter"
            dataKey="reports"
            name="Reports (running total)"
            stroke="#0072B2"
            strokeWidth={2.5}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            yAxisId="loss"
            type="stepAfter"
            dataKey="lossPence"
            name="Lost (running total)"
            stroke="#D55E00"
            strokeWidth={2.5}
            strokeDasharray="6 3"
            dot={false}
            isAnimationActive={false}
          />
          {eventMarkerLines(props.markers, 'reports')}
        </LineChart>
      </ResponsiveContainer>
    );
  }

  const format = props.money ? (n: number) => formatMoney(n) : formatCount;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={props.rows} margin={MARGIN}>
        <CartesianGrid vertical={false} stroke="#ddd" />
        <XAxis dataKey="label" tick={AXIS} minTickGap={12} />
        <YAxis tick={AXIS} allowDecimals={false} tickFormatter={props.money ? formatMoneyShort : undefined} width={props.money ? 56 : 40} />
        <Tooltip labelFormatter={labelFormatter} formatter={(value) => format(Number(value))} cursor={{ fill: 'rgba(0,0,0,0.06)' }} />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        {props.series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stackId="stack"
            fill={s.colour}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(bar: BarRectangleItem) => {
              const start: unknown = (bar.payload as { start?: unknown } | undefined)?.start;
              if (typeof start === 'string') onBucket(start);
            }}
          />
        ))}
        {eventMarkerLines(props.markers)}
      </BarChart>
    </ResponsiveContainer>
  );
}
