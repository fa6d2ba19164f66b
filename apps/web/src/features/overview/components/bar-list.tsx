import type { BarRow } from '../utils/shape-breakdowns';

/**
 * A horizontal bar chart made of buttons: each bar is keyboard-focusable, announces its value, and
 * filters to itself when pressed (pressed again, it clears that filter).
 */
export function BarList({
  title,
  rows,
  format,
  onSelect,
  testId,
  emptyText = 'Nothing to show.',
  note,
}: {
  title: string;
  rows: readonly BarRow[];
  format: (value: number) => string;
  onSelect: (key: string) => void;
  testId: string;
  emptyText?: string;
  /** A footnote, marked by the asterisk beside each withheld value. */
  note?: string;
}) {
  const anySelected = rows.some((r) => r.selected);
  return (
    <figure className="bar-list" data-testid={testId}>
      <figcaption className="panel__title">{title}</figcaption>
      {rows.length === 0 ? (
        <p className="muted small">{emptyText}</p>
      ) : (
        <ul>
          {rows.map((r) => (
            <li key={r.key}>
              <button
                type="button"
                className={`bar-list__row${r.selected ? ' is-selected' : ''}${anySelected && !r.selected ? ' is-dimmed' : ''}`}
                aria-pressed={r.selected}
                onClick={() => onSelect(r.key)}
                data-key={r.key}
                title={r.selected ? `Remove the filter on ${r.label}` : `Filter to ${r.label}`}
              >
                <span className="bar-list__label">{r.label}</span>
                <span className="bar-list__track" aria-hidden="true">
                  <span
                    className="bar-list__bar"
                    style={{ width: `${Math.max(r.fraction * 100, r.value > 0 ? 1 : 0)}%`, background: r.colour }}
                  />
                </span>
                <span className="bar-list__value">
                  {r.withheld ? (
                    <span className="bar-list__withheld" data-testid="withheld-loss">
                      withheld*
                    </span>
                  ) : (
                    format(r.value)
                  )}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {note ? (
        <p className="bar-list__note small muted" data-testid="bar-list-note">
          * {note}
        </p>
      ) : null}
    </figure>
  );
}
