import type { ReactNode } from 'react';
import type { LegendItem } from '../../utils/choropleth';

/**
 * The choropleth key shared by the overview map and the series map: a title, one swatch per class,
 * and any notes the map needs (place dots, the detected area).
 */
export function MapLegend({
  title,
  items,
  className,
  hidden,
  children,
}: {
  title: string;
  items: readonly LegendItem[];
  className?: string;
  hidden?: boolean;
  children?: ReactNode;
}) {
  return (
    <div className={className ? `map-legend ${className}` : 'map-legend'} hidden={hidden}>
      <p className="map-legend__title">{title}</p>
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
