import { appealWarningLabel, METHOD_LABELS } from '@scam/shared';
import type { AppealDraft } from '@scam/shared';
import { formatCount, formatDate, formatMoney } from '../../../utils/format';
import { lostVersusRecognised } from '../utils/appeal-export';

/** The disclosure checks, above the draft where they cannot be missed; they are never exported. */
export function AppealWarnings({ warnings }: { warnings: AppealDraft['warnings'] }) {
  if (warnings.length === 0) {
    return (
      <div className="notice notice--ok appeal-warnings" data-testid="appeal-warnings" data-count={0} role="status">
        <strong>No disclosure warnings.</strong> The checks found nothing that could identify a victim or reveal police tactics.
      </div>
    );
  }
  return (
    <div className="notice notice--warn appeal-warnings" data-testid="appeal-warnings" data-count={warnings.length} role="alert">
      <p className="notice__title">
        {warnings.length === 1 ? '1 disclosure warning' : `${warnings.length} disclosure warnings`}: check before publishing
      </p>
      <ul>
        {warnings.map((w, i) => (
          <li key={`${w.code}-${i}`}>
            <strong>{appealWarningLabel(w.code)}.</strong> {w.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function AppealFigures({ figures }: { figures: AppealDraft['figures'] }) {
  return (
    <dl className="facts appeal-figures" data-testid="appeal-figures">
      <dt>Method</dt>
      <dd>{METHOD_LABELS[figures.method]}</dd>
      <dt>Reports</dt>
      <dd>{formatCount(figures.reports)}</dd>
      <dt>Since</dt>
      <dd>{formatDate(figures.since)}</dd>
      <dt>Until</dt>
      <dd>{formatDate(figures.until)}</dd>
      <dt>Lost</dt>
      <dd>{formatMoney(figures.lossPence)}</dd>
      <dt>Lost vs recognised</dt>
      <dd>{lostVersusRecognised(figures)}</dd>
      <dt>Areas</dt>
      <dd>
        <ul className="appeal-figures__areas">
          {figures.areas.map((a) => (
            <li key={a.name}>
              {a.name} <span className="muted">({formatCount(a.reports)})</span>
            </li>
          ))}
          {figures.otherAreasReports > 0 ? <li className="muted">Other areas ({formatCount(figures.otherAreasReports)})</li> : null}
        </ul>
      </dd>
      <dt>Age profile</dt>
      <dd>{figures.ageProfile || '—'}</dd>
    </dl>
  );
}
