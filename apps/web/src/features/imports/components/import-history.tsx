import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorNotice, Loading } from '../../../components/status';

import { formatBytes, formatCount, formatTimestamp } from '../../../utils/format';
import { importQueries, rejectedCsvUrl, useRollback } from '../api/imports.queries';

export function ImportHistory() {
  const query = useQuery(importQueries.list());
  const rollback = useRollback();
  const [confirming, setConfirming] = useState<number | null>(null);

  return (
    <section className="panel" aria-labelledby="history-title">
      <div className="panel__head">
        <h2 id="history-title" className="panel__heading">
          Import history
        </h2>
      </div>
      {rollback.isSuccess ? (
        <p className="notice notice--ok" role="status">
          Rolled back batch #{rollback.data.batchId}: {formatCount(rollback.data.removed)} incidents removed,{' '}
          {formatCount(rollback.data.reverted)} reverted to their earlier values.
        </p>
      ) : null}
      {rollback.isError ? <ErrorNotice error={rollback.error} title="Rollback failed" /> : null}
      {query.isPending ? (
        <Loading height={160} />
      ) : query.isError ? (
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.imports.length === 0 ? (
        <EmptyState>No files imported yet.</EmptyState>
      ) : (
        <div className="table-scroll table-scroll--tall">
          <table className="table table--compact" data-testid="import-history">
            <thead>
              <tr>
                <th scope="col">Batch</th>
                <th scope="col">File</th>
                <th scope="col">Imported</th>
                <th scope="col" className="num">Rows</th>
                <th scope="col" className="num">New</th>
                <th scope="col" className="num">Updated</th>
                <th scope="col" className="num">Unchanged</th>
                <th scope="col" className="num">Rejected</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {query.data.imports.map((b) => (
                <tr key={b.id} data-testid="import-history-row" data-batch={b.id} data-status={b.status}>
                  <td>#{b.id}</td>
                  <td>
                    <span className="file-name">{b.fileName}</span>
                    <span className="muted small"> {formatBytes(b.fileSize)}</span>
                  </td>
                  <td className="nowrap">{formatTimestamp(b.importedAt)}</td>
                  <td className="num">{formatCount(b.counts.rows)}</td>
                  <td className="num">{formatCount(b.counts.inserted)}</td>
                  <td className="num">{formatCount(b.counts.updated)}</td>
                  <td className="num">{formatCount(b.counts.unchanged)}</td>
                  <td className="num">{formatCount(b.counts.rejected)}</td>
                  <td>
                    {b.status === 'committed' ? (
                      <span className="badge badge--ok">Committed</span>
                    ) : (
                      <span className="badge" title={b.rolledBackAt ? `Rolled back ${formatTimestamp(b.rolledBackAt)}` : undefined}>
                        Rolled back
                      </span>
                    )}
                  </td>
                  <td>
                    <div className="actions">
                    {b.counts.rejected > 0 ? (
                      <a href={rejectedCsvUrl(b.id)} download className="link-button small">
                        Rejected rows (CSV)
                      </a>
                    ) : null}
                    {b.status === 'committed' ? (
                      confirming === b.id ? (
                        <span className="confirm" role="group" aria-label={`Confirm rollback of batch ${b.id}`}>
                          <span className="small">
                            Undo batch #{b.id}? New incidents are removed and updated ones go back to their earlier values.
                          </span>
                          <button
                            type="button"
                            className="button button--small button--danger"
                            disabled={rollback.isPending}
                            onClick={() => rollback.mutate(b.id, { onSettled: () => setConfirming(null) })}
                            data-testid="rollback-confirm"
                          >
                            {rollback.isPending ? 'Rolling back…' : 'Confirm rollback'}
                          </button>
                          <button type="button" className="button button--small button--quiet" onClick={() => setConfirming(null)}>
                            Cancel
                          </button>
                        </span>
                      ) : (
                        <button
                          type="button"
                          className="button button--small button--quiet"
                          onClick={() => {
                            rollback.reset();
                            setConfirming(b.id);
                          }}
                          data-testid="rollback"
                        >
                          Roll back…
                        </button>
                      )
                    ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {query.data.truncated ? <p className="muted small">Showing the most recent imports only.</p> : null}
        </div>
      )}
    </section>
  );
}
