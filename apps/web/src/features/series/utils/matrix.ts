import type { Incident, SeriesMemberEvidence } from '@scam/shared';

/** The evidence columns, in the order the detection weighs them, with the words a reader needs. */
export const TIE_COLUMNS = [
  { key: 'method', label: 'Method', description: 'same scam method' },
  { key: 'impersonated', label: 'Posed as', description: 'caller posed as the same organisation' },
  { key: 'channel', label: 'Asked for', description: 'asked for the same kind of payment' },
  { key: 'time', label: 'Time', description: 'within the series period' },
  { key: 'distance', label: 'Distance', description: 'within the series area' },
  { key: 'ageBand', label: 'Age band', description: 'victim in the most common age band' },
  { key: 'callerNumber', label: 'Caller no.', description: 'caller number shared with another report' },
] as const;
export type TieKey = (typeof TIE_COLUMNS)[number]['key'];

export interface MatrixCell {
  key: TieKey;
  /** null when this incident was not part of the detection (added by hand), so nothing was assessed. */
  tie: boolean | null;
  /** Text for screen readers and tooltips: "Posed as: matches", "Distance: does not match". */
  text: string;
}

export interface MatrixRow {
  reference: string;
  offenceDate: string | null;
  place: string | null;
  district: string | null;
  score: number | null;
  cells: MatrixCell[];
  reasons: string[];
  assessed: boolean;
}

/**
 * One row per member incident. Detection evidence gives the ties; for saved series the members may
 * include incidents added by hand, which have no evidence and show as not assessed, with the date and
 * place filled from the incident itself where it has been loaded.
 */
export function buildMatrixRows(
  references: readonly string[],
  evidence: readonly SeriesMemberEvidence[],
  incidents: ReadonlyMap<string, Pick<Incident, 'offenceDate' | 'place' | 'district'>> = new Map(),
): MatrixRow[] {
  const byRef = new Map(evidence.map((e) => [e.reference, e]));
  const rows = references.map((reference): MatrixRow => {
    const e = byRef.get(reference);
    const inc = incidents.get(reference);
    const cells = TIE_COLUMNS.map(({ key, label }): MatrixCell => {
      const tie = e ? e.ties[key] === true : null;
      return { key, tie, text: `${label}: ${tie === null ? 'not assessed' : tie ? 'matches' : 'does not match'}` };
    });
    return {
      reference,
      offenceDate: e?.offenceDate ?? inc?.offenceDate ?? null,
      place: e?.place ?? inc?.place ?? null,
      district: e?.district ?? inc?.district ?? null,
      score: e ? e.score : null,
      cells,
      reasons: e ? e.reasons : [],
      assessed: e !== undefined,
    };
  });
  // Oldest first, as a timeline reads; unknown dates last, then by reference for a stable order.
  return rows.sort(
    (a, b) =>
      (a.offenceDate ?? '9999').localeCompare(b.offenceDate ?? '9999') ||
      a.reference.localeCompare(b.reference, 'en-GB', { numeric: true }),
  );
}

/** How many members match each attribute: the column footer. */
export function tieTotals(rows: readonly MatrixRow[]): Record<TieKey, number> {
  const totals = Object.fromEntries(TIE_COLUMNS.map((c) => [c.key, 0])) as Record<TieKey, number>;
  for (const r of rows) for (const c of r.cells) if (c.tie) totals[c.key] += 1;
  return totals;
}

/**
 * References typed into the "add incidents" box: split on commas, spaces or new lines, trimmed,
 * de-duplicated, and without those already members. Case is kept: the API matches references exactly.
 */
export function parseReferences(text: string, existing: readonly string[] = []): string[] {
  const have = new Set(existing);
  const out: string[] = [];
  for (const raw of text.split(/[\s,;]+/)) {
    const ref = raw.trim();
    if (ref && !have.has(ref) && !out.includes(ref)) out.push(ref);
  }
  return out;
}
