import type { ResolvedFilters } from '../../domain/filters.js';

export interface WhereClause {
  sql: string;
  params: Record<string, string | number>;
}

/**
 * Builds one WHERE clause for every read route so that the summary, the charts, the map and the
 * table always count exactly the same rows. Values are bound as parameters, never spliced in.
 */
export function whereFor(f: ResolvedFilters, alias = ''): WhereClause {
  const col = (c: string) => (alias ? `${alias}.${c}` : c);
  const parts: string[] = [];
  const params: Record<string, string | number> = {};
  const list = (name: string, column: string, values: readonly string[] | undefined) => {
    if (!values || values.length === 0) return;
    const keys = values.map((v, i) => {
      params[`${name}${i}`] = v;
      return `@${name}${i}`;
    });
    parts.push(`${col(column)} IN (${keys.join(', ')})`);
  };
  if (f.from) {
    parts.push(`${col('offence_date')} >= @from`);
    params.from = f.from;
  }
  if (f.to) {
    parts.push(`${col('offence_date')} <= @to`);
    params.to = f.to;
  }
  list('method', 'method', f.methods);
  list('district', 'district_code', f.districtCodes);
  list('place', 'place', f.places);
  list('placeMatch', 'place_match', f.placeMatches);
  list('outcome', 'outcome', f.outcomes);
  list('ageBand', 'age_band', f.ageBands);
  if (f.minLossPence !== undefined) {
    parts.push(`${col('loss_pence')} >= @minLoss`);
    params.minLoss = f.minLossPence;
  }
  if (f.maxLossPence !== undefined) {
    parts.push(`${col('loss_pence')} <= @maxLoss`);
    params.maxLoss = f.maxLossPence;
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}
