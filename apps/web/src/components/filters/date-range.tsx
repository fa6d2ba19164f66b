import { useId, useRef } from 'react';
import type { ChangeEvent } from 'react';
import { isDay } from '@scam/shared';
import { PRESETS, activePreset, presetRange } from '../../utils/filters';
import type { FilterState, PresetId } from '../../utils/filters';

type Choice = PresetId | 'since' | 'custom';

/** Period presets plus from/to date inputs; presets end on the data's last date. */
export function DateRange({
  from,
  to,
  lastDay,
  firstDay,
  onChange,
}: {
  from: string | null;
  to: string | null;
  lastDay: string | null;
  firstDay: string | null;
  onChange: (range: Pick<FilterState, 'from' | 'to'>) => void;
}) {
  const id = useId();
  const fromRef = useRef<HTMLInputElement>(null);
  const active = activePreset({ from, to }, lastDay);

  const onPreset = (event: ChangeEvent<HTMLSelectElement>) => {
    const choice = event.target.value as Choice;
    if (choice === 'since') {
      // "Since a date" keeps the start and opens the end, then hands over to the date box.
      onChange({ from: from ?? firstDay ?? lastDay, to: null });
      fromRef.current?.focus();
      return;
    }
    if (choice === 'custom') {
      fromRef.current?.focus();
      return;
    }
    if (!lastDay && choice !== 'all') return;
    onChange(presetRange(choice, lastDay ?? ''));
  };

  const onDate = (which: 'from' | 'to') => (event: ChangeEvent<HTMLInputElement>) => {
    const value = event.target.value;
    // Half-typed dates are ignored until complete; an emptied box removes that end of the range.
    if (value !== '' && !isDay(value)) return;
    const next = { from, to, [which]: value === '' ? null : value };
    if (next.from && next.to && next.from > next.to) {
      if (which === 'from') next.to = next.from;
      else next.from = next.to;
    }
    onChange(next);
  };

  return (
    <div className="date-range">
      <div className="field">
        <label className="field__label" htmlFor={`${id}-preset`}>
          Period
        </label>
        <select id={`${id}-preset`} value={active} onChange={onPreset} data-testid="filter-preset">
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id} disabled={!lastDay && p.id !== 'all'}>
              {p.label}
            </option>
          ))}
          <option value="since">Since a date…</option>
          <option value="custom">Custom range…</option>
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-from`}>
          {active === 'since' ? 'Since' : 'From'}
        </label>
        <input
          ref={fromRef}
          id={`${id}-from`}
          type="date"
          value={from ?? ''}
          min={firstDay ?? undefined}
          max={to ?? lastDay ?? undefined}
          onChange={onDate('from')}
          data-testid="filter-from"
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-to`}>
          To
        </label>
        <input
          id={`${id}-to`}
          type="date"
          value={to ?? ''}
          min={from ?? firstDay ?? undefined}
          max={lastDay ?? undefined}
          onChange={onDate('to')}
          data-testid="filter-to"
        />
      </div>
    </div>
  );
}
