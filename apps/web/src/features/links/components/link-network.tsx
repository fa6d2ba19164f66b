import { useId, useMemo } from 'react';
import type { KeyboardEvent } from 'react';
import type { LinkIncident, LinkNetwork } from '@scam/shared';
import { followInApp } from '../../../lib/router';
import { formatDate, plural } from '../../../utils/format';
import { labelPosition, layoutNetwork } from '../utils/layout';
import type { PlacedNode } from '../utils/layout';
import { KIND_LABELS } from '../utils/link-params';

interface Props {
  network: Pick<LinkNetwork, 'nodes' | 'edges' | 'incidents'>;
  selected: string | null;
  onSelect: (tie: string | null) => void;
  /** Where a report node leads: the incident page with that report open. */
  hrefFor: (reference: string) => string;
}

/**
 * The network drawn as SVG: shared numbers (circles) and accounts (squares) inside, reports round the
 * ring. Every node can be reached with the keyboard and has a name a screen reader reads: an identifier
 * is a toggle button that chooses its tie, a report is a link to the incident.
 */
export function LinkNetworkDrawing({ network, selected, onSelect, hrefFor }: Props) {
  const titleId = useId();
  const layout = useMemo(() => layoutNetwork(network.nodes, network.edges), [network.nodes, network.edges]);
  const incidents = useMemo(() => new Map(network.incidents.map((i) => [i.reference, i])), [network.incidents]);
  const active = useMemo(
    () => new Set(selected ? layout.edges.filter((e) => e.from.id === selected).map((e) => e.to.id) : []),
    [layout.edges, selected],
  );
  const half = layout.size / 2;

  const onKey = (event: KeyboardEvent<SVGGElement>, id: string) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onSelect(selected === id ? null : id);
  };

  return (
    <svg
      viewBox={`${-half} ${-half} ${layout.size} ${layout.size}`}
      className={`link-network__svg${selected ? ' has-selection' : ''}`}
      role="group"
      aria-labelledby={titleId}
      data-testid="link-network"
    >
      <title id={titleId}>
        {`Network of ${plural(layout.identifiers.length, 'shared number or account', 'shared numbers and accounts')} and the ${plural(layout.incidents.length, 'report')} behind them`}
      </title>
      <g className="link-network__edges" aria-hidden="true">
        {layout.edges.map((e) => (
          <line
            key={`${e.from.id}>${e.to.id}`}
            x1={e.from.x}
            y1={e.from.y}
            x2={e.to.x}
            y2={e.to.y}
            className={e.from.id === selected ? 'is-active' : undefined}
          />
        ))}
      </g>
      {layout.incidents.map((n) => (
        <IncidentNode
          key={n.id}
          node={n}
          incident={incidents.get(n.label)}
          href={hrefFor(n.label)}
          active={active.has(n.id)}
          labelled={layout.incidentLabels}
          ring={layout.ring}
        />
      ))}
      {layout.identifiers.map((n) => {
        const pressed = selected === n.id;
        const name = `${n.kind === 'number' ? KIND_LABELS.number : KIND_LABELS.account} ${n.label}, shared by ${plural(n.count, 'report')}`;
        // The visible count and label sit beside the button, not in it: the button's name says it all
        // in words, and a name that did not contain the visible text would fail WCAG 2.5.3.
        return (
          <g key={n.id}>
            <g
              className={`link-node link-node--${n.kind}${pressed ? ' is-active' : ''}`}
              role="button"
              tabIndex={0}
              aria-pressed={pressed}
              aria-label={name}
              onClick={() => onSelect(pressed ? null : n.id)}
              onKeyDown={(e) => onKey(e, n.id)}
              data-testid="link-node"
              data-node-id={n.id}
            >
              <title>{name}</title>
              {n.kind === 'number' ? (
                <circle className="link-node__shape" cx={n.x} cy={n.y} r={n.r} />
              ) : (
                <rect className="link-node__shape" x={n.x - n.r} y={n.y - n.r} width={2 * n.r} height={2 * n.r} rx={5} />
              )}
            </g>
            <g className={`link-node__text link-node--${n.kind}${pressed ? ' is-active' : ''}`} aria-hidden="true">
              <text className="link-node__count" x={n.x} y={n.y + 4} textAnchor="middle">
                {n.count}
              </text>
              <text className="link-node__label" x={n.x} y={n.y + n.r + 14} textAnchor="middle">
                {n.label}
              </text>
            </g>
          </g>
        );
      })}
    </svg>
  );
}

function IncidentNode(props: {
  node: PlacedNode;
  incident: LinkIncident | undefined;
  href: string;
  active: boolean;
  labelled: boolean;
  ring: number;
}) {
  const { node, incident, href, active, labelled, ring } = props;
  const label = labelPosition(node, ring);
  const name = `Report ${node.label}${incident ? `, ${formatDate(incident.offenceDate)}, ${incident.place}` : ''}, in ${plural(node.count, 'tie')}: open it`;
  return (
    <a
      href={href}
      onClick={(e) => followInApp(e, href)}
      className={`link-node link-node--incident${active ? ' is-active' : ''}`}
      aria-label={name}
      data-testid="link-incident-node"
      data-reference={node.label}
    >
      <title>{name}</title>
      <circle className="link-node__shape" cx={node.x} cy={node.y} r={node.r} />
      {labelled ? (
        <text
          className="link-node__label link-node__label--ring"
          x={label.x}
          y={label.y}
          textAnchor={label.anchor}
          dominantBaseline="central"
          transform={`rotate(${label.rotate} ${label.x} ${label.y})`}
          aria-hidden="true"
        >
          {node.label}
        </text>
      ) : null}
    </a>
  );
}
