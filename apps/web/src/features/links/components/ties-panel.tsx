import { useId } from 'react';
import { METHOD_LABELS } from '@scam/shared';
import type { LinkIncident, LinkTie } from '@scam/shared';
import { Link } from '../../../lib/router';
import { formatDate, formatMoney, plural } from '../../../utils/format';
import { incidentHref, KIND_LABELS, tieListHref } from '../utils/link-params';

interface Props {
  ties: readonly LinkTie[];
  incidents: readonly LinkIncident[];
  selected: string | null;
  onSelect: (tie: string | null) => void;
}

/**
 * The ties as a list (the keyboard's and screen reader's way through the network, and the one a phone
 * shows first): choosing one lists the reports behind it, each a link to the incident.
 */
export function TiesPanel({ ties, incidents, selected, onSelect }: Props) {
  const headingId = useId();
  const detailId = useId();
  const chosen = ties.find((t) => t.id === selected) ?? null;
  const byReference = new Map(incidents.map((i) => [i.reference, i]));
  const listHref = chosen ? tieListHref(chosen) : null;

  return (
    <section className="links-ties" aria-labelledby={headingId}>
      <h3 id={headingId} className="links-ties__heading">
        Shared numbers and accounts <span className="muted">({ties.length.toLocaleString('en-GB')})</span>
      </h3>
      <ul className="tie-list" data-testid="tie-list">
        {ties.map((t) => {
          const pressed = t.id === selected;
          return (
            <li key={t.id}>
              <button
                type="button"
                className={`tie-button tie-button--${t.kind}`}
                aria-pressed={pressed}
                aria-controls={detailId}
                onClick={() => onSelect(pressed ? null : t.id)}
                data-testid="tie"
                data-tie-id={t.id}
              >
                <span className="tie-button__kind">{KIND_LABELS[t.kind]}</span>
                <span className="tie-button__value">{t.value}</span>
                <span className="tie-button__count">{plural(t.count, 'report')}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <div id={detailId} className="tie-detail" aria-live="polite" data-testid="tie-detail">
        {chosen ? (
          <>
            <h4 className="tie-detail__heading">
              {plural(chosen.count, 'report')} with {KIND_LABELS[chosen.kind].toLowerCase()} <strong>{chosen.value}</strong>
            </h4>
            <ul className="tie-incidents">
              {chosen.incidents.map((reference) => {
                const incident = byReference.get(reference);
                return (
                  <li key={reference}>
                    <Link to={incidentHref(reference, chosen)} data-testid="tie-incident" data-reference={reference}>
                      {reference}
                    </Link>
                    {incident ? (
                      <span className="tie-incidents__facts small">
                        {formatDate(incident.offenceDate)} · {incident.place} · {METHOD_LABELS[incident.method]}
                        {incident.lossPence > 0 ? ` · ${formatMoney(incident.lossPence)} lost` : ''}
                      </span>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            {chosen.incidents.length < chosen.count ? (
              <p className="small muted">The first {chosen.incidents.length.toLocaleString('en-GB')} are listed.</p>
            ) : null}
            {listHref ? (
              <p className="small">
                <Link to={listHref}>Every stored report with this {chosen.kind === 'number' ? 'number' : 'account'}</Link>, in the incident
                list
              </p>
            ) : null}
          </>
        ) : (
          <p className="muted small">Choose a number or account, here or in the network, to list the reports behind it.</p>
        )}
      </div>
    </section>
  );
}
