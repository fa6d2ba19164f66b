import { useCallback, useEffect, useRef } from 'react';
import L from 'leaflet';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { GeoJSON, useMap } from 'react-leaflet';
import type { BoundaryCollection } from '@scam/shared';

type DistrictProps = BoundaryCollection['features'][number]['properties'];

/** The API types boundary coordinates as `unknown`; Leaflet needs the GeoJSON type it reads. */
export function asGeoJson(boundaries: BoundaryCollection): FeatureCollection<Geometry, DistrictProps> {
  return boundaries as unknown as FeatureCollection<Geometry, DistrictProps>;
}

/** District shapes shaded by the given fills; clicking one filters to it. */
export function DistrictLayer({
  boundaries,
  fillByCode,
  selected,
  fitTo = 'selected',
  onDistrict,
  onHover,
}: {
  boundaries: BoundaryCollection;
  fillByCode: Readonly<Record<string, string>>;
  selected: readonly string[];
  /** What the view frames: the chosen districts (the overview drills in) or the whole force area. */
  fitTo?: 'selected' | 'all';
  onDistrict: (name: string) => void;
  onHover: (code: string | null) => void;
}) {
  const map = useMap();
  // Leaflet binds handlers once per feature; refs let them call the latest callbacks.
  const onDistrictRef = useRef(onDistrict);
  const onHoverRef = useRef(onHover);
  useEffect(() => {
    onDistrictRef.current = onDistrict;
    onHoverRef.current = onHover;
  });

  const data = asGeoJson(boundaries);

  // Fit to the chosen districts (a district click drills in), or to the whole force area. The frame's
  // size settles after the first fit (the page finishes loading, a scrollbar appears, printing
  // resizes it), so the fit is redone whenever the map's box changes size, until the analyst pans or
  // zooms the map themselves.
  const selectionKey = fitTo === 'all' ? '' : selected.join('\u0000');
  useEffect(() => {
    let fitting = false;
    let userMoved = false;
    const fit = () => {
      map.invalidateSize();
      const chosen = new Set(selectionKey ? selectionKey.split('\u0000') : []);
      const features = data.features.filter((f) => chosen.has(f.properties.name));
      const bounds = L.geoJSON(features.length > 0 ? { ...data, features } : data).getBounds();
      if (!bounds.isValid()) return;
      fitting = true;
      map.fitBounds(bounds, { padding: [6, 6], animate: false });
      fitting = false;
    };
    const onUserMove = () => {
      if (!fitting) userMoved = true;
    };
    const onResize = () => {
      if (!userMoved) fit();
      else map.invalidateSize();
    };
    fit();
    map.on('dragstart zoomstart', onUserMove);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(onResize);
    observer?.observe(map.getContainer());
    window.addEventListener('beforeprint', fit);
    window.addEventListener('afterprint', fit);
    return () => {
      map.off('dragstart zoomstart', onUserMove);
      observer?.disconnect();
      window.removeEventListener('beforeprint', fit);
      window.removeEventListener('afterprint', fit);
    };
  }, [data, map, selectionKey]);

  const style = useCallback(
    (feature?: Feature<Geometry, DistrictProps>): L.PathOptions => {
      const p = feature?.properties;
      const isSelected = p ? selected.includes(p.name) : false;
      return {
        fillColor: (p && fillByCode[p.code]) ?? '#f4f4f4',
        fillOpacity: 0.85,
        color: isSelected ? '#000' : '#4a4a4a',
        weight: isSelected ? 3 : 1,
        // Leaflet reads className when it first creates each path, which happens after this style.
        className: 'district-shape',
      };
    },
    [fillByCode, selected],
  );

  const onEachFeature = useCallback((feature: Feature<Geometry, DistrictProps>, layer: L.Layer) => {
    const { code, name } = feature.properties;
    layer.on({
      click: () => onDistrictRef.current(name),
      mouseover: () => onHoverRef.current(code),
      mouseout: () => onHoverRef.current(null),
      add: () => {
        const el = (layer as L.Path).getElement();
        // Attributes, not markup: setAttribute never parses its value.
        el?.setAttribute('data-district', name);
        el?.setAttribute('data-code', code);
      },
    });
  }, []);

  return <GeoJSON data={data} style={style} onEachFeature={onEachFeature} />;
}
