import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorNotice, Loading } from '../../../components/status';
import { formatTimestamp } from '../../../utils/format';
import { appealQueries } from '../api/appeals.queries';

const ACTION_LABELS: Record<string, string> = { draft: 'Drafted', export: 'Exported' };
const FORMAT_LABELS: Record<string, string> = { text: 'plain text', markdown: 'Markdown', print: 'print', docx: 'Word' };

/** Who drafted and exported what, when; fetched only when opened. */
export function AuditTrail() {
  const [open, setOpen] = useState(false);
  const trail = useQuery({ ...appealQueries.trail(), enabled: open });
  return (
    <details className="panel audit-trail" onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="appeal-audit">
      <summary className="panel__heading">Audit trail: who drafted and exported appeals</summary>
      {!open ? null : trail.isPending ? (
        <Loading label="Loading audit trail…" height={80} />
      ) : trail.isError ? (
        <ErrorNotice error={trail.error} title="Could not load the audit trail" onRetry={() => void trail.refetch()} />
      ) : trail.data.entries.length === 0 ? (
        <EmptyState>No appeals drafted yet.</EmptyState>
      ) : (
        <div className="table-scroll table-scroll--short">
          <table className="table table--compact">
            <caption className="visually-hidden">Appeal audit trail, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Appeal</th>
                <th scope="col">Source</th>
                <th scope="col" className="num">
                  Warnings
                </th>
              </tr>
            </thead>
            <tbody>
              {trail.data.entries.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{formatTimestamp(e.createdAt)}</td>
                  <td>{e.actor}</td>
                  <td className="nowrap">
                    {ACTION_LABELS[e.action] ?? e.action}
                    {e.format ? ` (${FORMAT_LABELS[e.format] ?? e.format})` : ''}
                  </td>
                  <td>{e.title}</td>
                  <td className="small">
                    {e.seriesId ? `Series ${e.seriesId}` : e.filters ? `Filters: ${describeAuditFilters(e.filters)}` : '—'}
                  </td>
                  <td className="num">{e.warnings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

function describeAuditFilters(filters: Record<string, unknown>): string {
  const parts = Object.entries(filters).map(([k, v]) => `${k}=${typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v)}`);
  return parts.length ? parts.join(', ') : 'none';
}
