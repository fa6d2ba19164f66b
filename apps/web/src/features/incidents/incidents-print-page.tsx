import { useQuery } from '@tanstack/react-query';
import { METHOD_LABELS, OUTCOME_LABELS } from '@scam/shared';
import { useMeta } from '../../api/meta.queries';
import { PrintSheet } from '../../components/print/print-sheet';
import { EmptyState, ErrorNotice, Loading } from '../../components/status';
import { useFilters } from '../../hooks/use-filters';
import { useLocation } from '../../lib/router';
import { toQueryString } from '../../lib/api-client';
import { describeFilters, describeRange } from '../../utils/filters';
import { formatCount, formatDate, formatMoney } from '../../utils/format';
import { incidentQueries } from './api/incidents.queries';
import { listParams, parseTableState } from './utils/table-state';
import './incidents-print.css';

/** The most rows one printed list carries: the API's page limit, about a dozen landscape pages. */
export const PRINT_ROWS = 500;

/** The order in words: the column, and which end comes first as a reader would say it. */
const SORT_WORDS: Record<string, [column: string, asc: string, desc: string]> = {
  offenceDate: ['offence date', 'earliest first', 'latest first'],
  reportDate: ['report date', 'earliest first', 'latest first'],
  reference: ['reference', 'A to Z', 'Z to A'],
  place: ['place', 'A to Z', 'Z to A'],
  district: ['district', 'A to Z', 'Z to A'],
  method: ['method', 'A to Z', 'Z to A'],
  outcome: ['outcome', 'A to Z', 'Z to A'],
  lossPence: ['loss', 'smallest first', 'largest first'],
  age: ['age', 'youngest first', 'oldest first'],
};

/**
 * The incident list on landscape A4: the screen's filters, search and order, with the column heads
 * repeated on every page. A list longer than one request allows says so and points to the export.
 */
export function IncidentsPrintPage() {
  const { filters, query } = useFilters();
  const { search } = useLocation();
  const table = parseTableState(search);
  const params = { ...listParams(table), limit: PRINT_ROWS, offset: 0 };
  const list = useQuery(incidentQueries.list(query, params));
  const meta = useMeta();
  const lines = [describeRange(filters, meta.data?.dataRange ?? null), ...describeFilters(filters)];
  if (params.q) lines.push(`Search: ${params.q}`);
  if (params.identifier) lines.push(`Caller number or account: ${params.identifier}`);
  const [column, asc, desc] = SORT_WORDS[params.sort] ?? [params.sort, 'ascending', 'descending'];
  lines.push(`Sorted by ${column}, ${params.order === 'asc' ? asc : desc}`);
  const data = list.data;
  return (
    <PrintSheet
      title="Phone scam incidents"
      orientation="landscape"
      lines={lines}
      back={{ to: `/incidents${search || toQueryString(query)}`, label: 'Back to the incidents' }}
      ready={list.isSuccess}
      testId="print-incidents"
    >
      {list.isPending ? (
        <Loading label="Loading incidents…" height={200} />
      ) : list.isError ? (
        <ErrorNotice error={list.error} title="Could not load the incidents" onRetry={() => void list.refetch()} />
      ) : !data || data.incidents.length === 0 ? (
        <EmptyState>No incidents match these filters.</EmptyState>
      ) : (
        <>
          <p className="incidents-print__count" data-testid="print-count">
            {data.total > data.incidents.length
              ? `The first ${formatCount(data.incidents.length)} of ${formatCount(data.total)} incidents. Export the list for all of them.`
              : `${formatCount(data.total)} incidents.`}
          </p>
          <table className="incidents-print__table">
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Offence date</th>
                <th scope="col">Place</th>
                <th scope="col">District</th>
                <th scope="col">Method</th>
                <th scope="col">Outcome</th>
                <th scope="col" className="num">
                  Loss
                </th>
                <th scope="col" className="num">
                  Age
                </th>
              </tr>
            </thead>
            <tbody>
              {data.incidents.map((i) => (
                <tr key={i.id}>
                  <td>{i.reference}</td>
                  <td className="nowrap">{formatDate(i.offenceDate)}</td>
                  <td>{i.place}</td>
                  <td>{i.district}</td>
                  <td>{METHOD_LABELS[i.method]}</td>
                  <td>{OUTCOME_LABELS[i.outcome]}</td>
                  <td className="num">{i.lossPence > 0 ? formatMoney(i.lossPence) : '–'}</td>
                  <td className="num">{i.victimAge ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </PrintSheet>
  );
}
