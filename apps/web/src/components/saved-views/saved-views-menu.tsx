import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { SAVED_VIEW_PAGES } from '@scam/shared';
import type { SavedView, SavedViewPage } from '@scam/shared';
import { savedViewQueries, useDeleteView, useSaveView, useUpdateView } from '../../api/saved-views.queries';
import { useSession } from '../../api/session.queries';
import { errorMessage } from '../../lib/api-client';
import { Link, useLocation } from '../../lib/router';
import '../../styles/views.css';

const PAGE_TITLES: Record<SavedViewPage, string> = {
  '/': 'Overview',
  '/incidents': 'Incidents',
  '/series': 'Series',
  '/links': 'Links',
  '/appeals': 'Appeals',
};

function isViewPage(pathname: string): pathname is SavedViewPage {
  return Object.hasOwn(SAVED_VIEW_PAGES, pathname);
}

/** One of the user's own views: opened, renamed, shared or unshared, deleted (after a second press). */
function OwnView({ view, onOpen }: { view: SavedView; onOpen: () => void }) {
  const update = useUpdateView();
  const remove = useDeleteView();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(view.name);
  const [confirming, setConfirming] = useState(false);
  const inputId = useId();
  const problem = update.error ?? remove.error;

  const rename = (event: FormEvent) => {
    event.preventDefault();
    const next = name.trim();
    if (!next || next === view.name) return setRenaming(false);
    update.mutate({ id: view.id, name: next }, { onSuccess: () => setRenaming(false) });
  };

  return (
    <li className="views-menu__item" data-testid="saved-view" data-name={view.name}>
      {renaming ? (
        <form className="views-menu__rename" onSubmit={rename}>
          <label htmlFor={inputId} className="visually-hidden">
            New name for {view.name}
          </label>
          <input
            id={inputId}
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            data-testid="rename-view-name"
            autoFocus
          />
          <button type="submit" className="button button--small" disabled={update.isPending} data-testid="rename-view-save">
            Save name
          </button>
          <button type="button" className="button button--small" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <Link to={view.page + view.search} className="views-menu__open" onClick={onOpen} data-testid="saved-view-open">
          {view.name}
        </Link>
      )}
      <span className="views-menu__meta small muted">
        {PAGE_TITLES[view.page]}
        {view.shared ? ' · shared with the unit' : ''}
      </span>
      <span className="views-menu__actions">
        {renaming ? null : (
          <button type="button" className="link-button small" onClick={() => setRenaming(true)} data-testid="rename-view">
            Rename<span className="visually-hidden"> {view.name}</span>
          </button>
        )}
        <button
          type="button"
          className="link-button small"
          onClick={() => update.mutate({ id: view.id, shared: !view.shared })}
          disabled={update.isPending}
          data-testid="share-view"
        >
          {view.shared ? 'Stop sharing' : 'Share with the unit'}
          <span className="visually-hidden"> {view.name}</span>
        </button>
        {confirming ? (
          <>
            <button
              type="button"
              className="link-button small views-menu__danger"
              onClick={() => remove.mutate(view.id)}
              data-testid="delete-view-confirm"
            >
              Delete “{view.name}”
            </button>
            <button type="button" className="link-button small" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button type="button" className="link-button small" onClick={() => setConfirming(true)} data-testid="delete-view">
            Delete<span className="visually-hidden"> {view.name}</span>
          </button>
        )}
      </span>
      {problem ? (
        <p className="field__problem small" role="alert">
          {errorMessage(problem)}
        </p>
      ) : null}
    </li>
  );
}

/**
 * Saved views: the page and its whole query string (filters with rolling periods as written, chart
 * and map options, the open incident) under a name, kept on the server for the user, so they are there
 * again after signing out and in, on any machine. Shared views are listed for the whole unit.
 */
