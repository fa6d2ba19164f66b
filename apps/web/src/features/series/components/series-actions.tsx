import { useId, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import type { SavedSeries, SavedSeriesStatus, Series } from '@scam/shared';
import { ErrorNotice } from '../../../components/status';
import { Link } from '../../../lib/router';
import { plural } from '../../../utils/format';
import { useCreateSavedSeries, useMergeIntoSaved, useUpdateSavedSeries } from '../api/series.mutations';
import { parseReferences } from '../utils/matrix';
import { STATUS_LABELS } from '../../../utils/series-labels';
import { defaultSeriesName, mergeCandidates } from '../utils/series-status';
import { StatusBadge } from './series-card';

/** Confirm or dismiss a detected series: both save it (with its detected id) so the decision is kept. */
export function DetectedActions({
  series,
  seenUpdatedAt,
  saved,
  savedList,
  savedHref,
  onSaved,
}: {
  series: Series;
  /** When the detected series was last updated as shown: the server refuses to freeze a version the analyst never saw. */
  seenUpdatedAt?: string;
  saved: SavedSeries | undefined;
  savedList: readonly SavedSeries[];
  savedHref: (id: number) => string;
  onSaved: (saved: SavedSeries) => void;
}) {
  const [name, setName] = useState(() => defaultSeriesName(series));
  const create = useCreateSavedSeries();

  if (saved && series.trend === 'steady') {
    return (
      <div className="notice notice--ok series-actions" role="status">
        Saved as <strong>{saved.name}</strong> <StatusBadge status={saved.status} />{' '}
        <Link to={savedHref(saved.id)} data-testid="series-open-saved">
          Open the saved series
        </Link>
      </div>
    );
  }

  const save = (status: SavedSeriesStatus) =>
    create.mutate(
      {
        name: name.trim() || defaultSeriesName(series),
        method: series.method,
        status,
        detectedId: series.id,
        incidents: series.incidents,
        ...(seenUpdatedAt ? { seenUpdatedAt } : {}),
      },
      { onSuccess: onSaved },
    );
  return (
    <div className="series-actions">
      <div className="series-actions__row">
        <NameField value={name} onChange={setName} />
        <button
          type="button"
          className="button button--primary"
          onClick={() => save('ongoing')}
          disabled={create.isPending}
          data-testid="series-confirm"
        >
          {create.isPending && create.variables?.status === 'ongoing' ? 'Confirming…' : 'Confirm series'}
        </button>
        <button type="button" className="button" onClick={() => save('dismissed')} disabled={create.isPending} data-testid="series-dismiss">
          {create.isPending && create.variables?.status === 'dismissed' ? 'Dismissing…' : 'Dismiss'}
        </button>
      </div>
      <p className="small muted">
        Confirming saves the series as ongoing with its {plural(series.incidents.length, 'incident')}; dismissing records that it was looked
        at and set aside.
      </p>
      {create.isError ? <ErrorNotice error={create.error} title="Could not save the series" /> : null}
      <MergeInto series={series} savedList={savedList} savedHref={savedHref} />
    </div>
  );
}

/**
 * Merging: the detected series is part of one already saved (often it has grown since it was
 * reviewed), so its new members are added there instead of starting another. The saved series sharing
 * most members is offered first.
 */
function MergeInto({
  series,
  savedList,
  savedHref,
}: {
  series: Series;
  savedList: readonly SavedSeries[];
  savedHref: (id: number) => string;
}) {
  const candidates = useMemo(() => mergeCandidates(series, savedList), [series, savedList]);
  const [target, setTarget] = useState<number | null>(null);
  const merge = useMergeIntoSaved();
  const selectId = useId();
  if (candidates.length === 0) return null;
  const chosen = candidates.find((c) => c.saved.id === target) ?? candidates[0]!;
  const adding = series.incidents.filter((r) => !chosen.saved.incidents.includes(r));
  return (
    <div className="series-actions__row series-actions__merge">
      <label className="field" htmlFor={selectId}>
        <span className="field__label">Or merge into a saved series</span>
        <select id={selectId} value={chosen.saved.id} onChange={(e) => setTarget(Number(e.target.value))} data-testid="series-merge-target">
          {candidates.map((c) => (
            <option key={c.saved.id} value={c.saved.id}>
              {c.saved.name} ({c.shared > 0 ? `${c.shared} shared` : 'none shared'})
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button"
        disabled={merge.isPending || adding.length === 0}
        onClick={() => merge.mutate({ id: chosen.saved.id, incidents: adding })}
        data-testid="series-merge"
      >
        {merge.isPending ? 'Merging…' : adding.length === 0 ? 'Already all in it' : `Add ${plural(adding.length, 'report')}`}
      </button>
      {merge.isSuccess ? (
        <span role="status" className="small">
          Merged. <Link to={savedHref(chosen.saved.id)}>Open {chosen.saved.name}</Link>
        </span>
      ) : null}
      {merge.isError ? <ErrorNotice error={merge.error} title="Could not merge the series" /> : null}
    </div>
  );
}

/** Rename, change status, keep notes and add members of a saved series; each change is one PATCH. */
export function SavedActions({ saved }: { saved: SavedSeries }) {
  const update = useUpdateSavedSeries(saved.id);
  const [name, setName] = useState(saved.name);
  const [notes, setNotes] = useState(saved.notes);
  const [adding, setAdding] = useState('');
  const [pending, setPending] = useState<'name' | 'status' | 'notes' | 'add' | null>(null);
  const notesId = useId();
  const addId = useId();
  const notesDirty = notes !== saved.notes;

  const run = (what: NonNullable<typeof pending>, patch: Parameters<typeof update.mutate>[0], onDone?: () => void) => {
    setPending(what);
    update.mutate(patch, { onSuccess: () => onDone?.(), onSettled: () => setPending(null) });
  };
  const onRename = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() && name.trim() !== saved.name) run('name', { name: name.trim() });
  };
  const onAdd = (e: FormEvent) => {
    e.preventDefault();
    const refs = parseReferences(adding, saved.incidents);
    if (refs.length > 0) run('add', { addIncidents: refs }, () => setAdding(''));
  };
  const setStatus = (status: SavedSeriesStatus) => run('status', { status });

  return (
    <div className="series-actions">
      <div className="series-actions__row">
        <form className="series-actions__inline" onSubmit={onRename}>
          <NameField value={name} onChange={setName} />
          <button
            type="submit"
            className="button"
            disabled={pending !== null || !name.trim() || name.trim() === saved.name}
            data-testid="series-rename"
          >
            {pending === 'name' ? 'Saving…' : 'Rename'}
          </button>
        </form>
        <div className="series-actions__status" role="group" aria-label={`Status: ${STATUS_LABELS[saved.status]}`}>
          <span className="field__label">Status</span>
          <span>
            <StatusBadge status={saved.status} />
          </span>
          {saved.status !== 'ongoing' ? (
            <button
              type="button"
              className="button button--primary button--small"
              onClick={() => setStatus('ongoing')}
              disabled={pending !== null}
              data-testid="series-confirm"
            >
              {saved.status === 'closed' ? 'Reopen' : 'Confirm'}
            </button>
          ) : null}
          {saved.status !== 'closed' ? (
            <button
              type="button"
              className="button button--small"
              onClick={() => setStatus('closed')}
              disabled={pending !== null}
              data-testid="series-close"
            >
              Close
            </button>
          ) : null}
          {saved.status !== 'dismissed' ? (
            <button
              type="button"
              className="button button--small"
              onClick={() => setStatus('dismissed')}
              disabled={pending !== null}
              data-testid="series-dismiss"
            >
              Dismiss
            </button>
          ) : null}
          {pending === 'status' ? (
            <span className="loading-inline" role="status">
              Saving…
            </span>
          ) : null}
        </div>
      </div>
      <div className="series-actions__row series-actions__row--top">
        <div className="field series-actions__notes">
          <label className="field__label" htmlFor={notesId}>
            Notes
          </label>
          <textarea
            id={notesId}
            rows={3}
            value={notes}
            maxLength={10_000}
            onChange={(e) => setNotes(e.target.value)}
            data-testid="series-notes"
          />
          <div className="button-row">
            <button
              type="button"
              className="button button--small"
              onClick={() => run('notes', { notes })}
              disabled={pending !== null || !notesDirty}
              data-testid="series-notes-save"
            >
              {pending === 'notes' ? 'Saving…' : 'Save notes'}
            </button>
            {notesDirty ? <span className="small muted">Unsaved changes</span> : null}
          </div>
        </div>
        <form className="field series-actions__add" onSubmit={onAdd}>
          <label className="field__label" htmlFor={addId}>
            Add incidents by reference
          </label>
          <div className="series-actions__inline">
            <input
              id={addId}
              type="text"
              value={adding}
              placeholder="e.g. HC/26/46004, HC/26/46010"
              onChange={(e) => setAdding(e.target.value)}
              data-testid="series-add-input"
              aria-describedby={`${addId}-hint`}
            />
            <button
              type="submit"
              className="button button--small"
              disabled={pending !== null || parseReferences(adding, saved.incidents).length === 0}
              data-testid="series-add"
            >
              {pending === 'add' ? 'Adding…' : 'Add'}
            </button>
          </div>
          <span id={`${addId}-hint`} className="small muted">
            Separate several with commas or spaces.
          </span>
        </form>
      </div>
      {update.isError ? <ErrorNotice error={update.error} title="Could not update the series" /> : null}
    </div>
  );
}

/** The series name, as typed before confirming or when renaming a saved series. */
function NameField({ value, onChange }: { value: string; onChange: (name: string) => void }) {
  const id = useId();
  return (
    <label className="field series-actions__name" htmlFor={id}>
      <span className="field__label">Name</span>
      <input id={id} type="text" value={value} maxLength={200} onChange={(e) => onChange(e.target.value)} data-testid="series-name-input" />
    </label>
  );
}
