import { useId } from 'react';

export interface SegmentOption<T extends string> {
  value: T;
  label: string;
}

/**
 * A small toggle group built from native radio buttons: arrow keys move between options and the
 * group has one tab stop, with no ARIA re-implementation needed.
 */
export function Segmented<T extends string>({
  legend,
  options,
  value,
  onChange,
  testId,
}: {
  legend: string;
  options: readonly SegmentOption<T>[];
  value: T;
  onChange: (value: T) => void;
  testId?: string;
}) {
  const name = useId();
  return (
    <fieldset className="segmented" data-testid={testId}>
      <legend className="visually-hidden">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className={o.value === value ? 'segmented__option is-active' : 'segmented__option'}>
          <input type="radio" name={name} value={o.value} checked={o.value === value} onChange={() => onChange(o.value)} />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
