import { useId, useState } from 'react';
import type { DragEvent } from 'react';
import type { ColumnMapping, ImportResult } from '@scam/shared';
import { useMeta } from '../../../api/meta.queries';
import { ErrorNotice } from '../../../components/status';
import { formatBytes, formatCount, formatTimestamp, plural } from '../../../utils/format';
import { useCommitImport, useDryRun } from '../api/imports.queries';
import {
  FIELD_CHOICES,
  FIELD_LABELS,
  countsSentence,
  mappingPayload,
  mappingProblems,
  mappingRows,
  parseHeaderLine,
  placedAt,
} from '../utils/mapping';
import type { FieldChoice } from '../utils/mapping';
import { ImportHistory } from './import-history';
import { ImportNotices, ImportRowTable } from './import-row-table';

const SOURCE_LABELS = { auto: 'detected', explicit: 'chosen', remembered: 'remembered', none: 'not used', changed: 'changed' } as const;

function CountsList({ result }: { result: ImportResult }) {
  const c = result.counts;
  const items = [
    ['rows', 'Rows', c.rows],
    ['inserted', 'New', c.inserted],
    ['updated', 'Updated', c.updated],
    ['unchanged', 'Unchanged', c.unchanged],
    ['rejected', 'Rejected', c.rejected],
  ] as const;
  return (
    <dl className="counts" data-testid="import-counts" {...Object.fromEntries(items.map(([k, , v]) => [`data-${k}`, v]))}>
      {items.map(([key, label, value]) => (
        <div key={key} className={`counts__item counts__item--${key}`}>
          <dt>{label}</dt>
          <dd>{formatCount(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ImportView() {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [overrides, setOverrides] = useState<Record<string, FieldChoice>>({});
  /** The mapping the last dry run used, so Commit applies exactly what the plan showed. */
  const [planMapping, setPlanMapping] = useState<string | null>(null);
  const [plan, setPlan] = useState<ImportResult | null>(null);
  /** Headers read in the browser, for when the server refused the file's columns. */
  const [fallbackHeaders, setFallbackHeaders] = useState<ColumnMapping[]>([]);
  const [dragging, setDragging] = useState(false);
  const dryRun = useDryRun();
  const commit = useCommitImport();
  const forceArea = useMeta().data?.forceArea ?? 'the force area';

  const runDryRun = (target: File, nextOverrides: Record<string, FieldChoice>) => {
    const mapping = mappingPayload(nextOverrides);
    commit.reset();
    dryRun.mutate(
      { file: target, mapping },
      {
        onSuccess: (result) => {
          setPlan(result);
          setPlanMapping(mapping);
        },
        onError: () => {
          setPlan(null);
          void target
            .slice(0, 64 * 1024)
            .text()
            .then((text) => setFallbackHeaders(parseHeaderLine(text).map((header) => ({ header, field: null, source: 'none' as const }))));
        },
      },
    );
  };

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setOverrides({});
    setPlan(null);
    setPlanMapping(null);
    setFallbackHeaders([]);
    commit.reset();
    if (chosen) runDryRun(chosen, {});
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) choose(dropped);
  };

  const detected = plan?.mapping ?? fallbackHeaders;
  const rows = mappingRows(detected, overrides);
  const problems = rows.length > 0 ? mappingProblems(rows) : [];
  const currentMapping = mappingPayload(overrides);
  const stale = plan !== null && currentMapping !== planMapping;
  const canCommit = file !== null && plan !== null && !stale && !plan.alreadyImported && !dryRun.isPending && !commit.isPending;

  return (
    <div className="import">
      <section className="panel" aria-labelledby="upload-title">
        <div className="panel__head">
          <h2 id="upload-title" className="panel__heading">
            1. Choose the weekly return
          </h2>
        </div>
        <div
          className={dragging ? 'dropzone is-dragging' : 'dropzone'}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="import-dropzone"
        >
          <p>Drop a CSV file here, or</p>
          <label htmlFor={inputId} className="button">
            Choose a CSV file
          </label>
          <input
            id={inputId}
            className="visually-hidden-input"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              choose(e.target.files?.[0] ?? null);
              // Allows choosing the same file again after a change on disk.
              e.target.value = '';
            }}
            data-testid="import-file"
          />
          {file ? (
            <p className="dropzone__file">
              <strong>{file.name}</strong> <span className="muted">{formatBytes(file.size)}</span>
            </p>
          ) : (
            <p className="muted small">Nothing is written until you press Commit: the file is checked first.</p>
          )}
        </div>
      </section>

      {file ? (
        <section className="panel" aria-labelledby="plan-title" aria-busy={dryRun.isPending}>
          <div className="panel__head">
            <h2 id="plan-title" className="panel__heading">
              2. Check the columns and the plan
            </h2>
            {dryRun.isPending ? (
              <span className="refreshing" role="status">
                Checking the file…
              </span>
            ) : null}
          </div>
          {dryRun.isError ? <ErrorNotice error={dryRun.error} title="The file was not accepted" /> : null}

          {rows.length > 0 ? (
            <div className="import__grid">
              <div>
                <h3 className="panel__title">Column mapping</h3>
                {plan?.remembered ? (
                  <p className="notice notice--ok small" role="status" data-testid="import-remembered">
                    Read with the mapping {plan.remembered.confirmedBy} confirmed on {formatTimestamp(plan.remembered.confirmedAt)}
                    {plan.remembered.batchId === null ? '' : ` (batch #${plan.remembered.batchId})`} for files with these columns. Change
                    any column below to override it; committing remembers your changes for next time.
                  </p>
                ) : null}
                <table className="table table--compact" data-testid="import-mapping">
                  <thead>
                    <tr>
                      <th scope="col">Column in the file</th>
                      <th scope="col">Read as</th>
                      <th scope="col">How</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.header} data-header={r.header}>
                        <th scope="row" className="file-name">
                          {r.header || <span className="muted">(blank header)</span>}
                        </th>
                        <td>
                          <select
                            aria-label={`Field for column ${r.header}`}
                            value={r.choice}
                            onChange={(e) => setOverrides((o) => ({ ...o, [r.header]: e.target.value as FieldChoice }))}
                            data-testid="import-mapping-select"
                          >
                            {FIELD_CHOICES.map((f) => (
                              <option key={f} value={f}>
                                {FIELD_LABELS[f]}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td className="muted small">{SOURCE_LABELS[r.source]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {problems.length > 0 ? (
                  <ul className="problems" role="status">
                    {problems.map((p) => (
                      <li key={p.message}>{p.message}</li>
                    ))}
                  </ul>
                ) : null}
                <div className="button-row">
                  <button
                    type="button"
                    className="button"
                    disabled={dryRun.isPending || (!stale && plan !== null)}
                    onClick={() => runDryRun(file, overrides)}
                    data-testid="import-rerun"
                  >
                    Re-check with this mapping
                  </button>
                  {Object.keys(overrides).length > 0 ? (
                    <button type="button" className="button button--quiet" onClick={() => setOverrides({})}>
                      Undo my changes
                    </button>
                  ) : null}
                </div>
                {stale ? <p className="notice notice--warn small">The mapping has changed: re-check before committing.</p> : null}
              </div>

              {plan ? (
                <div>
                  <h3 className="panel__title">What the import will do</h3>
                  <CountsList result={plan} />
                  <p className="small">{countsSentence(plan.counts)}</p>
                  {plan.alreadyImported ? (
                    <p className="notice notice--warn">
                      This exact file has already been imported. Committing it again would change nothing.
                    </p>
                  ) : null}
                  {plan.errors.length > 0 ? (
                    <ImportRowTable
                      heading="Rows that will be rejected"
                      rows={plan.errors.map((e) => ({ line: e.line, column: e.column, value: e.value, text: e.reason }))}
                      textHeader="Reason"
                      testId="import-errors"
                      rowTestId="import-error-row"
                      more={
                        plan.errorsTruncated
                          ? 'More rows were rejected than are shown; after committing, download them all from the import history.'
                          : null
                      }
                    />
                  ) : (
                    <p className="notice notice--ok small">No rows rejected.</p>
                  )}
                  <ImportNotices notices={plan.notices} truncated={plan.noticesTruncated} after="plan" />
                  {plan.plan && plan.plan.length > 0 ? (
                    <details className="plan-detail">
                      <summary>Row by row ({formatCount(plan.plan.length)} shown)</summary>
                      <div className="table-scroll table-scroll--short">
                        <table className="table table--compact">
                          <thead>
                            <tr>
                              <th scope="col" className="num">
                                Line
                              </th>
                              <th scope="col">Reference</th>
                              <th scope="col">Action</th>
                              <th scope="col">Placed at</th>
                            </tr>
                          </thead>
                          <tbody>
                            {plan.plan.map((p) => (
                              <tr key={p.line} data-testid="import-plan-row">
                                <td className="num">{p.line}</td>
                                <td>{p.reference}</td>
                                <td>{p.action === 'insert' ? 'New' : p.action === 'update' ? 'Update' : 'Unchanged'}</td>
                                <td>{placedAt(p, forceArea)}</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </div>
                    </details>
                  ) : null}
                </div>
              ) : null}
            </div>
          ) : null}

          <div className="commit-bar">
            <button
              type="button"
              className="button button--primary"
              disabled={!canCommit}
              onClick={() => commit.mutate({ file, mapping: planMapping }, { onSuccess: () => setPlan(null) })}
              data-testid="import-commit"
            >
              {commit.isPending ? 'Importing…' : 'Commit import'}
            </button>
            {commit.isError ? <ErrorNotice error={commit.error} title="The import failed; nothing was written" /> : null}
          </div>
        </section>
      ) : null}

      {commit.isSuccess ? (
        <section className="panel" aria-labelledby="result-title">
          {/* Rejected rows still need someone: the result is amber, not green, until they are fixed and re-sent. */}
          <div
            className={`notice ${commit.data.counts.rejected > 0 ? 'notice--warn' : 'notice--ok'}`}
            role="status"
            data-testid="import-result"
            data-rejected={commit.data.counts.rejected}
          >
            <h2 id="result-title" className="panel__heading">
              {commit.data.alreadyImported
                ? 'Already imported: nothing was written'
                : commit.data.counts.rejected > 0
                  ? `Imported as batch #${commit.data.batchId ?? '?'}, with ${plural(commit.data.counts.rejected, 'row')} rejected`
                  : `Imported as batch #${commit.data.batchId ?? '?'}`}
            </h2>
            <CountsList result={commit.data} />
            <p>
              {countsSentence(commit.data.counts)}. Every page now shows the new figures.
              {commit.data.counts.rejected > 0 ? ' Download the rejected rows from the history below, fix them and import them again.' : ''}
            </p>
            <ImportNotices notices={commit.data.notices} truncated={commit.data.noticesTruncated} after="commit" />
          </div>
        </section>
      ) : null}

      <ImportHistory />
    </div>
  );
}
