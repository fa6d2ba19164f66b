import { useId, useRef } from 'react';
import type { ChangeEvent } from 'react';
import { isDay } from '@scam/shared';
import { ROLLING_PERIODS, activePreset, anchorDay, isPeriodAnchor, periodRange, rollingRange, sinceRange } from '../../utils/filters';
import type { FilterState, PeriodAnchor, PeriodChoice } from '../../utils/filters';

type Range = Pick<FilterState, 'period' | 'anchor' | 'from' | 'to'>;

/**
 * Period presets plus from/to date inputs. The presets roll: they end today, or on the latest return
 * when anchored to the data, and stay named in the URL (`period=last-12-weeks`, `anchor=data`), so a
 * link or a saved view opened later means the period before that day. A newly chosen preset takes the
 * user's remembered anchor; changing the anchor remembers it.
 */
export function DateRange({
  period,
  anchor,
  from,
  to,
  today,
  firstDay,
  latestData,
  preferredAnchor,
  onAnchorChosen,
  onChange,
}: {
  period: FilterState['period'];
  anchor: PeriodAnchor;
  from: string | null;
  to: string | null;
  today: string;
  firstDay: string | null;
  /** The latest return, which `anchor=data` periods end on. */
  latestData: string | null;
  preferredAnchor: PeriodAnchor;
  onAnchorChosen: (anchor: PeriodAnchor) => void;
  onChange: (range: Range) => void;
}) {
  const id = useId();
  const fromRef = useRef<HTMLInputElement>(null);
  const active = activePreset({ period, from, to });
  // A preset picked now ends where this user last chose; a rolling period already showing keeps its own.
  const presetAnchor = period ? anchor : preferredAnchor;
  const endFor = (a: PeriodAnchor) => anchorDay(a, today, latestData);

  const onPreset = (event: ChangeEvent<HTMLSelectElement>) => {
    const choice = event.target.value as PeriodChoice;
    if (choice === 'since') {
      // "Since a date" keeps the start, runs to today, then hands over to the date box.
      onChange({ period: 'since', anchor: presetAnchor, ...sinceRange(from ?? firstDay ?? today, endFor(presetAnchor)) });
      fromRef.current?.focus();
      return;
    }
    if (choice === 'custom') {
      // Fixing the dates is a choice: the current ones stop rolling.
      onChange({ period: null, anchor: 'today', from, to });
      fromRef.current?.focus();
      return;
    }
    if (choice === 'all') onChange({ period: null, anchor: 'today', from: null, to: null });
    else onChange({ period: choice, anchor: presetAnchor, ...periodRange(choice, endFor(presetAnchor)) });
  };

  const onAnchor = (event: ChangeEvent<HTMLSelectElement>) => {
    const next = event.target.value;
    if (!period || !isPeriodAnchor(next)) return;
    onAnchorChosen(next);
    onChange({ period, anchor: next, ...rollingRange(period, from ?? endFor(next), endFor(next)) });
  };

  const onDate = (which: 'from' | 'to') => (event: ChangeEvent<HTMLInputElement>) => {
    const value = event.target.value;
    // Half-typed dates are ignored until complete; an emptied box removes that end of the range.
    if (value !== '' && !isDay(value)) return;
    if (period === 'since' && which === 'from') {
      onChange(
        value === ''
          ? { period: null, anchor: 'today', from: null, to: null }
          : { period: 'since', anchor, ...sinceRange(value, endFor(anchor)) },
      );
      return;
    }
    const next: Range = { period: null, anchor: 'today', from, to, [which]: value === '' ? null : value };
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
      {period ? (
        <div className="field date-range__anchor">
          <label className="field__label" htmlFor={`${id}-anchor`}>
            Ending
          </label>
          <select id={`${id}-anchor`} value={anchor} onChange={onAnchor} data-testid="filter-anchor">
            <option value="today">Today</option>
            {/* The date itself is in the range label beneath and the header's "Data to". */}
            <option value="data" disabled={!latestData}>
              Latest data
            </option>
          </select>
        </div>
      ) : null}
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
