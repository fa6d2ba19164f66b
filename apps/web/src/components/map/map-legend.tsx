import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { LegendItem } from '../../utils/choropleth';

/**
 * The choropleth key shared by the overview map and the series map: a title, one swatch per class,
 * and any notes the map needs (place dots, the detected area). It sits under the map, never over it,
 * so it hides no district and no marker; it folds away to a line when not wanted.
 */
export function MapLegend({
  title,
  items,
  className,
  children,
}: {
  title: string;
  items: readonly LegendItem[];
  className?: string;
  children?: ReactNode;
}) {
  const [open, setOpen] = useState(true);
  const bodyId = useId();
  return (
    <div className={className ? `map-legend ${className}` : 'map-legend'} data-testid="map-legend">
      <p className="map-legend__title">{title}</p>
      <div className="map-legend__body" id={bodyId} hidden={!open}>
        <ul>
          {items.map((item) => (
            <li key={item.label}>
              <span className="swatch" style={{ background: item.colour }} aria-hidden="true" />
              {item.label}
            </li>
          ))}
        </ul>
        {children}
      </div>
      <button
        type="button"
        className="link-button map-legend__toggle no-print"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? 'Hide key' : 'Show key'}
      </button>
    </div>
  );
}

/** "● reports per place": the note under the key on maps that draw place markers. */
export function PlacesNote() {
  return (
    <p className="map-legend__note">
      <span className="map-legend__dot" aria-hidden="true" /> reports per place
    </p>
  );
}
