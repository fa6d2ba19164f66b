import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { CHANNEL_LABELS, IMPERSONATED_LABELS, METHOD_LABELS, OUTCOME_LABELS, readIdentifier } from '@scam/shared';
import { ErrorNotice, Loading } from '../../../components/status';
import { Link } from '../../../lib/router';
import { toQueryString } from '../../../lib/api-client';
import { formatDate, formatMoney, formatTimestamp } from '../../../utils/format';
import { incidentQueries } from '../api/incidents.queries';
import { seriesEntry } from '../utils/incident-series';
import { historyRows } from '../utils/table-state';

const KIND_LABELS = { insert: 'Added', update: 'Updated', revert: 'Reverted' } as const;

/**
 * One incident and its change history, in a native modal dialog: it traps focus, closes on Escape and
 * returns focus to the row that opened it.
 */
/** A caller number or payee account, with a link to every report that used it when it can be searched for. */
function Identifier({ value, what }: { value: string; what: string }) {
  return (
    <>
      {value}
      {readIdentifier(value) ? (
        <div className="small">
          <Link to={`/incidents${toQueryString({ identifier: value })}`} data-testid="identifier-reports">
            All reports with this {what}
          </Link>
        </div>
      ) : null}
    </>
  );
}

export function IncidentDetailDialog({ id, onClose }: { id: number | string; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const query = useQuery(incidentQueries.detail(id));

  // No close() on cleanup: its "close" event is async and, under StrictMode's double effects, would
  // land after the re-open and dismiss the dialog. Unmounting removes the element anyway.
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const incident = query.data?.incident;
  const rows = query.data ? historyRows(query.data.history) : [];

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="incident-title" onClose={onClose} data-testid="incident-detail">
      <div className="dialog__head">
        <h2 id="incident-title">{incident ? incident.reference : 'Incident'}</h2>
        <button type="button" className="button button--quiet" onClick={() => ref.current?.close()} aria-label="Close details">
          Close
        </button>
      </div>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      ) : incident ? (
        <div className="dialog__body">
          <dl className="facts">
            <div>
              <dt>Offence date</dt>
              <dd>{formatDate(incident.offenceDate)}</dd>
            </div>
            <div>
              <dt>Reported</dt>
              <dd>{formatDate(incident.reportDate)}</dd>
            </div>
            <div>
              <dt>Place</dt>
              <dd>
                {incident.place}, {incident.district}
                {incident.townRaw && incident.townRaw !== incident.place ? (
                  <span className="muted"> (given as “{incident.townRaw}”)</span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt>Method</dt>
              <dd>
                {METHOD_LABELS[incident.method]}
                {incident.methodRaw ? <span className="muted"> (given as “{incident.methodRaw}”)</span> : null}
              </dd>
            </div>
            <div>
              <dt>Outcome</dt>
              <dd>{OUTCOME_LABELS[incident.outcome]}</dd>
            </div>
            <div>
              <dt>Loss</dt>
              <dd>{formatMoney(incident.lossPence, { withPence: true })}</dd>
            </div>
            <div>
              <dt>Victim age</dt>
              <dd>{incident.victimAge ?? (incident.ageBand === 'unknown' ? 'Unknown' : incident.ageBand)}</dd>
            </div>
            <div>
              <dt>Posing as</dt>
              <dd>{IMPERSONATED_LABELS[incident.impersonated]}</dd>
            </div>
            <div>
              <dt>Payment</dt>
              <dd>{CHANNEL_LABELS[incident.channel]}</dd>
            </div>
            {incident.callerNumber ? (
              <div>
                <dt>Caller number</dt>
                <dd>
                  <Identifier value={incident.callerNumber} what="number" />
                </dd>
              </div>
            ) : null}
            {incident.payeeAccount ? (
              <div>
                <dt>Payee account</dt>
                <dd data-testid="payee-account">
                  <Identifier value={incident.payeeAccount} what="account" />
                </dd>
              </div>
            ) : null}
          </dl>
          <h3 id="incident-series-title">Series</h3>
          {query.data.series.length === 0 ? (
            <p className="muted" data-testid="incident-series-none">
              Not in any saved or detected series.
            </p>
          ) : (
            <ul className="incident-series" aria-labelledby="incident-series-title" data-testid="incident-series">
              {query.data.series.map(seriesEntry).map((entry) => (
                <li key={entry.key} data-testid="incident-series-item">
                  <Link to={entry.to}>{entry.title}</Link> <span className="muted small">{entry.about}</span>
                </li>
              ))}
            </ul>
          )}
          {query.data.seriesTruncated ? <p className="muted small">More series hold this report than are listed here.</p> : null}
          {incident.summary ? (
            <>
              <h3>Summary</h3>
              {/* Free text from the force's return: rendered as text, never as HTML. */}
              <p className="summary-text">{incident.summary}</p>
            </>
          ) : null}
          <h3>Change history</h3>
          {rows.length === 0 ? (
            <p className="muted">No recorded changes.</p>
          ) : (
            <div className="table-scroll">
              <table className="table table--compact" data-testid="incident-history">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Change</th>
                    <th scope="col">Field</th>
                    <th scope="col">Before → after</th>
                    <th scope="col">Batch</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.key}>
                      <td>{formatTimestamp(r.changedAt)}</td>
                      <td>{KIND_LABELS[r.kind]}</td>
                      <td>{r.label ?? '—'}</td>
                      <td>
                        {r.field ? (
                          <>
                            <span className="before">{r.before}</span> → <span className="after">{r.after}</span>
                          </>
                        ) : (
                          'First imported'
                        )}
                      </td>
                      <td>{r.batchId === null ? '—' : `#${r.batchId}`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ) : null}
    </dialog>
  );
}
