import { useQuery } from '@tanstack/react-query';
import { METHOD_LABELS } from '@scam/shared';
import { toQueryString } from '../../../lib/api-client';
import { Link } from '../../../lib/router';
import { formatDate, formatDayMonth, formatTimestamp, plural } from '../../../utils/format';
import { alertsQuery } from '../../../api/series-alerts.queries';
import type { SeriesAlerts as Alerts } from '@scam/shared';
import { TREND_LABELS } from '../../../utils/series-labels';

const SHOWN = 4;

/** The detail link reproduces the watch run: prospective, its period, 999 replicates. */
function alertHref(alerts: Alerts, id: string): string {
  return `/series${toQueryString({ period: 'custom', from: alerts.from, to: alerts.to, mode: 'prospective', id })}`;
}

/**
 * New or growing series from the watch run after the latest import, for the overview. Quiet when
 * there are none; while a run is under way the query polls (see seriesQueries.alerts).
 */
export function SeriesAlerts() {
  const alerts = useQuery(alertsQuery());
  if (!alerts.data) return null;
  const { series, pending, stale } = alerts.data;
  const checking = pending || stale;
  if (series.length === 0) {
    return (
      <p className="series-alerts series-alerts--quiet small muted" data-testid="series-alerts" data-count={0} role="status">
        {checking ? 'Checking the latest data for new series…' : 'No new or growing series in the last 12 weeks.'}
      </p>
    );
  }
  const more = series.length - SHOWN;
  return (
    <section className="series-alerts" data-testid="series-alerts" data-count={series.length} aria-labelledby="series-alerts-title">
      <h2 id="series-alerts-title" className="series-alerts__title">
        {plural(series.length, 'new or growing series', 'new or growing series')}
        <span className="series-alerts__when small">
          {' '}
          · last 12 weeks{alerts.data.runAt ? `, checked ${formatTimestamp(alerts.data.runAt)}` : ''}
          {checking ? ' · re-checking…' : ''}
        </span>
      </h2>
      <ul className="series-alerts__list">
        {series.slice(0, SHOWN).map((s) => (
          <li key={s.id}>
            <span className={`badge trend trend--${s.trend}`}>{TREND_LABELS[s.trend]}</span>{' '}
            <Link to={alertHref(alerts.data, s.id)} data-testid="series-alert-link">
              {METHOD_LABELS[s.method]},{' '}
              {s.districts
                .slice(0, 2)
                .map((d) => d.name)
                .join(', ')}
              {s.districts.length > 2 ? ' and others' : ''}
            </Link>{' '}
            <span className="small">
              {plural(s.count, 'report')}, {formatDayMonth(s.first)} – {formatDate(s.last)}
            </span>
          </li>
        ))}
      </ul>
      {more > 0 ? (
        <Link
          className="small"
          to={`/series${toQueryString({ period: 'custom', from: alerts.data.from, to: alerts.data.to, mode: 'prospective' })}`}
        >
          and {more} more
        </Link>
      ) : null}
    </section>
  );
}
