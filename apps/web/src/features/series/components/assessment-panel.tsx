import { useId, useState } from 'react';
import type { SavedSeriesDetail, SeriesAssessment } from '@scam/shared';
import { ErrorNotice } from '../../../components/status';
import { formatCount, formatMoney, formatTimestamp, plural } from '../../../utils/format';
import { useReassessSavedSeries } from '../api/series.mutations';
import { ASSESSMENT_KIND_LABELS, assessmentSource, diffAssessments } from '../utils/assessments';
import { formatPValue } from '../utils/series-status';
import './assessment-panel.css';

/** A short list of references: the first few, then how many more. */
function refs(list: readonly string[], max = 6): string {
  return list.length <= max ? list.join(', ') : `${list.slice(0, max).join(', ')} and ${list.length - max} more`;
}

/**
 * What a saved series' figures rest on: the banner when newer detection disagrees or members changed by
 * hand (offered, never applied), the re-assess action, and the history of frozen assessments with what
 * changed between the one shown and the one before it.
 */
export function AssessmentPanel({
  saved,
  shown,
  onShow,
  print,
}: {
  saved: SavedSeriesDetail;
  shown: SeriesAssessment;
  /** null: the latest. */
  onShow: (seq: number | null) => void;
  print: boolean;
}) {
  const { assessments, newerEvidence, unassessed } = saved;
  const latest = assessments[assessments.length - 1]!;
  const previous = assessments.find((a) => a.seq === shown.seq - 1);
  const diff = previous ? diffAssessments(previous, shown) : null;
  const changedByHand = unassessed.added.length + unassessed.removed.length;

  return (
    <section className="panel assessment-panel" aria-labelledby="assessments-title" data-testid="assessment-panel">
      <div className="panel__head">
        <h2 id="assessments-title" className="panel__heading">
          Assessments
        </h2>
        <span className="small muted" data-testid="assessment-source">
          Figures on this {print ? 'sheet' : 'page'}: {assessmentSource(shown, assessments.length)}
        </span>
      </div>
      {shown.seq !== latest.seq ? (
        <p className="notice notice--warn small no-print" role="status">
          You are looking at an earlier assessment.{' '}
          <button type="button" className="link-button" onClick={() => onShow(latest.seq)}>
            Show the latest ({latest.seq})
          </button>
        </p>
      ) : null}
      {newerEvidence ? (
        <div className="notice notice--warn" role="status" data-testid="newer-evidence">
          <strong>Newer evidence available.</strong> A detection run by {newerEvidence.foundBy} on{' '}
          {formatTimestamp(newerEvidence.updatedAt)} finds {plural(newerEvidence.count, 'report')} vs {newerEvidence.expected.toFixed(1)}{' '}
          expected
          {newerEvidence.pValue !== null ? ` (p ${formatPValue(newerEvidence.pValue)})` : ''}
          {newerEvidence.membersIn.length > 0 ? `; ${plural(newerEvidence.membersIn.length, 'report')} not in this series` : ''}
          {newerEvidence.membersOut.length > 0 ? `; ${plural(newerEvidence.membersOut.length, 'member')} not in it` : ''}. The figures here
          stay those of assessment {latest.seq} until you re-assess.
        </div>
      ) : null}
      {changedByHand > 0 ? (
        <p className="notice small" role="status" data-testid="unassessed-members">
          Since assessment {latest.seq}:{' '}
          {unassessed.added.length > 0 ? `${plural(unassessed.added.length, 'incident')} added by hand (${refs(unassessed.added)})` : ''}
          {unassessed.added.length > 0 && unassessed.removed.length > 0 ? '; ' : ''}
          {unassessed.removed.length > 0 ? `${plural(unassessed.removed.length, 'incident')} removed (${refs(unassessed.removed)})` : ''}.
          They join the next assessment.
        </p>
      ) : null}
      {print ? null : <Reassess id={saved.id} onDone={() => onShow(null)} />}

      <div className="table-scroll">
        <table className="table table--compact assessment-table" data-testid="assessment-history">
          <caption className="visually-hidden">Assessments of this series, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When and by whom</th>
              <th scope="col" className="num">
                Reports
              </th>
              <th scope="col" className="num">
                Observed / expected
              </th>
              <th scope="col" className="num">
                p-value
              </th>
              <th scope="col" className="num">
                Lost
              </th>
              <th scope="col">Data version</th>
            </tr>
          </thead>
          <tbody>
            {assessments.map((a) => (
              <tr
                key={a.seq}
                aria-current={a.seq === shown.seq ? 'true' : undefined}
                className={a.seq === shown.seq ? 'is-current' : undefined}
              >
                <td>
                  {print ? (
                    a.seq
                  ) : (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onShow(a.seq)}
                      aria-pressed={a.seq === shown.seq}
                      aria-label={`Show assessment ${a.seq}`}
                      data-testid={`assessment-${a.seq}`}
                    >
                      {a.seq}
                    </button>
                  )}
                </td>
                <td>
                  {formatTimestamp(a.at)} · {ASSESSMENT_KIND_LABELS[a.kind]} by {a.by}
                  {a.note ? <span className="muted"> · “{a.note}”</span> : null}
                  {a.redactedAt ? (
                    <span className="muted">
                      {' '}
                      · {plural(a.erased, 'member')} erased {formatTimestamp(a.redactedAt)}
                    </span>
                  ) : null}
                </td>
                <td className="num">{formatCount(a.reports)}</td>
                <td className="num">{a.observed === null || a.expected === null ? '—' : `${a.observed} / ${a.expected.toFixed(1)}`}</td>
                <td className="num">{formatPValue(a.pValue)}</td>
                <td className="num">{formatMoney(a.lossPence)}</td>
                <td>{a.dataVersion === null ? 'not recorded' : formatCount(a.dataVersion)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {diff ? (
        <div className="assessment-diff" data-testid="assessment-diff">
          <h3 className="panel__title">
            What changed from assessment {previous!.seq} to {shown.seq}
          </h3>
          {diff.figures.length === 0 && diff.membersIn.length === 0 && diff.membersOut.length === 0 ? (
            <p className="small muted">Nothing: the same members and the same figures.</p>
          ) : (
            <ul className="small">
              {diff.membersIn.length > 0 ? (
                <li>
                  In: {plural(diff.membersIn.length, 'report')} ({refs(diff.membersIn)})
                </li>
              ) : null}
              {diff.membersOut.length > 0 ? (
                <li>
                  Out: {plural(diff.membersOut.length, 'report')} ({refs(diff.membersOut)})
                </li>
              ) : null}
              {diff.figures.map((f) => (
                <li key={f.label}>
                  {f.label}: {f.before} → {f.after}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </section>
  );
}

/** Re-assess now, with an optional reason: detection runs again and the next assessment is appended. */
function Reassess({ id, onDone }: { id: number; onDone: () => void }) {
  const [note, setNote] = useState('');
  const reassess = useReassessSavedSeries(id);
  const noteId = useId();
  return (
    <form
      className="series-actions__row assessment-panel__reassess no-print"
      onSubmit={(e) => {
        e.preventDefault();
        reassess.mutate(
          { note: note.trim() },
          {
            onSuccess: () => {
              setNote('');
              onDone();
            },
          },
        );
      }}
    >
      <label className="field" htmlFor={noteId}>
        <span className="field__label">Reason (optional)</span>
        <input
          id={noteId}
          value={note}
          maxLength={2000}
          onChange={(e) => setNote(e.target.value)}
          placeholder="e.g. late returns for October"
        />
      </label>
      <button type="submit" className="button" disabled={reassess.isPending} data-testid="series-reassess">
        {reassess.isPending ? 'Re-assessing… (detection runs again)' : 'Re-assess now'}
      </button>
      {reassess.isError ? <ErrorNotice error={reassess.error} title="Could not re-assess the series" /> : null}
    </form>
  );
}
