import type { ReactNode } from 'react';
import { ROLE_LABELS } from '@scam/shared';
import { useMeta } from '../../api/meta.queries';
import { useSession } from '../../api/session.queries';
import { Link } from '../../lib/router';
import { formatTimestamp } from '../../utils/format';
import './print-sheet.css';

export type SheetOrientation = 'portrait' | 'landscape';

/**
 * An A4 page as it will print, shown on screen at exactly the printable width (A4 less 12 mm margins:
 * 186 mm portrait, 273 mm landscape). Charts and maps measure their box once, on screen; because the
 * box is the same size on paper, what the inspector sees here is what prints, with the map framed on
 * the data and the chart inside its panel. Every sheet carries the protective marking (in the margins
 * of every printed page), the period and filters in words, and who printed it when.
 */
export function PrintSheet({
  title,
  orientation,
  lines,
  back,
  ready,
  held = null,
  testId,
  children,
}: {
  title: string;
  orientation: SheetOrientation;
  /** The period and filters, one line each, in words. */
  lines: readonly string[];
  back: { to: string; label: string };
  /** False while the data is loading: the Print button waits for it. */
  ready: boolean;
  /** Why the page may not be printed (an export the server refused), said instead of "loading". */
  held?: string | null;
  testId: string;
  children: ReactNode;
}) {
  const meta = useMeta();
  const session = useSession();
  const printedAt = formatTimestamp(new Date().toISOString());
  const who = session ? `${session.user.name} (${ROLE_LABELS[session.user.role]})` : '';
  return (
    <div className="print-page">
      <div className="print-page__tools no-print">
        <Link to={back.to}>← {back.label}</Link>
        <button
          type="button"
          className="button button--primary"
          onClick={() => window.print()}
          disabled={!ready}
          data-testid="print-button"
        >
          Print
        </button>
        <span className="muted small">
          A4 {orientation}. {held ?? `This preview is the printed page${ready ? '' : ' (loading…)'}.`}
        </span>
      </div>
      {/* Focusable: on a phone the sheet scrolls sideways inside this box, by keyboard too. */}
      <div className="print-page__scroll" tabIndex={0} role="region" aria-label="The printed page">
        <article className={`print-sheet print-sheet--${orientation}`} data-testid={testId} data-orientation={orientation}>
          <p className="print-sheet__marking print-sheet__marking--head">OFFICIAL-SENSITIVE</p>
          <header className="print-sheet__header">
            <div>
              <h1 className="print-sheet__title">{title}</h1>
              <ul className="print-sheet__lines" data-testid="print-filters">
                {lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
            <p className="print-sheet__source">
              {meta.data?.forceArea ? `${meta.data.forceArea} Constabulary` : 'Fraud unit'} · Phone Scam Series
              {meta.data?.demo ? ' · DEMO DATA' : ''}
              <br />
              <span data-testid="print-date">
                Printed {printedAt}
                {who ? ` by ${who}` : ''}
              </span>
            </p>
          </header>
          {children}
          {/* On paper the page margins carry the marking on every page (print-sheet.css). */}
          <p className="print-sheet__marking print-sheet__marking--foot">OFFICIAL-SENSITIVE</p>
        </article>
      </div>
    </div>
  );
}
