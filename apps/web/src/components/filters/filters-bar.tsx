import { useId, useMemo, useState } from 'react';
import { METHOD_LABELS, OUTCOME_LABELS, PLACE_MATCHES, PLACE_MATCH_LABELS } from '@scam/shared';
import type { AgeBand, Method, Outcome, PlaceMatch } from '@scam/shared';
import { useMeta } from '../../api/meta.queries';
import { formatCount } from '../../utils/format';
import { useFilters } from '../../hooks/use-filters';
import { useAnchorPreference } from '../../hooks/use-anchor-preference';
import { describeFilters, describeRange, isFiltered } from '../../utils/filters';
import { DateRange } from './date-range';
import { LossRange } from './loss-range';
import { MultiSelect } from './multi-select';
import type { Option } from './multi-select';
import { PlacePicker } from './place-picker';
import { SavedViewsMenu } from '../saved-views/saved-views-menu';

/**
 * The linked filters bar. It only writes the URL; every view on the page reads the same URL, so they
 * all update together.
 */
export function FiltersBar() {
  const { filters, today, latestData, patchFilters, clearFilters } = useFilters();
  // On a phone the controls fold behind one button (CSS shows the button only there), so the page's
  // own content is on the first screen; the summary line below says what is applied while folded.
  const [open, setOpen] = useState(false);
  const controlsId = useId();
  const [preferredAnchor, rememberAnchor] = useAnchorPreference();
  const meta = useMeta();
  const data = meta.data;

  const methodOptions = useMemo<Option[]>(
    () => (data?.methods ?? []).map((m) => ({ value: m.code, label: m.label || METHOD_LABELS[m.code] })),
    [data],
  );
  const outcomeOptions = useMemo<Option[]>(
    () => (data?.outcomes ?? []).map((o) => ({ value: o.code, label: o.label || OUTCOME_LABELS[o.code] })),
    [data],
  );
  const ageOptions = useMemo<Option[]>(
    () => (data?.ageBands ?? []).map((a) => ({ value: a, label: a === 'unknown' ? 'Unknown' : a })),
    [data],
  );
  const districtOptions = useMemo<Option[]>(() => {
    const districts = [...(data?.districts ?? [])].sort((a, b) => Number(b.inForce) - Number(a.inForce) || a.name.localeCompare(b.name));
    const hasOthers = districts.some((d) => !d.inForce);
    return districts.map((d) => ({
      value: d.name,
      label: d.name,
      group: hasOthers ? (d.inForce ? `${data?.forceArea ?? 'Force'} districts` : 'Elsewhere') : undefined,
    }));
  }, [data]);
  // "Outside the force area" is the one most asked for (a town another force should hear about), so it is named plainly.
  const placeMatchOptions = useMemo<Option[]>(
    () =>
      PLACE_MATCHES.map((m) => ({
        value: m,
        label: m === 'national' && data ? `Outside ${data.forceArea}` : PLACE_MATCH_LABELS[m],
      })),
    [data],
  );
  const placeOptions = useMemo(
    () =>
      [...(data?.places ?? [])]
        .filter((p) => p.reports > 0)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((p) => ({ name: p.name, reports: p.reports })),
    [data],
  );

  const methodLabel = (m: Method) => methodOptions.find((o) => o.value === m)?.label ?? METHOD_LABELS[m];
  const rangeText = describeRange(filters, data?.dataRange ?? null);
  const others = describeFilters(filters, { method: methodLabel });
  const setCount = others.length + (filters.period !== null || filters.from !== null || filters.to !== null ? 1 : 0);

  return (
    <section className="filters" aria-label="Filters">
      <button
        type="button"
        className="button button--small filters__toggle no-print"
        aria-expanded={open}
        aria-controls={controlsId}
        onClick={() => setOpen((o) => !o)}
        data-testid="filters-toggle"
      >
        <span aria-hidden="true">{open ? '▴' : '▾'}</span> Filters
        {setCount > 0 ? <span className="filters__count">{` · ${setCount} set`}</span> : null}
      </button>
      <div id={controlsId} className={open ? 'filters__controls filters__controls--open no-print' : 'filters__controls no-print'}>
        <DateRange
          period={filters.period}
          anchor={filters.anchor}
          from={filters.from}
          to={filters.to}
          today={today}
          firstDay={data?.dataRange?.first ?? null}
          latestData={latestData}
          preferredAnchor={preferredAnchor}
          onAnchorChosen={rememberAnchor}
          onChange={(range) => patchFilters(range)}
        />
        <MultiSelect
          label="Method"
          testId="filter-method"
          options={methodOptions}
          selected={filters.method}
          onChange={(v) => patchFilters({ method: v as Method[] })}
        />
        <MultiSelect
          label="District"
          testId="filter-district"
          options={districtOptions}
          selected={filters.district}
          onChange={(v) => patchFilters({ district: v })}
        />
        <PlacePicker places={placeOptions} selected={filters.place} onChange={(v) => patchFilters({ place: v })} />
        <MultiSelect
          label="Placed"
          testId="filter-place-match"
          options={placeMatchOptions}
          selected={filters.placeMatch}
          onChange={(v) => patchFilters({ placeMatch: v as PlaceMatch[] })}
        />
        <MultiSelect
          label="Outcome"
          testId="filter-outcome"
          options={outcomeOptions}
          selected={filters.outcome}
          onChange={(v) => patchFilters({ outcome: v as Outcome[] })}
        />
        <MultiSelect
          label="Age"
          testId="filter-age-band"
          options={ageOptions}
          selected={filters.ageBand}
          onChange={(v) => patchFilters({ ageBand: v as AgeBand[] })}
        />
        <LossRange minLoss={filters.minLoss} maxLoss={filters.maxLoss} onChange={(r) => patchFilters(r)} />
      </div>
      <div className="filters__summary" data-testid="active-filters">
        <span className="filters__range" data-testid="active-range" aria-live="polite">
          {rangeText}
        </span>
        {others.map((line) => (
          <span key={line} className="filters__chip">
            {line}
          </span>
        ))}
        {meta.isError ? <span className="field__problem">Filter options unavailable: {meta.error.message}</span> : null}
        {data && !isFiltered(filters) ? <span className="muted">All {formatCount(data.incidents)} incidents</span> : null}
        <SavedViewsMenu />
        <button
          type="button"
          className="button button--small filters__clear no-print"
          onClick={clearFilters}
          disabled={!isFiltered(filters)}
          data-testid="clear-filters"
        >
          Clear filters
        </button>
      </div>
    </section>
  );
}