export function SavedViewsMenu() {
  const session = useSession();
  const { pathname, search } = useLocation();
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  const list = useQuery({ ...savedViewQueries.list(session?.user.name ?? ''), enabled: open && session !== null });
  const save = useSaveView();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const nameId = useId();
  const sharedId = useId();

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const el = ref.current;
      if (el?.open && event.target instanceof Node && !el.contains(event.target)) el.open = false;
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, []);

  const close = () => {
    if (ref.current) ref.current.open = false;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDetailsElement>) => {
    if (event.key === 'Escape' && ref.current?.open) {
      event.preventDefault();
      close();
      ref.current.querySelector('summary')?.focus();
    }
  };

  const page = isViewPage(pathname) ? pathname : null;
  const onSave = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!page || !trimmed) return;
    save.mutate(
      { name: trimmed, page, search, shared },
      {
        onSuccess: (view) => {
          setSaved(view.name);
          setName('');
          setShared(false);
        },
      },
    );
  };

  const views = list.data?.views ?? [];
  const own = views.filter((v) => v.mine);
  const others = views.filter((v) => !v.mine);

  return (
    <details
      ref={ref}
      className="views-menu no-print"
      data-testid="saved-views"
      onToggle={(e) => setOpen(e.currentTarget.open)}
      onKeyDown={onKeyDown}
    >
      <summary className="button button--small views-menu__summary" data-testid="saved-views-toggle">
        Saved views
      </summary>
      <div className="views-menu__panel">
        {page ? (
          <form className="views-menu__save" onSubmit={onSave} data-testid="save-view-form">
            <label htmlFor={nameId} className="field__label">
              Save this view as
            </label>
            <input
              id={nameId}
              value={name}
              maxLength={80}
              placeholder="e.g. Courier, last 12 weeks"
              onChange={(e) => {
                setName(e.target.value);
                setSaved(null);
                save.reset();
              }}
              data-testid="save-view-name"
            />
            <label htmlFor={sharedId} className="check">
              <input
                id={sharedId}
                type="checkbox"
                checked={shared}
                onChange={(e) => setShared(e.target.checked)}
                data-testid="save-view-shared"
              />
              <span>Share with the unit</span>
            </label>
            <button type="submit" className="button button--small" disabled={save.isPending || !name.trim()} data-testid="save-view">
              {save.isPending ? 'Saving…' : 'Save view'}
            </button>
            <p className="small views-menu__status" role="status">
              {saved ? `Saved “${saved}”.` : ''}
            </p>
            {save.isError ? (
              <p className="field__problem small" role="alert">
                {errorMessage(save.error)}
              </p>
            ) : null}
          </form>
        ) : null}
        {list.isPending && open ? <p className="small muted">Loading saved views…</p> : null}
        {list.isError ? (
          <p className="field__problem small" role="alert">
            Saved views unavailable: {errorMessage(list.error)}
          </p>
        ) : null}
        {list.data ? (
          <>
            <h3 className="views-menu__heading">Your views</h3>
            {own.length === 0 ? (
              <p className="small muted">None yet. Set the filters and charts, then save the view here.</p>
            ) : (
              <ul className="views-menu__list" data-testid="own-views">
                {own.map((v) => (
                  <OwnView key={v.id} view={v} onOpen={close} />
                ))}
              </ul>
            )}
            {others.length > 0 ? (
              <>
                <h3 className="views-menu__heading">Shared with the unit</h3>
                <ul className="views-menu__list" data-testid="shared-views">
                  {others.map((v) => (
                    <li key={v.id} className="views-menu__item" data-testid="saved-view" data-name={v.name}>
                      <Link to={v.page + v.search} className="views-menu__open" onClick={close} data-testid="saved-view-open">
                        {v.name}
                      </Link>
                      <span className="views-menu__meta small muted">
                        {PAGE_TITLES[v.page]} · by {v.owner}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {list.data.truncated ? <p className="small muted">Only the first 500 views are listed.</p> : null}
          </>
        ) : null}
      </div>
    </details>
  );
}
