import { METHOD_LABELS } from '@scam/shared';
import type { SavedSeries, Series } from '@scam/shared';
import { Link } from '../../../lib/router';
import { formatCount, formatDate, formatMoney, plural } from '../../../utils/format';
import { METHOD_COLOURS } from '../../../utils/palette';
import { KIND_LABELS, STATUS_LABELS, TREND_LABELS } from '../../../utils/series-labels';
import { formatPValue, formatRecurrence } from '../utils/series-status';

/** Linked series are found by shared details, not by counting against a baseline, so they have no expectation. */
export function expectedText(series: Pick<Series, 'kind' | 'expected'>): string {
  return series.kind === 'linked' ? '(linked by shared details)' : `vs ${series.expected.toFixed(1)} expected`;
}

export function TrendBadge({ trend }: { trend: Series['trend'] }) {
  return <span className={`badge trend trend--${trend}`}>{TREND_LABELS[trend]}</span>;
}

export function StatusBadge({ status }: { status: SavedSeries['status'] }) {
  return <span className={`badge status status--${status}`}>{STATUS_LABELS[status]}</span>;
}

/** The statistic that says how unusual the series is: a p-value, or for prospective runs how often chance would raise it. */
export function Significance({
  series,
  mode,
}: {
  series: Pick<Series, 'pValue' | 'recurrenceDays'>;
  mode: 'retrospective' | 'prospective';
}) {
  if (mode === 'prospective' && series.recurrenceDays !== null) {
    return (
      <>
        <dt>Recurrence</dt>
        <dd>{formatRecurrence(series.recurrenceDays)}</dd>
      </>
    );
  }
  return (
    <>
      <dt>p-value</dt>
      <dd>{series.pValue === null ? 'linked by caller number' : formatPValue(series.pValue)}</dd>
    </>
  );
}

/** One detected series: what, where, when, how unusual, how much was lost, and the plain-English reading. */
export function SeriesCard({
  series,
  mode,
  href,
  saved,
}: {
  series: Series;
  mode: 'retrospective' | 'prospective';
  href: string;
  saved: SavedSeries | undefined;
}) {
  const headingId = `series-${series.id}-title`;
  return (
    <li className="series-card" data-testid="series-card" data-series-id={series.id} aria-labelledby={headingId}>
      <div className="series-card__head">
        <span className="series-card__method-mark" style={{ background: METHOD_COLOURS[series.method] }} aria-hidden="true" />
        <h3 id={headingId} className="series-card__title">
          <Link to={href}>{METHOD_LABELS[series.method]}</Link>
        </h3>
        <span className="muted small">{KIND_LABELS[series.kind]}</span>
        <span className="series-card__badges">
          <TrendBadge trend={series.trend} />
          {saved ? (
            <span className="badge badge--saved" data-testid="series-saved-badge" title={`Saved as “${saved.name}”`}>
              Saved · {STATUS_LABELS[saved.status]}
            </span>
          ) : null}
        </span>
      </div>
      <p className="series-card__when">
        {formatDate(series.first)} – {formatDate(series.last)}
      </p>
      <p className="series-card__areas">
        {series.districts.map((d, i) => (
          <span key={d.name}>
            {i > 0 ? ', ' : ''}
            {d.name} <span className="muted">({formatCount(d.count)})</span>
          </span>
        ))}
      </p>
      <dl className="series-card__stats">
        <div>
          <dt>Reports</dt>
          <dd>
            <strong>{formatCount(series.count)}</strong> {expectedText(series)}
          </dd>
        </div>
        <div>
          <dt>Relative risk</dt>
          <dd>{series.relativeRisk > 0 ? `${series.relativeRisk.toFixed(1)}×` : '—'}</dd>
        </div>
        <div>
          <Significance series={series} mode={mode} />
        </div>
        <div>
          <dt>Lost</dt>
          <dd>{formatMoney(series.lossPence)}</dd>
        </div>
        <div>
          <dt>Victims</dt>
          <dd>
            {plural(series.victimsLost, 'lost money', 'lost money')} · {plural(series.attempts, 'attempt')}
          </dd>
        </div>
      </dl>
      <p className="series-card__explanation">{series.explanation}</p>
    </li>
  );
}
