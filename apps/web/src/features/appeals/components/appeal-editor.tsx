import { useEffect, useId, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { toDay } from '@scam/shared';
import type { AppealCheckResult, AppealDocument, AppealDraft } from '@scam/shared';
import { ErrorNotice, Loading } from '../../../components/status';
import { errorMessage } from '../../../lib/api-client';
import { navigate } from '../../../lib/router';
import { formatTimestamp } from '../../../utils/format';
import type { AppealSource } from '../../../utils/appeal-source';
import { appealQueries, useExportDocx, useRecordEditedExport, useSaveDraft } from '../api/appeals.queries';
import { disclosurePurpose, exportFilename, printSearch, PURPOSE_MAX, toMarkdown, toPlainText } from '../utils/appeal-export';
import type { ExportFormat } from '../utils/appeal-export';
import { acknowledgedKeys, exportGate, initialDocument, numberedMarks, publishable } from '../utils/appeal-editor';
import { ReleaseView } from './release-view';

/** The checks run this long after the last keystroke, so typing is not held up by the server. */
const CHECK_DELAY_MS = 400;

function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/** Saves text or a file as it came from the server: a Blob URL, so nothing from the draft is parsed as markup. */
function download(filename: string, content: string | Blob, type: string): void {
  const url = URL.createObjectURL(typeof content === 'string' ? new Blob([content], { type: `${type};charset=utf-8` }) : content);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The press release as the inspector edits it: fields on one side, the release as it will read on the
 * other with the checked words marked in place, the warnings in words with an "I have checked this"
 * per warning, and the export held back until nothing is open.
 */
export function AppealEditor({ source, draft }: { source: AppealSource; draft: AppealDraft }) {
  const [doc, setDoc] = useState<AppealDocument>(() => initialDocument(draft));
  const [acknowledged, setAcknowledged] = useState<ReadonlySet<string>>(new Set());
  const [versionId, setVersionId] = useState<number | null>(null);
  const settled = useDebounced(doc, CHECK_DELAY_MS);
  const check = useQuery(appealQueries.check(source, settled));
  const upToDate = settled === doc && !check.isPlaceholderData && !check.isFetching;
  const gate = exportGate(check.data, upToDate, acknowledged);
  // The version id names exactly what is on screen: any edit, or a tick changed, makes it unsaved.
  const update = (patch: Partial<AppealDocument>) => {
    setDoc((d) => ({ ...d, ...patch }));
    setVersionId(null);
  };
  const acknowledgedNow = acknowledgedKeys(check.data, acknowledged);

  return (
    <div className="appeal-editor" data-testid="appeal-editor">
      <section className="panel appeal-editor__fields" aria-labelledby="appeal-edit-title">
        <h2 id="appeal-edit-title" className="panel__heading">
          Edit the release
        </h2>
        <DocumentFields doc={doc} onChange={update} />
      </section>
      <div className="appeal-editor__side">
        <CheckPanel
          check={check.data}
          checking={!upToDate}
          error={check.isError ? check.error : null}
          acknowledged={acknowledged}
          onAcknowledge={(key, on) => {
            setAcknowledged((prev) => {
              const next = new Set(prev);
              if (on) next.add(key);
              else next.delete(key);
              return next;
            });
            setVersionId(null);
          }}
        />
        <section className="panel" aria-labelledby="appeal-preview-title">
          <h2 id="appeal-preview-title" className="panel__heading">
            The release as it will read
          </h2>
          <ReleaseView doc={doc} marks={check.data && upToDate ? numberedMarks(check.data) : []} />
        </section>
        <section className="panel" aria-labelledby="appeal-export-title">
          <h2 id="appeal-export-title" className="panel__heading">
            Export
          </h2>
          <EditedExport source={source} doc={doc} gate={gate} acknowledged={acknowledgedNow} versionId={versionId} onSaved={setVersionId} />
        </section>
        <Versions
          source={source}
          doc={doc}
          acknowledged={acknowledgedNow}
          onOpen={(d, id, keys) => {
            setDoc(d);
            setAcknowledged(new Set(keys));
            setVersionId(id);
          }}
          onSaved={setVersionId}
        />
      </div>
    </div>
  );
}

function DocumentFields({ doc, onChange }: { doc: AppealDocument; onChange: (patch: Partial<AppealDocument>) => void }) {
  const id = useId();
  return (
    <div className="appeal-editor__form">
      <div className="appeal-editor__row">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-date`}>
            Date of issue
          </label>
          <input
            id={`${id}-date`}
            type="date"
            value={doc.issueDate}
            onChange={(e) => onChange({ issueDate: e.target.value || toDay(new Date()) })}
            data-testid="appeal-issue-date"
          />
        </div>
        <div className="field appeal-editor__grow">
          <label className="field__label" htmlFor={`${id}-ref`}>
            Reference line
          </label>
          <input
            id={`${id}-ref`}
            type="text"
            value={doc.reference}
            maxLength={300}
            onChange={(e) => onChange({ reference: e.target.value })}
          />
        </div>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-title`}>
          Title
        </label>
        <input
          id={`${id}-title`}
          type="text"
          value={doc.title}
          maxLength={300}
          onChange={(e) => onChange({ title: e.target.value })}
          data-testid="appeal-edit-title"
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-highlights`}>
          Headlines <span className="muted">(one a line)</span>
        </label>
        <textarea
          id={`${id}-highlights`}
          rows={4}
          value={doc.highlights.join('\n')}
          onChange={(e) => onChange({ highlights: e.target.value.split('\n').slice(0, 20) })}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-body`}>
          Text <span className="muted">(a blank line between paragraphs)</span>
        </label>
        <textarea
          id={`${id}-body`}
          rows={18}
          value={doc.body}
          onChange={(e) => onChange({ body: e.target.value })}
          data-testid="appeal-edit-body"
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-officer`}>
          Officer quoted <span className="muted">(name and rank)</span>
        </label>
        <input
          id={`${id}-officer`}
          type="text"
          value={doc.officer}
          maxLength={200}
          placeholder="e.g. Detective Inspector Jo Bloggs"
          onChange={(e) => onChange({ officer: e.target.value })}
          data-testid="appeal-officer"
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-notes`}>
          Notes to editors
        </label>
        <textarea id={`${id}-notes`} rows={4} value={doc.notesToEditors} onChange={(e) => onChange({ notesToEditors: e.target.value })} />
      </div>
    </div>
  );
}

