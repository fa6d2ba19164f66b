import { METHOD_LABELS } from '@scam/shared';
import { formatCount, plural } from '../../../utils/format';
import { areaLossWords } from '../../../utils/small-area-losses';
import { METHOD_COLOURS } from '../../../utils/palette';
import type { MarkerDatum } from '../utils/cluster';

/**
 * Popup content as React elements: place names and counts are text nodes, never HTML, whatever the
 * data holds.
 */
export function MarkerPopup({
  datum,
  places,
  onShowPlaces,
  onZoomIn,
  onClose,
}: {
  datum: MarkerDatum;
  /** For a cluster: its places, most reports first. */
  places: { name: string; reports: number }[];
  /** Absent when the role cannot list incidents. */
  onShowPlaces?: (names: string[]) => void;
  onZoomIn: (() => void) | null;
  /** Leaflet only closes on Escape while the map itself has focus; this covers focus in the popup. */
  onClose: () => void;
}) {
  const names = datum.place ? [datum.place.name] : places.map((p) => p.name);
  const shown = places.slice(0, 6);
  return (
    // Listens only for Escape bubbling up from the popup's own buttons.
    <div
      className="map-popup"
      data-testid="map-popup"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <p className="map-popup__title">
        {datum.place ? datum.place.name : `${formatCount(datum.cluster?.places ?? places.length)} places`}
        {datum.place ? <span className="muted"> · {datum.place.district}</span> : null}
      </p>
      <p className="map-popup__figures">
        <strong>{plural(datum.reports, 'report')}</strong> · {areaLossWords(datum.lossPence, datum.lossReports)}
      </p>
      {datum.topMethods.length > 0 ? (
        <ul className="map-popup__methods" aria-label="Top methods">
          {datum.topMethods.map((m) => (
            <li key={m.method}>
              <span className="swatch" style={{ background: METHOD_COLOURS[m.method] }} aria-hidden="true" />
              {METHOD_LABELS[m.method]}: {formatCount(m.reports)}
            </li>
          ))}
        </ul>
      ) : null}
      {datum.cluster ? (
        <p className="map-popup__places small">
          {shown.map((p) => `${p.name} (${formatCount(p.reports)})`).join(', ')}
          {places.length > shown.length ? `, and ${formatCount(places.length - shown.length)} more` : ''}
        </p>
      ) : null}
      {onShowPlaces || onZoomIn ? (
        <div className="map-popup__actions">
          {onShowPlaces ? (
            <button type="button" className="button button--small" onClick={() => onShowPlaces(names)} data-testid="show-incidents">
              Show {plural(datum.reports, 'incident')}
            </button>
          ) : null}
          {onZoomIn ? (
            <button type="button" className="button button--small button--quiet" onClick={onZoomIn}>
              Zoom in
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
