import { FiltersBar } from '../../components/filters/filters-bar';
import { useFilters } from '../../hooks/use-filters';
import { IncidentsView } from './components/incidents-view';

export function IncidentsPage() {
  const { query, clearFilters } = useFilters();
  return (
    <div className="page">
      <h1 className="visually-hidden">Incidents</h1>
      <FiltersBar />
      <IncidentsView filters={query} onClearFilters={clearFilters} />
    </div>
  );
}
