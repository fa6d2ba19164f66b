import { METHODS, METHOD_LABELS } from '@scam/shared';
import type { Method } from '@scam/shared';
import { Segmented } from '../../../components/segmented';
import { isDay } from '@scam/shared';
import { DEFAULT_ADVANCED, MODE_OPTIONS, PERIOD_PRESETS, REPLICATE_OPTIONS, advancedParams, yearsBetween } from '../utils/period';
import type { AdvancedSettings, DetectionMode, PeriodPreset, SeriesViewState } from '../utils/period';

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
      <AdvancedControls value={view.advanced} onChange={(advanced) => onChange({ advanced })} />
    </div>
  );
}

/**
 * SaTScan's options for the space-time scan, folded away: most runs need none of them. Numbers apply
 * when the field is left (or Enter is pressed), so typing "14" does not start a run at "1".
 */
function AdvancedControls({ value, onChange }: { value: AdvancedSettings; onChange: (a: AdvancedSettings) => void }) {
  const changed = Object.keys(advancedParams(value)).length;
  const set = (patch: Partial<AdvancedSettings>) => {
    const next = { ...value, ...patch };
    if (next.minDays > next.maxDays) next.maxDays = next.minDays;
    onChange(next);
  };
  return (
    <details className="detection-advanced" open={changed > 0 ? true : undefined} data-testid="series-advanced">
      <summary>Advanced options{changed > 0 ? ` (${changed} changed)` : ''}</summary>
      <div className="detection-advanced__grid">
        <NumberField
          label="Shortest window (days)"
          value={value.minDays}
          min={1}
          max={366}
          onCommit={(minDays) => set({ minDays })}
          testId="series-min-days"
        />
        <NumberField
          label="Longest window (days)"
          value={value.maxDays}
          min={1}
          max={366}
          onCommit={(maxDays) => set({ maxDays: Math.max(maxDays, value.minDays) })}
          testId="series-max-days"
        />
        <label className="field">
          <span className="field__label">Time step</span>
          <select value={value.timeStep} onChange={(e) => set({ timeStep: e.target.value === '1' ? 1 : 7 })} data-testid="series-time-step">
            <option value="7">Weekly</option>
            <option value="1">Daily (slower)</option>
          </select>
        </label>
        <NumberField
          label="Largest radius (km)"
          value={value.maxKm}
          min={0.5}
          max={100}
          step={0.5}
          onCommit={(maxKm) => set({ maxKm })}
          testId="series-max-km"
        />
        <NumberField
          label="Largest share of reports (%)"
          value={Math.round(value.maxShare * 100)}
          min={1}
          max={100}
          onCommit={(pct) => set({ maxShare: pct / 100 })}
          testId="series-max-share"
        />
        <label className="field">
          <span className="field__label">Circle centres</span>
          <select
            value={value.centres}
            onChange={(e) => set({ centres: e.target.value === 'gazetteer' ? 'gazetteer' : 'reports' })}
            data-testid="series-centres"
          >
            <option value="reports">Places with reports</option>
            <option value="gazetteer">Every place in the force area</option>
          </select>
        </label>
        <label className="field field--check">
          <input
            type="checkbox"
            checked={value.include === 'all'}
            onChange={(e) => set({ include: e.target.checked ? 'all' : 'significant' })}
            data-testid="series-include-all"
          />
          <span>Also show clusters that are not significant</span>
        </label>
        {changed > 0 ? (
          <button type="button" className="button button--small" onClick={() => onChange(DEFAULT_ADVANCED)}>
            Reset to defaults
          </button>
        ) : null}
      </div>
    </details>
  );
}

function NumberField({
  label,
  value,
  min,
  max,
  step = 1,
  onCommit,
  testId,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  onCommit: (n: number) => void;
  testId: string;
}) {
  const commit = (text: string) => {
    const n = Number(text);
    if (text.trim() !== '' && Number.isFinite(n) && n >= min && n <= max && n !== value) onCommit(n);
  };
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <input
        key={value}
        type="number"
        inputMode="decimal"
        defaultValue={value}
        min={min}
        max={max}
        step={step}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget.value);
        }}
        data-testid={testId}
      />
    </label>
  );
}
