import type { TooltipContentProps } from 'recharts';
import { tooltipLines, tooltipTitle } from '../utils/chart-tooltip';
import './chart-tooltip.css';

/**
 * The time charts' tooltip: the bucket's title, then one line per series with a swatch of its colour
 * and the name and figure in the text colour (recharts' own tooltip writes them in the series colour,
 * which several palette colours are too light for). For a chart's `<Tooltip content={…}>`.
 */
export function ChartTooltip({
  active,
  payload,
  titleFor,
  format,
  dashed,
}: Pick<TooltipContentProps, 'active' | 'payload'> & {
  titleFor: (start: string) => string;
  /** The figure as the chart shows it; null where the bucket has none (no return yet). */
  format: (value: number | null, name: string) => string;
  /** Names of the series drawn dashed, so their swatch is dashed too. */
  dashed?: ReadonlySet<string>;
}) {
  if (!active || !payload || payload.length === 0) return null;
  const title = tooltipTitle(payload, titleFor);
  return (
    <div className="chart-tooltip" data-testid="chart-tooltip">
      {title ? <p className="chart-tooltip__title">{title}</p> : null}
      <ul className="chart-tooltip__list">
        {tooltipLines(payload, format, dashed).map((line) => (
          <li key={line.key} className="chart-tooltip__item">
            <span
              className={line.dashed ? 'chart-tooltip__swatch chart-tooltip__swatch--dashed' : 'chart-tooltip__swatch'}
              style={line.dashed ? { borderTopColor: line.colour } : { background: line.colour }}
              aria-hidden="true"
              data-colour={line.colour}
            />
            <span className="chart-tooltip__name">{line.name}</span>
            <span className="chart-tooltip__value">{line.value}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
