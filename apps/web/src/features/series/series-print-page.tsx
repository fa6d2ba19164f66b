import { EmptyState } from '../../components/status';
import { Link, useLocation } from '../../lib/router';
import { SeriesDetail } from './components/series-detail';
import { parseSeriesView } from './utils/period';
import '../../styles/saved-list.css';
import './series.css';
import './series-print.css';

/** A series on a portrait A4 sheet: `/print/series?id=…` or `?saved=…`, the same links as its page. */
export function SeriesPrintPage() {
  const { search } = useLocation();
  const view = parseSeriesView(search);
  if (view.id === null && view.saved === null) {
    return <EmptyState action={<Link to="/series">Go to the series</Link>}>This print link names no series.</EmptyState>;
  }
  return <SeriesDetail view={view} print />;
}
