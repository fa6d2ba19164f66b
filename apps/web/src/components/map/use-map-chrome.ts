import { metaTileUrl, useMeta } from '../../api/meta.queries';

/** Shown when the API gives no attribution: the boundary data's licences still apply. */
export const DEFAULT_ATTRIBUTION = [
  'Contains OS data © Crown copyright and database right 2019',
  'Source: Office for National Statistics licensed under the Open Government Licence v3.0',
  'Boundaries © Martin Chorley CC BY 4.0',
];

/** Tiles and attribution for every map: from the API's meta, with a build-time tile override. */
export function useMapChrome() {
  const meta = useMeta();
  return {
    attribution: meta.data?.attribution.length ? meta.data.attribution : DEFAULT_ATTRIBUTION,
    tileUrl: (import.meta.env.VITE_TILE_URL as string | undefined) || metaTileUrl(meta.data),
  };
}
