import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { METHOD_LABELS, TIMELINE_EVENT_KIND_LABELS, TIMELINE_EVENT_KINDS, TIMELINE_EVENT_TITLE_MAX, isDay } from '@scam/shared';
import type { FilterQuery, TimelineEvent, TimelineEventKind } from '@scam/shared';
import { useCan, useSession } from '../../../api/session.queries';
import { errorMessage } from '../../../lib/api-client';
import { formatDate } from '../../../utils/format';
import { eventsQueries, useAddEvent, useDeleteEvent } from '../../../api/events.queries';
import { EVENT_MARKER_COLOURS } from '../../../utils/event-markers';
import '../events.css';

/**
 * The events of the chart's period as a list (what the markers on the chart say, for everyone who
 * cannot see or point at them), with a form to add one and a button to delete one's own.
 */
export function TimelineEvents({ filters, defaultDay }: { filters: FilterQuery; defaultDay: string }) {
  const events = useQuery(eventsQueries.list(filters));
  const session = useSession();
  const canAdd = useCan('incidents') && !session?.readOnly;
  const user = session?.user;
  const mayDelete = (e: TimelineEvent) =>
    canAdd && !!user && (user.role === 'admin' || e.createdBy.toLowerCase() === user.name.toLowerCase());
  const remove = useDeleteEvent();
  const headingId = useId();
  const list = events.data?.events ?? [];

  return (
    <section className="timeline-events" aria-labelledby={headingId} data-testid="timeline-events">
      <h3 id={headingId} className="timeline-events__heading">
        Events on the chart
      </h3>
      {events.isError && !events.data ? (
        <p className="timeline-events__problem small" role="alert">
          Events could not be loaded: {errorMessage(events.error)}
        </p>
      ) : list.length === 0 ? (
        <p className="muted small" data-testid="timeline-events-empty">
          {events.isPending ? 'Loading events…' : 'No events marked in this period.'}
        </p>
      ) : (
        <ul className="timeline-events__list">
          {list.map((e) => (
            <li key={e.id} className="timeline-events__item" data-testid="timeline-event" data-id={e.id}>
              <span className="timeline-events__swatch" style={{ background: EVENT_MARKER_COLOURS[e.kind] }} aria-hidden="true" />
              <time dateTime={e.day} className="timeline-events__day">
                {formatDate(e.day)}
              </time>
              <span className="timeline-events__kind">{TIMELINE_EVENT_KIND_LABELS[e.kind]}</span>
              <span className="timeline-events__title">{e.title}</span>
              <span className="timeline-events__by muted small">
                {[
                  e.method ? METHOD_LABELS[e.method] : null,
                  e.district,
                  e.automatic ? `exported by ${e.createdBy}` : `added by ${e.createdBy}`,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              {mayDelete(e) ? (
                <button
                  type="button"
                  className="button button--small button--quiet timeline-events__delete no-print"
                  onClick={() => remove.mutate(e.id)}
                  disabled={remove.isPending}
                  aria-label={`Delete event “${e.title}” of ${formatDate(e.day)}`}
                  data-testid="timeline-event-delete"
                >
                  Delete
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {events.data?.truncated ? <p className="muted small">Only the first 500 events are shown; narrow the period.</p> : null}
      {remove.isError ? (
        <p className="timeline-events__problem small" role="alert">
          {errorMessage(remove.error)}
        </p>
      ) : null}
      {canAdd ? <AddEventForm defaultDay={defaultDay} /> : null}
    </section>
  );
}

function AddEventForm({ defaultDay }: { defaultDay: string }) {
  const add = useAddEvent();
  const [day, setDay] = useState(defaultDay);
  const [kind, setKind] = useState<TimelineEventKind>('arrest');
  const [title, setTitle] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { day: useId(), kind: useId(), title: useId(), problem: useId() };

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!isDay(day)) return setProblem('Give the day of the event.');
    if (title.trim() === '') return setProblem('Give the event a title.');
    setProblem(null);
    add.mutate(
      { day, kind, title: title.trim() },
      {
        onSuccess: () => setTitle(''),
        onError: (err) => setProblem(errorMessage(err)),
      },
    );
  };

  return (
    <details className="timeline-events__add no-print">
      <summary>Add an event</summary>
      <form className="timeline-events__form" onSubmit={onSubmit} noValidate aria-describedby={problem ? ids.problem : undefined}>
        <label className="field" htmlFor={ids.day}>
          <span className="field__label">Day</span>
          <input id={ids.day} type="date" value={day} onChange={(e) => setDay(e.target.value)} required data-testid="event-day" />
        </label>
        <label className="field" htmlFor={ids.kind}>
          <span className="field__label">Kind</span>
          <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as TimelineEventKind)} data-testid="event-kind">
            {TIMELINE_EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {TIMELINE_EVENT_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field timeline-events__title-field" htmlFor={ids.title}>
          <span className="field__label">Title</span>
          <input
            id={ids.title}
            type="text"
            value={title}
            maxLength={TIMELINE_EVENT_TITLE_MAX}
            onChange={(e) => setTitle(e.target.value)}
            required
            data-testid="event-title"
          />
        </label>
        <button type="submit" className="button button--small" disabled={add.isPending} data-testid="event-add">
          {add.isPending ? 'Adding…' : 'Add event'}
        </button>
        {problem ? (
          <p id={ids.problem} className="timeline-events__problem small" role="alert">
            {problem}
          </p>
        ) : null}
      </form>
    </details>
  );
}
