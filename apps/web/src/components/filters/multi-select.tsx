import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent } from 'react';

export interface Option {
  value: string;
  label: string;
  /** A count or note shown after the label. */
  hint?: string;
  group?: string;
}

/**
 * A multi-select as a disclosure holding native checkboxes: <details>/<summary> gives keyboard
 * opening for free, checkboxes give Space to toggle, and Escape closes and returns focus.
 */
export function MultiSelect({
  label,
  options,
  selected,
  onChange,
  testId,
  allLabel = 'All',
}: {
  label: string;
  options: readonly Option[];
  selected: readonly string[];
  onChange: (next: string[]) => void;
  testId: string;
  allLabel?: string;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  const id = useId();

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const el = ref.current;
      if (el?.open && event.target instanceof Node && !el.contains(event.target)) el.open = false;
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDetailsElement>) => {
    if (event.key === 'Escape' && ref.current?.open) {
      event.preventDefault();
      ref.current.open = false;
      ref.current.querySelector('summary')?.focus();
    }
  };

  const toggle = (value: string) => {
    const next = selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value];
    // Keep the option order, so the URL (and the query key) does not depend on click order.
    onChange(options.map((o) => o.value).filter((v) => next.includes(v)));
  };

  const chosen = options.filter((o) => selected.includes(o.value));
  const summaryText = chosen.length === 0 ? allLabel : chosen.length === 1 ? chosen[0]!.label : `${chosen.length} selected`;

  let lastGroup: string | undefined;
  return (
    <details ref={ref} className="multi" data-testid={testId} onKeyDown={onKeyDown}>
      <summary className={chosen.length > 0 ? 'multi__summary is-set' : 'multi__summary'} aria-describedby={`${id}-label`}>
        <span className="field__label" id={`${id}-label`}>
          {label}
        </span>
        <span className="multi__value">{summaryText}</span>
      </summary>
      <div className="multi__panel">
        <fieldset>
          <legend className="visually-hidden">{label}</legend>
          <div className="multi__options">
            {options.map((o) => {
              const heading = o.group !== lastGroup ? o.group : undefined;
              lastGroup = o.group;
              return (
                <div key={o.value}>
                  {heading ? <p className="multi__group">{heading}</p> : null}
                  <label className="check">
                    <input type="checkbox" value={o.value} checked={selected.includes(o.value)} onChange={() => toggle(o.value)} />
                    <span>{o.label}</span>
                    {o.hint ? <span className="check__hint">{o.hint}</span> : null}
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
        <div className="multi__actions">
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => onChange([])}
            disabled={selected.length === 0}
          >
            Clear {label.toLowerCase()}
          </button>
        </div>
      </div>
    </details>
  );
}
