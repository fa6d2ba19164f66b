import { Fragment, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { AUDIT_ACTIONS, ROLE_LABELS } from '@scam/shared';
import type { AuditAction, AuditView } from '@scam/shared';
import { EmptyState, ErrorNotice, Loading, Refreshing } from '../../../components/status';
import { navigate, useLocation } from '../../../lib/router';
import { formatCount } from '../../../utils/format';
import { auditCsvUrl, auditQueries } from '../api/audit.queries';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_PAGE_SIZE,
  EMPTY_AUDIT_FILTERS,
  actionLabel,
  auditFilterProblem,
  auditSearch,
  describeAuditObject,
  formatAuditTime,
  parseAuditFilters,
} from '../utils/audit-trail';
import type { AuditFilters } from '../utils/audit-trail';

function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string>)[role] ?? role;
}

/** Who did what to which records, when: the Data Protection Act 2018 s.62 log, newest first. */
export function AuditPanel() {
  const { pathname, search } = useLocation();
  const filters = parseAuditFilters(search);
  const query = useQuery(auditQueries.list(filters));
  const setFilters = (next: AuditFilters) => navigate(pathname + auditSearch(next));

  const data = query.data;
  const shown = data?.views.length ?? 0;
  const total = data?.total ?? 0;
  const filtered =
    filters.from !== null || filters.to !== null || filters.user !== '' || filters.action !== null || filters.reference !== '';
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setOpen((was) => {
      const next = new Set(was);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  return (
    <section className="panel admin-audit" aria-labelledby="audit-title" data-testid="audit-panel">
      <div className="panel__head">
        <h2 id="audit-title" className="panel__heading">
          Audit trail{' '}
          {data ? (
            <span className="muted">
              ({formatCount(total)} recorded {total === 1 ? 'call' : 'calls'})
            </span>
          ) : null}
        </h2>
        <Refreshing active={query.isFetching && !query.isPending} />
        <div className="panel__tools">
          <a className="button button--small" href={auditCsvUrl(filters)} download data-testid="audit-export">
            Export CSV
          </a>
        </div>
      </div>
      {/* Keyed on the applied filters so Back/Forward and "Clear" reset what the form shows. */}
      <AuditFilterForm
        key={auditSearch({ ...filters, offset: 0 })}
        filters={filters}
        onApply={(next) => setFilters({ ...next, offset: 0 })}
      />

      {query.isPending ? (
        <Loading label="Loading the audit trail…" height={240} />
      ) : query.isError && !data ? (
        <ErrorNotice error={query.error} title="Could not load the audit trail" onRetry={() => void query.refetch()} />
      ) : data && shown === 0 ? (
        <EmptyState
          action={
            filtered ? (
              <button type="button" className="button" onClick={() => setFilters(EMPTY_AUDIT_FILTERS)}>
                Clear filters
              </button>
            ) : undefined
          }
        >
          {filters.offset > 0 ? 'No entries on this page.' : filtered ? 'No audit entries match these filters.' : 'Nothing recorded yet.'}
        </EmptyState>
      ) : data ? (
        <>
          <div className="table-scroll">
            <table className="table table--compact table--stack admin-audit__table" data-testid="audit-table">
              <caption className="visually-hidden">
                The audit trail, newest first: one line per screen opened or per export, change or sign-in
              </caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">User</th>
                  <th scope="col">Role</th>
                  <th scope="col">Action</th>
                  <th scope="col">What</th>
                  <th scope="col" className="num">
                    Rows
                  </th>
                  <th scope="col">Recipient / purpose</th>
                  <th scope="col">Request</th>
                </tr>
              </thead>
              <tbody>
                {data.views.map((v, i) => {
                  const key = lineKey(v, i);
                  const only = v.entries.length === 1 ? v.entries[0] : undefined;
                  const expanded = open.has(key);
                  return (
                    <Fragment key={key}>
                      <tr data-testid="audit-row" data-action={v.action} data-user={v.user}>
                        <td className="nowrap" data-label="When">
                          {formatAuditTime(v.at)}
                        </td>
                        <td data-label="User">{v.user}</td>
                        <td className="nowrap" data-label="Role">
                          {roleLabel(v.role)}
                        </td>
                        <td className={`nowrap audit-action audit-action--${v.action}`} data-label="Action">
                          {actionLabel(v.action)}
                        </td>
                        <td className="admin-audit__object" data-label="What">
                          <span data-testid="audit-description">{v.description}</span>
                          {v.referenceCount > v.references.length ? (
                            <span className="small muted"> ({formatCount(v.referenceCount)} references)</span>
                          ) : null}{' '}
                          <button
                            type="button"
                            className="link-button small"
                            aria-expanded={expanded}
                            onClick={() => toggle(key)}
                            data-testid="audit-calls-toggle"
                          >
                            {expanded ? 'Hide' : 'Show'} {v.calls === 1 ? 'the call' : `${formatCount(v.calls)} calls`}
                          </button>
                        </td>
                        <td className="num" data-label="Rows">
                          {only?.rows === null || only === undefined ? '—' : formatCount(only.rows)}
                        </td>
                        <td className="small" data-label="Recipient / purpose">
                          {only?.purpose || '—'}
                        </td>
                        <td className="small muted admin-audit__request" title={only?.requestId ?? undefined} data-label="Request">
                          {/* Enough of the id to find the server's log line; the CSV carries it whole. */}
                          {only?.requestId ? only.requestId.slice(0, 8) : '—'}
                        </td>
                      </tr>
                      {expanded ? (
                        <tr className="admin-audit__calls" data-testid="audit-calls">
                          <td colSpan={8}>
                            <ul>
                              {v.entries.map((e, j) => (
                                <li key={`${e.requestId ?? ''}-${j}`} data-testid="audit-call">
                                  <span className="nowrap">{formatAuditTime(e.at)}</span> · {e.description}
                                  {e.rows === null ? '' : ` · ${formatCount(e.rows)} rows`}
                                  <span className="small muted" title={e.object}>
                                    {' '}
                                    ({describeAuditObject(e.object)}
                                    {e.requestId ? `; request ${e.requestId.slice(0, 8)}` : ''})
                                  </span>
                                </li>
                              ))}
                              {v.calls > v.entries.length ? (
                                <li className="muted">and {formatCount(v.calls - v.entries.length)} more calls (in the CSV export)</li>
                              ) : null}
                            </ul>
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
          <AuditPager filters={filters} shown={shown} more={data.truncated} onPage={(offset) => setFilters({ ...filters, offset })} />
        </>
      ) : null}
    </section>
  );
}

/** A line's key: its screen view, or its one entry's request. */
function lineKey(v: AuditView, i: number): string {
  return v.viewId ? `${v.user}:${v.viewId}` : `${v.at}-${v.entries[0]?.requestId ?? ''}-${i}`;
}

function AuditFilterForm({ filters, onApply }: { filters: AuditFilters; onApply: (next: AuditFilters) => void }) {
  const [draft, setDraft] = useState(filters);
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { from: useId(), to: useId(), user: useId(), action: useId(), reference: useId(), problem: useId() };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = { ...draft, user: draft.user.trim(), reference: draft.reference.trim() };
    const reason = auditFilterProblem(next);
    setProblem(reason);
    if (!reason) onApply(next);
  };

  return (
    <form className="admin-filters" onSubmit={onSubmit} aria-label="Filter the audit trail" data-testid="audit-filters">
      <div className="field">
        <label className="field__label" htmlFor={ids.from}>
          From
        </label>
        <input
          id={ids.from}
          type="date"
          value={draft.from ?? ''}
          onChange={(e) => setDraft({ ...draft, from: e.target.value || null })}
          data-testid="audit-from"
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={ids.to}>
          To
        </label>
        <input
          id={ids.to}
          type="date"
          value={draft.to ?? ''}
          onChange={(e) => setDraft({ ...draft, to: e.target.value || null })}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? ids.problem : undefined}
          data-testid="audit-to"
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={ids.user}>
          User
        </label>
        <input
          id={ids.user}
          type="text"
          value={draft.user}
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          placeholder="Any user"
          onChange={(e) => setDraft({ ...draft, user: e.target.value })}
          data-testid="audit-user"
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={ids.action}>
          Action
        </label>
        <select
          id={ids.action}
          value={draft.action ?? ''}
          onChange={(e) => setDraft({ ...draft, action: (e.target.value || null) as AuditAction | null })}
          data-testid="audit-action"
        >
          <option value="">Any action</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {AUDIT_ACTION_LABELS[a]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={ids.reference}>
          Incident reference
        </label>
        <input
          id={ids.reference}
          type="search"
          value={draft.reference}
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
          placeholder="Who saw HC/26/44019?"
          onChange={(e) => setDraft({ ...draft, reference: e.target.value })}
          data-testid="audit-reference"
        />
      </div>
      <div className="admin-filters__buttons">
        <button type="submit" className="button button--primary" data-testid="audit-apply">
          Apply
        </button>
        <button type="button" className="button button--quiet" onClick={() => onApply(EMPTY_AUDIT_FILTERS)}>
          Clear
        </button>
      </div>
      {problem ? (
        <p id={ids.problem} className="field__problem admin-filters__problem" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

/** Lines are read newest first until a page is full, so the pager knows whether more follow, not how many. */
function AuditPager({
  filters,
  shown,
  more,
  onPage,
}: {
  filters: AuditFilters;
  shown: number;
  more: boolean;
  onPage: (offset: number) => void;
}) {
  const page = Math.floor(filters.offset / AUDIT_PAGE_SIZE) + 1;
  return (
    <nav className="pager" aria-label="Audit pages">
      <span aria-live="polite" data-testid="audit-summary">
        Lines {formatCount(filters.offset + 1)}–{formatCount(filters.offset + shown)}
      </span>
      <button type="button" className="button button--small" disabled={page <= 1} onClick={() => onPage(0)}>
        Newest
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={page <= 1}
        onClick={() => onPage(Math.max(0, filters.offset - AUDIT_PAGE_SIZE))}
        data-testid="audit-prev"
      >
        Newer
      </button>
      <span>Page {formatCount(page)}</span>
      <button
        type="button"
        className="button button--small"
        disabled={!more}
        onClick={() => onPage(filters.offset + AUDIT_PAGE_SIZE)}
        data-testid="audit-next"
      >
        Older
      </button>
    </nav>
  );
}