function CheckPanel({
  check,
  checking,
  error,
  acknowledged,
  onAcknowledge,
}: {
  check: AppealCheckResult | undefined;
  checking: boolean;
  error: unknown;
  acknowledged: ReadonlySet<string>;
  onAcknowledge: (key: string, on: boolean) => void;
}) {
  if (error) return <ErrorNotice error={error} title="The checks could not run" />;
  if (!check) return <Loading label="Checking the text…" height={80} />;
  const total = check.warnings.length + check.placeholders.length;
  return (
    <section
      className={`notice ${total === 0 ? 'notice--ok' : 'notice--warn'} appeal-warnings`}
      aria-labelledby="appeal-checks-title"
      data-testid="appeal-warnings"
      data-count={check.warnings.length}
      aria-busy={checking}
    >
      <p id="appeal-checks-title" className="notice__title">
        {total === 0
          ? 'No disclosure warnings and nothing left to fill in.'
          : `${total === 1 ? '1 thing' : `${total} things`} to check before publishing`}
        {checking ? <span className="small muted"> · checking…</span> : null}
      </p>
      {total > 0 ? (
        <ol className="appeal-warnings__list">
          {check.warnings.map((w, i) => (
            <li key={w.key} className="appeal-warning" data-testid="appeal-warning" data-code={w.code}>
              <span className="appeal-warning__number" aria-hidden="true">
                {i + 1}
              </span>
              <div>
                <strong>{w.label}.</strong> {w.message}
                <label className="appeal-warning__ack">
                  <input
                    type="checkbox"
                    checked={acknowledged.has(w.key)}
                    onChange={(e) => onAcknowledge(w.key, e.target.checked)}
                    data-testid="appeal-ack"
                  />{' '}
                  I have checked this
                </label>
              </div>
            </li>
          ))}
          {check.placeholders.map((p, i) => (
            <li key={`gap-${i}`} className="appeal-warning appeal-warning--gap" data-testid="appeal-placeholder">
              <span className="appeal-warning__number" aria-hidden="true">
                {check.warnings.length + i + 1}
              </span>
              <div>
                <strong>To fill in.</strong> {p.message}
              </div>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function EditedExport({
  source,
  doc,
  gate,
  acknowledged,
  versionId,
  onSaved,
}: {
  source: AppealSource;
  doc: AppealDocument;
  gate: ReturnType<typeof exportGate>;
  /** Keys of the warnings the text raises now that are ticked. */
  acknowledged: string[];
  versionId: number | null;
  onSaved: (id: number) => void;
}) {
  const record = useRecordEditedExport(source);
  const word = useExportDocx(source);
  const save = useSaveDraft(source);
  const [purpose, setPurpose] = useState('');
  const [last, setLast] = useState<string | null>(null);
  const purposeId = useId();
  const onExport = async (format: ExportFormat) => {
    const cleanPurpose = disclosurePurpose(purpose);
    // Recorded (and checked again by the server) before the file is made: a refused export saves nothing.
    await record.mutateAsync({
      document: doc,
      format,
      acknowledged,
      ...(versionId !== null ? { draftId: versionId } : {}),
      ...(cleanPurpose ? { purpose: cleanPurpose } : {}),
    });
    const release = publishable(doc);
    const filename = exportFilename(release.title, format, toDay(new Date()));
    download(
      filename,
      format === 'markdown' ? toMarkdown(release) : toPlainText(release),
      format === 'markdown' ? 'text/markdown' : 'text/plain',
    );
    setLast(filename);
  };
  // The server checks, records and makes the Word file in one go: a refused export sends no file.
  const onWord = async () => {
    const cleanPurpose = disclosurePurpose(purpose);
    const file = await word.mutateAsync({
      document: doc,
      acknowledged,
      ...(versionId !== null ? { draftId: versionId } : {}),
      ...(cleanPurpose ? { purpose: cleanPurpose } : {}),
    });
    const filename = exportFilename(publishable(doc).title, 'docx', toDay(new Date()));
    download(filename, file, file.type);
    setLast(filename);
  };
  // The print page prints a saved version (its text and its ticks), so unsaved edits are saved first.
  const onPrint = async () => {
    const id = versionId ?? (await save.mutateAsync({ document: doc, acknowledged })).id;
    onSaved(id);
    navigate(`/appeals/print${printSearch(source, disclosurePurpose(purpose), id)}`);
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
          onChange={(e) => setPurpose(e.target.value)}
          data-testid="appeal-purpose"
        />
      </div>
      {gate.blocked ? (
        <div className="appeal-exports__blocked" role="status" data-testid="appeal-export-blocked">
          <strong>Export is on hold.</strong>
          <ul>
            {gate.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={gate.blocked || record.isPending}
          onClick={() => void onExport('text').catch(() => {})}
          data-testid="appeal-export-text"
        >
          Download plain text (.txt)
        </button>
        <button
          type="button"
          className="button"
          disabled={gate.blocked || record.isPending}
          onClick={() => void onExport('markdown').catch(() => {})}
          data-testid="appeal-export-markdown"
        >
          Download Markdown (.md)
        </button>
        <button
          type="button"
          className="button"
          disabled={gate.blocked || word.isPending}
          onClick={() => void onWord().catch(() => {})}
          data-testid="appeal-export-docx"
        >
          Download Word (.docx)
        </button>
        <button
          type="button"
          className="button"
          disabled={save.isPending}
          onClick={() => void onPrint().catch(() => {})}
          data-testid="appeal-print-link"
        >
          {save.isPending ? 'Saving…' : 'Print-ready page'}
        </button>
      </div>
      <p className="small muted">
        The print-ready page prints {versionId === null ? 'this text, saved first as a new version,' : 'this saved version'} with its map
        and chart; printing is an export and is checked the same way.
      </p>
      <p className="small muted" role="status" data-testid="appeal-export-status">
        {record.isPending || word.isPending
          ? 'Recording the export…'
          : last && (record.isSuccess || word.isSuccess)
            ? `Saved ${last}; the export is recorded in the audit trail.`
            : null}
      </p>
      {record.isError ? <ErrorNotice error={record.error} title="The export was refused" /> : null}
      {word.isError ? <ErrorNotice error={word.error} title="The Word export was refused" /> : null}
      {save.isError ? <ErrorNotice error={save.error} title="Could not save the version to print" /> : null}
    </div>
  );
}

function Versions({
  source,
  doc,
  acknowledged,
  onOpen,
  onSaved,
}: {
  source: AppealSource;
  doc: AppealDocument;
  acknowledged: string[];
  onOpen: (doc: AppealDocument, id: number, acknowledged: string[]) => void;
  onSaved: (id: number) => void;
}) {
  const client = useQueryClient();
  const versions = useQuery(appealQueries.versions(source));
  const save = useSaveDraft(source);
  const [openError, setOpenError] = useState<string | null>(null);
  const saveLabel = useMemo(() => (save.isPending ? 'Saving…' : 'Save as new version'), [save.isPending]);
  const open = async (id: number) => {
    setOpenError(null);
    try {
      const v = await client.fetchQuery(appealQueries.version(id));
      onOpen(v.document, v.id, v.acknowledged);
    } catch (err) {
      setOpenError(errorMessage(err));
    }
  };
  return (
    <section className="panel" aria-labelledby="appeal-versions-title" data-testid="appeal-versions">
      <h2 id="appeal-versions-title" className="panel__heading">
        Saved versions
      </h2>
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={save.isPending}
          onClick={() => save.mutate({ document: doc, acknowledged }, { onSuccess: (v) => onSaved(v.id) })}
          data-testid="appeal-save-version"
        >
          {saveLabel}
        </button>
      </div>
      {save.isError ? <ErrorNotice error={save.error} title="Could not save" /> : null}
      {openError ? <p className="small appeal-exports__note">{openError}</p> : null}
      {versions.isPending ? (
        <Loading label="Loading versions…" height={40} />
      ) : versions.isError ? (
        <ErrorNotice error={versions.error} title="Could not load your versions" onRetry={() => void versions.refetch()} />
      ) : versions.data.versions.length === 0 ? (
        <p className="small muted">No saved versions of this appeal yet; only you can see the ones you save.</p>
      ) : (
        <ul className="appeal-versions">
          {versions.data.versions.map((v) => (
            <li key={v.id} data-testid="appeal-version" data-version={v.version}>
              <span>
                Version {v.version} · {formatTimestamp(v.createdAt)} · {v.title}
              </span>
              <button type="button" className="button button--small" onClick={() => void open(v.id)} data-testid="appeal-open-version">
                Open
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
