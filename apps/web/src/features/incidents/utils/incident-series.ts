import { METHOD_LABELS } from '@scam/shared';
import type { IncidentSeries } from '@scam/shared';
import { toQueryString } from '../../../lib/api-client';
import { formatDate, plural } from '../../../utils/format';
import { STATUS_LABELS } from '../../../utils/series-labels';

/** One line of an incident's "Series" list: where it links, what it is called and what it is. */
export interface SeriesEntry {
  key: string;
  to: string;
  title: string;
  about: string;
}

/**
 * A series the incident belongs to, as its details list it: a saved series by its name, a detected one
 * by method and districts (as the series page names it), each linking to the series page.
 */
export function seriesEntry(s: IncidentSeries): SeriesEntry {
  if (s.kind === 'saved') {
    return {
      key: `saved:${s.id}`,
      to: `/series${toQueryString({ saved: s.id })}`,
      title: s.name,
      about: ['Saved series', STATUS_LABELS[s.status], plural(s.members, 'report')].join(' · '),
    };
  }
  const where = s.districts.length > 0 ? `, ${s.districts.join(', ')}` : '';
  const when = s.first === s.last ? formatDate(s.first) : `${formatDate(s.first)} – ${formatDate(s.last)}`;
  return {
    key: `detected:${s.id}`,
    to: `/series${toQueryString({ id: s.id })}`,
    title: `${METHOD_LABELS[s.method]}${where}`,
    about: [
      'Detected series',
      plural(s.count, 'report'),
      when,
      ...(s.savedId !== null ? ['saved as a series without this report'] : []),
    ].join(' · '),
  };
}
