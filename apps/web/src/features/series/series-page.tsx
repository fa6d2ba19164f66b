import { useMeta } from '../../api/meta.queries';
import { EmptyState, ErrorNotice } from '../../components/status';
import { navigate, useLocation } from '../../lib/router';
import type { SeriesListParams } from '../../api/series.queries';
import { SeriesDetail } from './components/series-detail';
import { SeriesWorkspace } from './components/series-workspace';
import { advancedParams, parseSeriesView, resolvePeriod, seriesViewSearch } from './utils/period';
import type { SeriesViewState } from './utils/period';
import '../../styles/saved-list.css';
import './series.css';

/** The series workspace (detected and saved lists) or, with `?id=` / `?saved=`, one series in detail. */
export function SeriesPage() {
  const { search } = useLocation();
  const meta = useMeta();
  const view = parseSeriesView(search);
  const period = resolvePeriod(view, meta.data?.dataRange?.last ?? null);
  const params: SeriesListParams | null = period
    ? {
        from: period.from,
        to: period.to,
        ...(view.method ? { method: view.method } : {}),
        mode: view.mode,
        replicates: view.replicates,
        ...advancedParams(view.advanced),
      }
    : null;
  const onChange = (patch: Partial<SeriesViewState>) => navigate(`/series${seriesViewSearch({ ...view, ...patch })}`);

  if (meta.isError && !view.from) {
    return <ErrorNotice error={meta.error} title="Could not load the data range" onRetry={() => void meta.refetch()} />;
  }
  if (meta.data && !meta.data.dataRange) {
    return (
      <div className="page">
        <h1 className="page-title">Series</h1>
        <EmptyState>No incidents have been imported yet, so there is nothing to detect series in.</EmptyState>
      </div>
    );
  }
  if (view.id !== null || view.saved !== null) return <SeriesDetail view={view} />;
  return <SeriesWorkspace view={view} params={params} dataRange={meta.data?.dataRange ?? null} onChange={onChange} />;
}
