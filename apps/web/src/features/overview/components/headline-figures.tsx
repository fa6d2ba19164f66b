import { useQuery } from '@tanstack/react-query';
import type { FilterQuery } from '@scam/shared';
import { ErrorNotice, Refreshing } from '../../../components/status';
import { overviewQueries } from '../api/overview.queries';
import { headlineFigures, previousPeriodText } from '../utils/shape-summary';
import type { FigureId, HeadlineFigure } from '../utils/shape-summary';

const FIGURE_IDS: FigureId[] = ['reports', 'loss', 'lost', 'attempted', 'prevented', 'median-age', 'aged70'];
const LABELS: Record<FigureId, string> = {
  reports: 'Reports',
  loss: 'Total lost',
  lost: 'Victims lost money',
  attempted: 'Attempts, no loss',
  prevented: 'Prevented',
  'median-age': 'Median victim age',
  aged70: 'Aged 70 or over',
};

function changeTitle(f: HeadlineFigure): string | undefined {
  if (!f.previousText) return undefined;
  return f.comparedText
    ? `${f.comparedText} on the days compared, against ${f.previousText} on the same days of the period before`
    : `Previous period: ${f.previousText}`;
}

/** Headline figures for the current filters, each compared with the period of equal length before. */
export function HeadlineFigures({ filters }: { filters: FilterQuery }) {
  const summary = useQuery(overviewQueries.summary(filters));

  if (summary.isError && !summary.data) {
    return <ErrorNotice error={summary.error} title="Could not load the headline figures" onRetry={() => void summary.refetch()} />;
  }

  const figures = summary.data ? headlineFigures(summary.data) : null;
  return (
    <section className="headline" aria-labelledby="headline-title" aria-busy={summary.isFetching}>
      <h2 id="headline-title" className="visually-hidden">
        Headline figures
      </h2>
      <dl className="figures">
        {FIGURE_IDS.map((id) => {
          const f = figures?.find((x) => x.id === id);
          return (
            <div key={id} className={`figure figure--${id}`} data-testid={`figure-${id}`}>
              <dt className="figure__label">{f?.label ?? LABELS[id]}</dt>
              <dd className="figure__value" data-value>
                {f ? (
                  f.value
                ) : (
                  <span className="skeleton-text" aria-label="Loading">
                    &nbsp;
                  </span>
                )}
              </dd>
              {f?.change ? (
                <dd className={`figure__change figure__change--${f.change.kind}`} title={changeTitle(f)} data-testid="figure-change">
                  {f.change.text}
                  {f.previousText ? <span className="visually-hidden"> ({changeTitle(f)})</span> : null}
                </dd>
              ) : null}
              {f?.note ? <dd className="figure__note">{f.note}</dd> : null}
            </div>
          );
        })}
      </dl>
      <p className="headline__compare muted small" data-testid="headline-compare">
        {summary.data ? previousPeriodText(summary.data) : '\u00a0'} <Refreshing active={summary.isFetching && !summary.isPending} />
      </p>
    </section>
  );
}
