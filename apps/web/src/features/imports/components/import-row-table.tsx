import type { RowNotice } from '@scam/shared';
import { plural } from '../../../utils/format';

interface RowLine {
  line: number;
  column: string;
  value: string;
  /** The reason a row was rejected, or what was done with a row accepted with a notice. */
  text: string;
}

/** Rows of the file by line, column and value as written: the rejected rows, and those accepted with a notice. */
export function ImportRowTable({
  heading,
  rows,
  textHeader,
  testId,
  rowTestId,
  more,
}: {
  heading: string;
  rows: readonly RowLine[];
  textHeader: string;
  testId: string;
  rowTestId: string;
  /** Said under the table when the server sent only the first rows. */
  more: string | null;
}) {
  return (
    <>
      <h3 className="panel__title">{heading}</h3>
      <div className="table-scroll table-scroll--short">
        <table className="table table--compact" data-testid={testId}>
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Column</th>
              <th scope="col">Value</th>
              <th scope="col">{textHeader}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.line}:${r.column}:${i}`} data-testid={rowTestId}>
                <td className="num">{r.line}</td>
                <td className="file-name">{r.column}</td>
                <td className="file-name">{r.value || <span className="muted">(empty)</span>}</td>
                <td>{r.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more ? <p className="muted small">{more}</p> : null}
    </>
  );
}

/**
 * Rows that were accepted but deserve a second look (a town outside the force area), shown beside the
 * rejected rows with the same line, column and value, so a mistyped town that exists elsewhere is seen.
 */
export function ImportNotices({
  notices,
  truncated,
  after,
}: {
  notices: readonly RowNotice[];
  truncated: boolean;
  after: 'plan' | 'commit';
}) {
  if (notices.length === 0) return null;
  return (
    <ImportRowTable
      heading={`${after === 'plan' ? 'Rows accepted with a notice' : 'Accepted with a notice'} (${plural(notices.length, 'row')}${truncated ? ' shown' : ''})`}
      rows={notices.map((n) => ({ line: n.line, column: n.column, value: n.value, text: n.message }))}
      textHeader="Notice"
      testId="import-notices"
      rowTestId="import-notice-row"
      more={
        truncated
          ? `More rows have a notice than are shown; ${after === 'plan' ? 'after committing, ' : ''}download them all from the import history.`
          : null
      }
    />
  );
}
