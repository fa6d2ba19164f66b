import { describe, expect, it } from 'vitest';
import {
  AUDIT_PAGE_SIZE,
  EMPTY_AUDIT_FILTERS,
  actionLabel,
  auditCsvParams,
  auditFilterProblem,
  auditListParams,
  auditSearch,
  describeAuditObject,
  formatAuditTime,
  parseAuditFilters,
} from './audit-trail';
import { apiUrl } from '../../../lib/api-client';

describe('audit filters in the address', () => {
  it('reads dates, user, action and page, and round-trips them', () => {
    const filters = parseAuditFilters('?from=2026-11-01&to=2026-11-30&user=j.smith&action=disclosure&offset=100');
    expect(filters).toEqual({ from: '2026-11-01', to: '2026-11-30', user: 'j.smith', action: 'disclosure', reference: '', offset: 100 });
    expect(parseAuditFilters(auditSearch(filters))).toEqual(filters);
  });

  it('drops what the API would refuse: impossible dates, unknown actions, negative pages', () => {
    expect(parseAuditFilters('?from=2026-02-30&to=yesterday&action=delete&offset=-50')).toEqual(EMPTY_AUDIT_FILTERS);
  });

  it('keeps a reference searched for, so "who opened HC/26/44019?" can be sent as a link', () => {
    const filters = parseAuditFilters('?reference=HC%2F26%2F44019');
    expect(filters.reference).toBe('HC/26/44019');
    expect(auditSearch(filters)).toBe('?reference=HC%2F26%2F44019');
    expect(apiUrl('/api/audit/views', auditListParams(filters))).toBe(
      `/api/audit/views?reference=HC%2F26%2F44019&limit=${AUDIT_PAGE_SIZE}&offset=0`,
    );
  });

  it('leaves defaults out of the link', () => {
    expect(auditSearch(EMPTY_AUDIT_FILTERS)).toBe('');
    expect(auditSearch({ ...EMPTY_AUDIT_FILTERS, action: 'sign_in' })).toBe('?action=sign_in');
  });
});

describe('audit requests', () => {
  const filters = { from: '2026-11-01', to: null, user: 'admin', action: 'sign_in' as const, reference: '', offset: 50 };

  it('asks the list for one page at the shown offset', () => {
    expect(apiUrl('/api/audit', auditListParams(filters))).toBe(
      `/api/audit?from=2026-11-01&user=admin&action=sign_in&limit=${AUDIT_PAGE_SIZE}&offset=50`,
    );
  });

  it('exports every entry matching the same filters, whatever page is shown', () => {
    expect(apiUrl('/api/audit.csv', auditCsvParams(filters))).toBe('/api/audit.csv?from=2026-11-01&user=admin&action=sign_in');
  });

  it('names a reversed date range instead of showing an empty table', () => {
    expect(auditFilterProblem({ from: '2026-12-01', to: '2026-11-01' })).toMatch(/after/);
    expect(auditFilterProblem({ from: '2026-11-01', to: '2026-11-01' })).toBeNull();
  });
});

describe('audit display', () => {
  it('labels actions in words and keeps an unknown one as sent', () => {
    expect(actionLabel('sign_in')).toBe('Signed in');
    expect(actionLabel('disclosure')).toBe('Disclosure (export)');
    expect(actionLabel('something_new')).toBe('something_new');
  });

  it('shows times to the second in UK time, summer time included', () => {
    expect(formatAuditTime('2026-07-01T13:05:09Z')).toBe('1 Jul 2026, 14:05:09');
    expect(formatAuditTime('2026-11-23 09:00:00')).toBe('23 Nov 2026, 09:00:00');
    expect(formatAuditTime('not a time')).toBe('not a time');
  });
});

describe('describeAuditObject', () => {
  it('reads a request record as the route and its parameters', () => {
    expect(describeAuditObject('{"route":"GET /api/incidents","query":{"method":"courier","district":"Watford"}}')).toBe(
      'GET /api/incidents · method=courier · district=Watford',
    );
    expect(describeAuditObject('{"route":"POST /api/imports/:id/rollback","params":{"id":"12"}}')).toBe(
      'POST /api/imports/:id/rollback · id=12',
    );
  });

  it('names other details, nested ones included', () => {
    expect(describeAuditObject('{"via":"password"}')).toBe('via=password');
    expect(describeAuditObject('{"title":"Appeal","filters":{"method":"hmrc"},"seriesId":null}')).toBe(
      'title=Appeal · filters: method=hmrc · seriesId=—',
    );
    expect(describeAuditObject('{"batches":[3,4]}')).toBe('batches=3,4');
  });

  it('shows an empty object as a dash and text that is not JSON as it is', () => {
    expect(describeAuditObject('{}')).toBe('—');
    expect(describeAuditObject('batch 12')).toBe('batch 12');
  });
});
