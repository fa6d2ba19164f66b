import { FiltersBar } from '../../features/filters/components/filters-bar';
import { useFilters } from '../../features/filters/hooks/use-filters';
import { IncidentsView } from '../../features/incidents/components/incidents-view';

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
