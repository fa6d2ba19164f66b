import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';

/**
 * Places are too many for a checkbox list (hundreds of towns), so the picker is a text box with
 * suggestions from the data and a removable chip per chosen place.
 */
export function PlacePicker({
  places,
  selected,
  onChange,
}: {
  places: readonly { name: string; reports: number }[];
  selected: readonly string[];
  onChange: (next: string[]) => void;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const ref = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const el = ref.current;
      if (el?.open && event.target instanceof Node && !el.contains(event.target)) el.open = false;
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, []);

  const add = (event: FormEvent) => {
    event.preventDefault();
    const wanted = text.trim().toLowerCase();
    if (!wanted) return;
    const match = places.find((p) => p.name.toLowerCase() === wanted);
    if (!match) {
      setProblem(`No reports from a place called “${text.trim()}”.`);
      return;
    }
    setProblem(null);
    setText('');
    if (!selected.includes(match.name)) onChange([...selected, match.name]);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDetailsElement>) => {
    if (event.key === 'Escape' && ref.current?.open) {
      event.preventDefault();
      ref.current.open = false;
      ref.current.querySelector('summary')?.focus();
    }
  };

  const summaryText = selected.length === 0 ? 'All' : selected.length === 1 ? selected[0] : `${selected.length} places`;

  return (
    <details ref={ref} className="multi" data-testid="filter-place" onKeyDown={onKeyDown}>
      <summary className={selected.length > 0 ? 'multi__summary is-set' : 'multi__summary'}>
        <span className="field__label">Place</span>
        <span className="multi__value">{summaryText}</span>
      </summary>
      <div className="multi__panel multi__panel--wide">
        <form onSubmit={add} className="place-picker__form">
          <label htmlFor={`${id}-input`} className="field__label">
            Add a town or village
          </label>
          <div className="place-picker__row">
            <input
              id={`${id}-input`}
              list={`${id}-list`}
              value={text}
              onChange={(e) => setText(e.target.value)}
              autoComplete="off"
              aria-describedby={problem ? `${id}-problem` : undefined}
              data-testid="filter-place-input"
            />
            <button type="submit" className="button button--small">
              Add
            </button>
          </div>
          <datalist id={`${id}-list`}>
            {places.map((p) => (
              <option key={p.name} value={p.name}>
                {`${p.reports} reports`}
              </option>
            ))}
          </datalist>
          {problem ? (
            <p className="field__problem" id={`${id}-problem`} role="alert">
              {problem}
            </p>
          ) : null}
        </form>
        {selected.length > 0 ? (
          <ul className="chips" aria-label="Chosen places">
            {selected.map((name) => (
              <li key={name} className="chip">
                <span>{name}</span>
                <button
                  type="button"
                  className="chip__remove"
                  aria-label={`Remove ${name}`}
                  onClick={() => onChange(selected.filter((p) => p !== name))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">All places. Choose a place on the map to see its incidents.</p>
        )}
      </div>
    </details>
  );
}
