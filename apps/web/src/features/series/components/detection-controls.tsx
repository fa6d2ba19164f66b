import { METHODS, METHOD_LABELS } from '@scam/shared';
import type { Method } from '@scam/shared';
import { Segmented } from '../../../components/segmented';
import { isDay } from '@scam/shared';
import { MODE_OPTIONS, PERIOD_PRESETS, REPLICATE_OPTIONS, yearsBetween } from '../utils/period';
import type { DetectionMode, PeriodPreset, SeriesViewState } from '../utils/period';

/** Period, scam method, mode and Monte-Carlo replicates for a detection run; every change is a URL change. */
export function DetectionControls({
  view,
  period,
  dataRange,
  onChange,
}: {
  view: SeriesViewState;
  period: { from: string; to: string } | null;
  dataRange: { first: string; last: string } | null;
  onChange: (patch: Partial<SeriesViewState>) => void;
}) {
  const years = dataRange ? yearsBetween(dataRange.first, dataRange.last) : [];
  const onPreset = (preset: PeriodPreset) => {
    if (preset === 'custom') {
      // Start the custom range from what is shown now, so switching loses nothing.
      onChange({ period: 'custom', from: period?.from ?? null, to: period?.to ?? null });
    } else {
      onChange({ period: preset, from: null, to: null, year: preset === 'year' ? (view.year ?? years[0] ?? null) : null });
    }
  };
  const onDay = (key: 'from' | 'to', value: string) => {
    if (!isDay(value)) return;
    const other = key === 'from' ? (period?.to ?? value) : (period?.from ?? value);
    onChange({ period: 'custom', from: key === 'from' ? value : other, to: key === 'to' ? value : other });
  };
  return (
    <div className="detection-controls" data-testid="series-controls">
      <div className="field">
        <span className="field__label">Period</span>
        <Segmented legend="Detection period" options={PERIOD_PRESETS} value={view.period} onChange={onPreset} testId="series-period" />
      </div>
      {view.period === 'year' ? (
        <label className="field">
          <span className="field__label">Year</span>
          <select
            value={view.year ?? years[0] ?? ''}
            onChange={(e) => onChange({ year: Number(e.target.value), from: null, to: null })}
            data-testid="series-year"
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {view.period === 'custom' ? (
        <>
          <label className="field">
            <span className="field__label">From</span>
            <input
              type="date"
              value={period?.from ?? ''}
              min={dataRange?.first}
              max={dataRange?.last}
              onChange={(e) => onDay('from', e.target.value)}
              data-testid="series-from"
            />
          </label>
          <label className="field">
            <span className="field__label">To</span>
            <input
              type="date"
              value={period?.to ?? ''}
              min={dataRange?.first}
              max={dataRange?.last}
              onChange={(e) => onDay('to', e.target.value)}
              data-testid="series-to"
            />
          </label>
        </>
      ) : null}
      <label className="field">
        <span className="field__label">Scam method</span>
        <select
          value={view.method ?? ''}
          onChange={(e) =>
            onChange({ method: (METHODS as readonly string[]).includes(e.target.value) ? (e.target.value as Method) : null })
          }
          data-testid="series-method"
        >
          <option value="">All methods</option>
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {METHOD_LABELS[m]}
            </option>
          ))}
        </select>
      </label>
      <div className="field">
        <span className="field__label">Mode</span>
        <Segmented<DetectionMode>
          legend="Detection mode"
          options={MODE_OPTIONS}
          value={view.mode}
          onChange={(mode) => onChange({ mode })}
          testId="series-mode"
        />
      </div>
      <div className="field">
        <span className="field__label">Replicates</span>
        <Segmented
          legend="Monte-Carlo replicates"
          options={REPLICATE_OPTIONS}
          value={String(view.replicates) as '199' | '999'}
          onChange={(r) => onChange({ replicates: r === '199' ? 199 : 999 })}
          testId="series-replicates"
        />
      </div>
    </div>
  );
}
