import { useId, useState } from 'react';
import type { FormEvent } from 'react';

const POUNDS = /^\d+(\.\d{1,2})?$/;

function clean(value: string): string | null {
  const v = value.trim().replace(/^£/, '').replaceAll(',', '');
  return v === '' ? null : v;
}

/**
 * Minimum and maximum loss in pounds. The URL is only updated when the user leaves a box or presses
 * Enter, so typing "1500" does not fire four requests.
 */
export function LossRange({
  minLoss,
  maxLoss,
  onChange,
}: {
  minLoss: string | null;
  maxLoss: string | null;
  onChange: (range: { minLoss: string | null; maxLoss: string | null }) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState({ min: minLoss ?? '', max: maxLoss ?? '' });
  const [seen, setSeen] = useState({ minLoss, maxLoss });
  // The URL may change underneath (Clear filters, back button): show what it says.
  if (seen.minLoss !== minLoss || seen.maxLoss !== maxLoss) {
    setSeen({ minLoss, maxLoss });
    setDraft({ min: minLoss ?? '', max: maxLoss ?? '' });
  }

  const min = clean(draft.min);
  const max = clean(draft.max);
  const minBad = min !== null && !POUNDS.test(min);
  const maxBad = max !== null && !POUNDS.test(max);
  const reversed = !minBad && !maxBad && min !== null && max !== null && Number(min) > Number(max);
  const problem = minBad || maxBad ? 'Enter pounds, such as 500 or 99.50' : reversed ? 'Minimum is more than maximum' : null;

  const commit = (event?: FormEvent) => {
    event?.preventDefault();
    if (problem) return;
    if (min === minLoss && max === maxLoss) return;
    onChange({ minLoss: min, maxLoss: max });
  };

  return (
    <form className="loss-range" onSubmit={commit} onBlur={() => commit()} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-min`}>
          Min loss £
        </label>
        <input
          id={`${id}-min`}
          inputMode="decimal"
          value={draft.min}
          placeholder="0"
          size={6}
          aria-invalid={minBad || reversed}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setDraft((d) => ({ ...d, min: e.target.value }))}
          data-testid="filter-min-loss"
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-max`}>
          Max loss £
        </label>
        <input
          id={`${id}-max`}
          inputMode="decimal"
          value={draft.max}
          placeholder="any"
          size={6}
          aria-invalid={maxBad || reversed}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setDraft((d) => ({ ...d, max: e.target.value }))}
          data-testid="filter-max-loss"
        />
      </div>
      {/* Enter in either box submits; the hidden button makes that work in every browser. */}
      <button type="submit" className="visually-hidden" tabIndex={-1}>
        Apply loss range
      </button>
      {problem ? (
        <p className="field__problem loss-range__problem" id={`${id}-problem`} role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
