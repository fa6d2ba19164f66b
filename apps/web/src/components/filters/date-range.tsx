import { useId, useRef } from 'react';
import type { ChangeEvent } from 'react';
import { isDay } from '@scam/shared';
import { ROLLING_PERIODS, activePreset, periodRange, sinceRange } from '../../utils/filters';
import type { FilterState, PeriodChoice } from '../../utils/filters';

type Range = Pick<FilterState, 'period' | 'from' | 'to'>;

/**
 * Period presets plus from/to date inputs. The presets roll: they end today and stay named in the URL
 * (`period=last-12-weeks`), so a link or a saved view opened later means the period before that day.
 */
export function DateRange({
  period,
  from,
  to,
  today,
  firstDay,
  onChange,
}: {
  period: FilterState['period'];
  from: string | null;
  to: string | null;
  today: string;
  firstDay: string | null;
  onChange: (range: Range) => void;
}) {
  const id = useId();
  const fromRef = useRef<HTMLInputElement>(null);
  const active = activePreset({ period, from, to });

  const onPreset = (event: ChangeEvent<HTMLSelectElement>) => {
    const choice = event.target.value as PeriodChoice;
    if (choice === 'since') {
      // "Since a date" keeps the start, runs to today, then hands over to the date box.
      onChange({ period: 'since', ...sinceRange(from ?? firstDay ?? today, today) });
      fromRef.current?.focus();
      return;
    }
    if (choice === 'custom') {
      // Fixing the dates is a choice: the current ones stop rolling.
      onChange({ period: null, from, to });
      fromRef.current?.focus();
      return;
    }
    if (choice === 'all') onChange({ period: null, from: null, to: null });
    else onChange({ period: choice, ...periodRange(choice, today) });
  };

  const onDate = (which: 'from' | 'to') => (event: ChangeEvent<HTMLInputElement>) => {
    const value = event.target.value;
    // Half-typed dates are ignored until complete; an emptied box removes that end of the range.
    if (value !== '' && !isDay(value)) return;
    if (period === 'since' && which === 'from') {
      onChange(value === '' ? { period: null, from: null, to: null } : { period: 'since', ...sinceRange(value, today) });
      return;
    }
    const next: Range = { period: null, from, to, [which]: value === '' ? null : value };
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
          {ROLLING_PERIODS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value="all">All dates</option>
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
          max={to ?? today}
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
          max={today}
          onChange={onDate('to')}
          data-testid="filter-to"
        />
      </div>
    </div>
  );
}
