import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useCan } from '../../../api/session.queries';
import { EmptyState, ErrorNotice, Loading } from '../../../components/status';
import { formatBytes, formatCount, formatTimestamp, plural } from '../../../utils/format';
import { importQueries, noticesCsvUrl, rejectedCsvUrl, useErase, useRollback } from '../api/imports.queries';

export function ImportHistory() {
  const query = useInfiniteQuery(importQueries.list());
  const batches = query.data?.pages.flatMap((p) => p.imports) ?? [];
  // An older page that failed is said under the table, which stays as loaded.
  const moreError = query.isFetchNextPageError ? query.error : null;
  const rollback = useRollback();
  const erase = useErase();
  // Erasure destroys records for good (the Act's "erasure"), so only an administrator is offered it.
  const canErase = useCan('admin');
  const [confirming, setConfirming] = useState<{ id: number; action: 'rollback' | 'erase' } | null>(null);
  const confirmingRollback = (id: number) => confirming?.id === id && confirming.action === 'rollback';
  const confirmingErase = (id: number) => confirming?.id === id && confirming.action === 'erase';

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
      {erase.isSuccess ? (
        <p className="notice notice--ok" role="status" data-testid="erase-result">
          Erased batch #{erase.data.batchId}: {plural(erase.data.erased.incidents, 'incident')},{' '}
          {plural(erase.data.erased.history, 'history entry', 'history entries')} and {plural(erase.data.erased.rejected, 'rejected row')}{' '}
          deleted.
        </p>
      ) : null}
      {erase.isError ? <ErrorNotice error={erase.error} title="Erasure failed" /> : null}
      {query.isPending ? (
        <Loading height={160} />
      ) : query.isError ? (
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      ) : batches.length === 0 ? (
        <EmptyState>No files imported yet.</EmptyState>
      ) : (
        <div className="table-scroll table-scroll--tall">
          <table className="table table--compact" data-testid="import-history">
            <thead>
              <tr>
                <th scope="col">Batch</th>
                <th scope="col">File</th>
                <th scope="col">Imported</th>
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col" className="num">
                  New
                </th>
                <th scope="col" className="num">
                  Updated
                </th>
                <th scope="col" className="num">
                  Unchanged
                </th>
                <th scope="col" className="num">
                  Rejected
                </th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id} data-testid="import-history-row" data-batch={b.id} data-status={b.status}>
                  <td>#{b.id}</td>
                  <td>
                    <span className="file-name">{b.fileName}</span>
                    <span className="muted small"> {formatBytes(b.fileSize)}</span>
                  </td>
                  <td className="nowrap">
                    {formatTimestamp(b.importedAt)}
                    {b.importedBy ? <span className="muted small"> by {b.importedBy}</span> : null}
                  </td>
                  <td className="num">{formatCount(b.counts.rows)}</td>
                  <td className="num">{formatCount(b.counts.inserted)}</td>
                  <td className="num">{formatCount(b.counts.updated)}</td>
                  <td className="num">{formatCount(b.counts.unchanged)}</td>
                  <td className="num">{formatCount(b.counts.rejected)}</td>
                  <td>
                    {b.status === 'committed' ? (
                      <span className="badge badge--ok">Committed</span>
                    ) : b.erasedAt ? (
                      <span className="badge" title={`Erased ${formatTimestamp(b.erasedAt)}`}>
                        Erased
                      </span>
                    ) : (
                      <span className="badge" title={b.rolledBackAt ? `Rolled back ${formatTimestamp(b.rolledBackAt)}` : undefined}>
                        Rolled back
                      </span>
                    )}
                  </td>
                  <td>
                    <div className="actions">
                      {b.counts.rejected > 0 && !b.erasedAt ? (
                        <a href={rejectedCsvUrl(b.id)} download className="link-button small">
                          Rejected rows (CSV)
                        </a>
                      ) : null}
                      {b.notices > 0 && !b.erasedAt ? (
                        <a href={noticesCsvUrl(b.id)} download className="link-button small" data-testid="import-notices-csv">
                          {plural(b.notices, 'notice')} (CSV)
                        </a>
                      ) : null}
                      {b.status === 'committed' ? (
                        <ConfirmedAction
                          batchId={b.id}
                          what="rollback"
                          label="Roll back…"
                          question={`Undo batch #${b.id}? New incidents are removed and updated ones go back to their earlier values.`}
                          confirmLabel="Confirm rollback"
                          pendingLabel="Rolling back…"
                          testId="rollback"
                          confirming={confirmingRollback(b.id)}
                          pending={rollback.isPending}
                          onAsk={() => {
                            rollback.reset();
                            erase.reset();
                            setConfirming({ id: b.id, action: 'rollback' });
                          }}
                          onConfirm={() => rollback.mutate(b.id, { onSettled: () => setConfirming(null) })}
                          onCancel={() => setConfirming(null)}
                        />
                      ) : canErase && !b.erasedAt ? (
                        <ConfirmedAction
                          batchId={b.id}
                          what="erasure"
                          label="Erase…"
                          question={`Erase batch #${b.id} for good? Its rolled-back incidents, their history and its rejected rows and notices are deleted and cannot be restored. The erasure itself is recorded in the audit trail.`}
                          confirmLabel="Confirm erasure"
                          pendingLabel="Erasing…"
                          testId="erase"
                          confirming={confirmingErase(b.id)}
                          pending={erase.isPending}
                          onAsk={() => {
                            rollback.reset();
                            erase.reset();
                            setConfirming({ id: b.id, action: 'erase' });
                          }}
                          onConfirm={() => erase.mutate(b.id, { onSettled: () => setConfirming(null) })}
                          onCancel={() => setConfirming(null)}
                        />
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="button-row">
            <span className="muted small" data-testid="import-history-shown">
              {plural(batches.length, 'import')} shown{query.hasNextPage ? ', newest first' : ', all of them'}
            </span>
            {query.hasNextPage ? (
              <button
                type="button"
                className="button button--small"
                disabled={query.isFetchingNextPage}
                onClick={() => void query.fetchNextPage()}
                data-testid="import-history-more"
              >
                {query.isFetchingNextPage ? 'Loading…' : 'Show older imports'}
              </button>
            ) : null}
          </div>
          {moreError ? <ErrorNotice error={moreError} title="Older imports could not be loaded" /> : null}
        </div>
      )}
    </section>
  );
}

/** A destructive action asked for in two steps: the button, then a sentence saying what will happen. */
function ConfirmedAction(props: {
  batchId: number;
  what: string;
  label: string;
  question: string;
  confirmLabel: string;
  pendingLabel: string;
  testId: string;
  confirming: boolean;
  pending: boolean;
  onAsk: () => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  if (!props.confirming) {
    return (
      <button type="button" className="button button--small button--quiet" onClick={props.onAsk} data-testid={props.testId}>
        {props.label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={`Confirm ${props.what} of batch ${props.batchId}`}>
      <span className="small">{props.question}</span>
      <button
        type="button"
        className="button button--small button--danger"
        disabled={props.pending}
        onClick={props.onConfirm}
        data-testid={`${props.testId}-confirm`}
      >
        {props.pending ? props.pendingLabel : props.confirmLabel}
      </button>
      <button type="button" className="button button--small button--quiet" onClick={props.onCancel}>
        Cancel
      </button>
    </span>
  );
}
