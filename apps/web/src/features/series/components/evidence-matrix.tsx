import { formatDate } from '../../../utils/format';
import { TIE_COLUMNS, tieTotals } from '../utils/matrix';
import type { MatrixCell, MatrixRow } from '../utils/matrix';

function Tie({ cell }: { cell: MatrixCell }) {
  // The symbol is for the eye; the words are what assistive technology reads.
  const symbol = cell.tie === null ? '?' : cell.tie ? '✓' : '–';
  return (
    <td className={`matrix__cell matrix__cell--${cell.tie === null ? 'unknown' : cell.tie ? 'yes' : 'no'}`} title={cell.text}>
      <span aria-hidden="true">{symbol}</span>
      <span className="visually-hidden">{cell.text}</span>
    </td>
  );
}

/** Member incidents × the attributes that tie them to the series, with the reasons per incident. */
export function EvidenceMatrix({
  rows,
  onRemove,
  removing,
}: {
  rows: MatrixRow[];
  /** Only saved series can lose members; detected ones are read-only until confirmed. */
  onRemove?: (reference: string) => void;
  removing: string | null;
}) {
  const totals = tieTotals(rows);
  const assessed = rows.filter((r) => r.assessed).length;
  return (
    <div className="table-scroll table-scroll--tall" tabIndex={0} role="region" aria-label="Member incidents and what ties them">
      <table className="table table--compact matrix" data-testid="series-matrix">
        <caption className="visually-hidden">Member incidents and the attributes that tie each to the series</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Date</th>
            <th scope="col">Place</th>
            {TIE_COLUMNS.map((c) => (
              <th key={c.key} scope="col" className="matrix__tie-head" title={c.description}>
                {c.label}
              </th>
            ))}
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col">Why it belongs</th>
            {/* Removing is done on screen: the column is not printed, leaving its room to the reasons. */}
            {onRemove ? (
              <th scope="col" className="no-print">
                <span className="visually-hidden">Remove</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.reference} data-testid="series-matrix-row" data-reference={r.reference}>
              <th scope="row" className="nowrap">
                {r.reference}
              </th>
              <td className="nowrap">{formatDate(r.offenceDate)}</td>
              <td>
                {r.place ?? '—'}
                {r.district && r.district !== r.place ? <span className="muted small"> · {r.district}</span> : null}
              </td>
              {r.cells.map((c) => (
                <Tie key={c.key} cell={c} />
              ))}
              <td className="num">{r.score === null ? '—' : r.score.toFixed(2)}</td>
              <td className="matrix__reasons">
                {r.assessed ? (
                  r.reasons.length > 0 ? (
                    <ul>
                      {r.reasons.map((reason) => (
                        <li key={reason}>{reason}</li>
                      ))}
                    </ul>
                  ) : (
                    <span className="muted">Same method in the detected area and period</span>
                  )
                ) : (
                  <span className="muted">Added by hand; not assessed by detection</span>
                )}
              </td>
              {onRemove ? (
                <td className="no-print">
                  <button
                    type="button"
                    className="button button--small button--quiet"
                    onClick={() => onRemove(r.reference)}
                    disabled={removing !== null}
                    aria-label={`Remove ${r.reference} from the series`}
                    data-testid="series-remove-incident"
                  >
                    {removing === r.reference ? 'Removing…' : 'Remove'}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
        {assessed > 0 ? (
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                Matching ({assessed} assessed)
              </th>
              {TIE_COLUMNS.map((c) => (
                <td key={c.key} className="matrix__total">
                  {totals[c.key]}
                </td>
              ))}
              <td colSpan={2} />
              {onRemove ? <td className="no-print" /> : null}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
