import {
  callerNumberKey,
  payeeAccountKey,
  type LinkIncident,
  type LinkKind,
  type LinkNetwork,
  type LinkNode,
  type LinkTie,
} from '@scam/shared';
import type { ResolvedFilters } from '../domain/filters.js';
import type { ServiceContext } from './context.js';

/** Reports one link view shows at most: a large series fits, and the network stays drawable. */
export const MAX_LINK_INCIDENTS = 500;
/** Ties one link view shows at most, largest first. */
export const MAX_LINK_TIES = 200;

interface Group {
  kind: LinkKind;
  key: string;
  /** Read-model row numbers, earliest offence first (the read model is in date order). */
  members: number[];
}

/**
 * The reports among a set (given references, narrowed by the filters, or everything the filters
 * match) that share a caller number or a payee account, as a network: a node per shared identifier and
 * per report behind one, an edge from each identifier to each report that used it. An identifier only
 * one report used ties nothing and is left out. Read from the in-memory read model, so a filter over a
 * million reports is one pass.
 */
export function linkNetwork(ctx: ServiceContext, filters: ResolvedFilters, references?: readonly string[]): LinkNetwork {
  const f = ctx.facts.current();
  const wanted = references ? new Set(references) : null;
  let notFound: string[] = [];
  if (wanted) {
    const stored = new Set(f.references({}).filter((r) => wanted.has(r)));
    notFound = [...wanted].filter((r) => !stored.has(r));
  }

  const groups = new Map<string, Group>();
  const add = (kind: LinkKind, key: string | null, i: number): void => {
    if (key === null) return;
    const id = `${kind}:${key}`;
    const group = groups.get(id);
    if (group) group.members.push(i);
    else groups.set(id, { kind, key, members: [i] });
  };
  let reports = 0;
  f.forEachMatch(filters, (i) => {
    if (wanted && !wanted.has(f.reference(i))) return;
    reports++;
    add('number', callerNumberKey(f.callerNumber(i)), i);
    add('account', payeeAccountKey(f.payeeAccount(i)), i);
  });

  const shared = [...groups.values()]
    .filter((g) => g.members.length >= 2)
    .sort((a, b) => b.members.length - a.members.length || (a.kind === b.kind ? cmp(a.key, b.key) : a.kind === 'number' ? -1 : 1));

  // Largest ties first, as long as their reports fit; a tie too big for what is left is skipped (and
  // the answer says so), except the very first, which is shown with as many reports as fit.
  const shown: { group: Group; members: number[] }[] = [];
  const incidentIds = new Set<number>();
  let truncated = false;
  for (const group of shared) {
    if (shown.length === MAX_LINK_TIES) {
      truncated = true;
      break;
    }
    const fresh = group.members.filter((i) => !incidentIds.has(i)).length;
    if (incidentIds.size + fresh > MAX_LINK_INCIDENTS) {
      truncated = true;
      if (shown.length > 0) continue;
    }
    const members = group.members.slice(0, MAX_LINK_INCIDENTS);
    for (const i of members) incidentIds.add(i);
    shown.push({ group, members });
  }

  const incidentNode = (i: number) => `incident:${f.reference(i)}`;
  const ties: LinkTie[] = shown.map(({ group, members }) => ({
    id: `${group.kind}:${group.key}`,
    kind: group.kind,
    value: (group.kind === 'number' ? f.callerNumber(group.members[0] as number) : f.payeeAccount(group.members[0] as number)) ?? group.key,
    count: group.members.length,
    incidents: members.map((i) => f.reference(i)),
  }));
  const tiesOf = new Map<number, number>();
  for (const { members } of shown) for (const i of members) tiesOf.set(i, (tiesOf.get(i) ?? 0) + 1);
  const ordered = [...incidentIds].sort((a, b) => a - b);

  const nodes: LinkNode[] = [
    ...ties.map((t): LinkNode => ({ id: t.id, kind: t.kind, label: t.value, count: t.count })),
    ...ordered.map((i): LinkNode => ({
      id: incidentNode(i),
      kind: 'incident',
      label: f.reference(i),
      count: tiesOf.get(i) ?? 0,
    })),
  ];
  const edges = shown.flatMap(({ group, members }) => members.map((i) => ({ from: `${group.kind}:${group.key}`, to: incidentNode(i) })));
  const incidents = ordered.map((i): LinkIncident => {
    const r = f.record(i);
    return {
      reference: r.reference,
      offenceDate: r.offenceDate,
      place: r.place?.name ?? '',
      district: r.district?.name ?? '',
      method: r.method,
      outcome: r.outcome,
      lossPence: r.lossPence,
    };
  });
  return { reports, nodes, edges, ties, incidents, notFound, truncated };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
