import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BarRectangleItem, MouseHandlerDataParam } from 'recharts';
import { formatCount, formatMoney, formatMoneyShort } from '../../../utils/format';
import { noReturnSpan } from '../utils/shape-timeseries';
import type { CumulativeRow, TimeRow } from '../utils/shape-timeseries';
import type { EventMarker } from '../../../utils/event-markers';
import { eventMarkerLines } from '../../../components/event-marker-lines';
import { ChartTooltip } from '../../../components/chart-tooltip';

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

const NO_RETURN = 'no return yet';
const LOST_RUNNING = 'Lost (running total)';
/** The running loss is drawn dashed (told apart from the reports without its colour): its swatch too. */
const DASHED: ReadonlySet<string> = new Set([LOST_RUNNING]);
const AXIS = { fontSize: 13, fill: '#333' };
const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };

interface AreaLabelProps {
  viewBox?: { x?: number; y?: number; width?: number; height?: number };
}

/**
 * The buckets after the latest return, shaded and labelled: their reports are not in yet, so they are
 * neither bars of zero nor a flat running total. A function for the same reason as eventMarkerLines.
 */
function noReturnArea(rows: readonly (TimeRow | CumulativeRow)[], yAxisId?: string) {
  const span = noReturnSpan(rows);
  if (!span) return null;
  return (
    <ReferenceArea
      x1={span.x1}
      x2={span.x2}
      {...(yAxisId ? { yAxisId } : {})}
      fill="#767676"
      fillOpacity={0.12}
      stroke="#767676"
      strokeDasharray="4 3"
      label={({ viewBox }: AreaLabelProps) => {
        const x = (viewBox?.x ?? 0) + (viewBox?.width ?? 0) / 2;
        const y = (viewBox?.y ?? 0) + (viewBox?.height ?? 0) / 2;
        // A single narrow week has no room for the words across it.
        const upright = (viewBox?.width ?? 0) < 90;
        return (
          <g data-testid="no-return" data-count={span.count}>
            <text
              x={x}
              y={y}
              textAnchor="middle"
              dominantBaseline="middle"
              fontSize={13}
              fill="#333"
              transform={upright ? `rotate(-90 ${x} ${y})` : undefined}
            >
              No return yet
            </text>
          </g>
        );
      }}
    />
  );
}

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

  if (props.kind === 'cumulative') {
    return (
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={props.rows} margin={MARGIN} onClick={onClick} style={{ cursor: 'pointer' }}>
          <CartesianGrid vertical={false} stroke="#ddd" />
          <XAxis dataKey="label" tick={AXIS} minTickGap={16} />
          <YAxis yAxisId="reports" tick={AXIS} allowDecimals={false} width={44} />
          <YAxis yAxisId="loss" orientation="right" tick={AXIS} tickFormatter={formatMoneyShort} width={56} />
          <Tooltip
            content={({ active, payload }) => (
              <ChartTooltip
                active={active}
                payload={payload}
                titleFor={titleFor}
                dashed={DASHED}
                format={(value, name) => (value === null ? NO_RETURN : name === LOST_RUNNING ? formatMoney(value) : formatCount(value))}
              />
            )}
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
            name={LOST_RUNNING}
            stroke="#D55E00"
            strokeWidth={2.5}
            strokeDasharray="6 3"
            dot={false}
            isAnimationActive={false}
          />
          {noReturnArea(props.rows, 'reports')}
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
        <Tooltip
          content={({ active, payload }) => (
            <ChartTooltip
              active={active}
              payload={payload}
              titleFor={titleFor}
              format={(value) => (value === null ? NO_RETURN : format(value))}
            />
          )}
          cursor={{ fill: 'rgba(0,0,0,0.06)' }}
        />
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
        {noReturnArea(props.rows)}
        {eventMarkerLines(props.markers)}
      </BarChart>
    </ResponsiveContainer>
  );
}
