import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { AppealDraft } from '@scam/shared';
import { EmptyState, ErrorNotice, Loading } from '../../../components/status';
import { Link } from '../../../lib/router';
import { toDay } from '@scam/shared';
import { formatTimestamp } from '../../../utils/format';
import { appealQueries, useRecordExport } from '../api/appeals.queries';
import {
  PURPOSE_MAX,
  appealRequest,
  disclosurePurpose,
  exportFilename,
  printSearch,
  toMarkdown,
  toPlainText,
} from '../utils/appeal-export';
import type { ExportFormat } from '../utils/appeal-export';
import type { AppealSource } from '../../../utils/appeal-source';

/** Saves text as a file from the browser: a Blob URL, so nothing from the draft is parsed as markup. */
function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked on the next task: some browsers start the download only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function exportRecord(source: AppealSource, draft: AppealDraft, format: 'text' | 'markdown' | 'print', purpose: string | null) {
  const req = appealRequest(source);
  return { title: draft.title, format, ...req, warnings: draft.warnings.length, ...(purpose ? { purpose } : {}) };
}

export function ExportBar({ source, draft }: { source: AppealSource; draft: AppealDraft }) {
  const record = useRecordExport();
  const [last, setLast] = useState<string | null>(null);
  const [purpose, setPurpose] = useState('');
  const purposeId = useId();
  const purposeHintId = useId();
  const cleanPurpose = disclosurePurpose(purpose);
  const onExport = (format: ExportFormat) => {
    const filename = exportFilename(draft.title, format, toDay(new Date()));
    download(
      filename,
      format === 'markdown' ? toMarkdown(draft) : toPlainText(draft),
      format === 'markdown' ? 'text/markdown' : 'text/plain',
    );
    setLast(filename);
    record.mutate(exportRecord(source, draft, format, cleanPurpose));
  };
  return (
    <div className="appeal-exports">
      <div className="field appeal-exports__purpose">
        <label className="field__label" htmlFor={purposeId}>
          Recipient / purpose <span className="muted">(optional)</span>
        </label>
        <input
          id={purposeId}
          type="text"
          value={purpose}
          maxLength={PURPOSE_MAX}
          placeholder="e.g. Press office for release 12 Dec"
          autoComplete="off"
          aria-describedby={purposeHintId}
          onChange={(e) => setPurpose(e.target.value)}
          data-testid="appeal-purpose"
        />
        <span id={purposeHintId} className="small muted">
          Recorded with the export in the audit trail.
        </span>
      </div>
      <div className="button-row">
        <button type="button" className="button" onClick={() => onExport('text')} data-testid="appeal-export-text">
          Download plain text (.txt)
        </button>
        <button type="button" className="button" onClick={() => onExport('markdown')} data-testid="appeal-export-markdown">
          Download Markdown (.md)
        </button>
        <Link className="button" to={`/appeals/print${printSearch(source, cleanPurpose)}`} data-testid="appeal-print-link">
          Print-ready page
        </Link>
      </div>
      {draft.warnings.length > 0 ? (
        <p className="small appeal-exports__note">
          Exports carry the appeal text only; resolve the disclosure warnings above before publishing.
        </p>
      ) : null}
      <p className="small muted" role="status">
        {record.isPending
          ? 'Recording the export…'
          : last && record.isSuccess
            ? `Saved ${last}; the export is recorded in the audit trail.`
            : null}
      </p>
      {record.isError ? <ErrorNotice error={record.error} title="The file was saved but the export could not be recorded" /> : null}
    </div>
  );
}

const ACTION_LABELS: Record<string, string> = { draft: 'Drafted', export: 'Exported' };
const FORMAT_LABELS: Record<string, string> = { text: 'plain text', markdown: 'Markdown', print: 'print' };

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
