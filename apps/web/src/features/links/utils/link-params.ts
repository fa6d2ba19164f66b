import { readIdentifier } from '@scam/shared';
import type { LinkKind, LinkTie } from '@scam/shared';
import { toQueryString } from '../../../lib/api-client';

/** The server's limit (MAX_LINK_REFERENCES): more is refused, so the page says so rather than asking. */
export const MAX_REFERENCES = 500;

/**
 * The link view's own state in the URL, beside the dashboard filters: the reports to look at
 * (`references=HC/25/12024,HC/25/12014`, as the series page links here) and the tie chosen.
 */
export interface LinkViewState {
  references: string[];
  /** More references were given than the server takes. */
  tooMany: boolean;
  tie: string | null;
}

export function parseLinkView(search: string): LinkViewState {
  const params = new URLSearchParams(search);
  const references = [
    ...new Set(
      (params.get('references') ?? '')
        .split(',')
        .map((r) => r.trim())
        .filter((r) => r.length > 0),
    ),
  ];
  return { references, tooMany: references.length > MAX_REFERENCES, tie: params.get('tie') || null };
}

/** The query string with the chosen tie replaced, everything else (filters, references) kept. */
export function withTie(search: string, tie: string | null): string {
  const params = new URLSearchParams(search);
  params.delete('tie');
  const rest: Record<string, string> = {};
  params.forEach((value, key) => {
    rest[key] = value;
  });
  return toQueryString({ ...rest, tie: tie ?? undefined });
}

export const KIND_LABELS: Record<LinkKind, string> = { number: 'Caller number', account: 'Payee account' };

/**
 * The incident page with one report open. With a searchable tie, the list behind it holds every report
 * sharing that number or account, so closing the report leaves the analyst among its relatives.
 */
export function incidentHref(reference: string, tie: Pick<LinkTie, 'value'> | null): string {
  const identifier = tie && readIdentifier(tie.value) ? tie.value : undefined;
  return `/incidents${toQueryString({ identifier, open: reference })}`;
}

/** Every stored report with this number or account, in the incident list; null when it cannot be searched for. */
export function tieListHref(tie: Pick<LinkTie, 'value'>): string | null {
  return readIdentifier(tie.value) ? `/incidents${toQueryString({ identifier: tie.value })}` : null;
}
