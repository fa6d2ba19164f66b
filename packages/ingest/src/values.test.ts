import { describe, expect, it } from 'vitest';
import { EXCERPT_CHARS, parseAge, parseDate, parseMoneyToPence, parseOutcome, parsePayeeAccount } from './index.js';

const value = <T>(r: { ok: true; value: T } | { ok: false; reason: string }): T | string => (r.ok ? r.value : `ERROR: ${r.reason}`);

describe('parseDate', () => {
  it.each([
    ['16/07/2018', '2018-07-16'],
    ['16/7/18', '2018-07-16'],
    ['16-07-2018', '2018-07-16'],
    ['16.07.2018', '2018-07-16'],
    ['16 Jul 2018', '2018-07-16'],
    ['16 July 2018', '2018-07-16'],
    ['Jul 16, 2018', '2018-07-16'],
    ['2018-07-16', '2018-07-16'],
    ['2018-07-16T10:00:00', '2018-07-16'],
    ['2018-07-16 10:00', '2018-07-16'],
    ['03/10/2023', '2023-10-03'],
    ['29/02/2020', '2020-02-29'],
  ])('reads %s day first', (text, iso) => {
    expect(value(parseDate(text, '2024-01-01'))).toBe(iso);
  });

  it.each([
    ['31/02/2023', 'not a real date'],
    ['29/02/2023', 'not a real date'],
    ['07/13/2023', 'no month 13'],
    ['02/01/2025', 'in the future'],
    ['31/12/1999', 'before 2000'],
    ['yesterday', 'not a date'],
    ['', 'blank'],
  ])('refuses %s', (text, reason) => {
    expect(value(parseDate(text, '2024-01-01'))).toContain(reason);
  });

  it('accepts today itself', () => {
    expect(value(parseDate('01/01/2024', '2024-01-01'))).toBe('2024-01-01');
  });
});

describe('parseMoneyToPence', () => {
  it.each([
    ['£11,500', 1_150_000],
    ['11500.00', 1_150_000],
    ['£1,201.10', 120_110],
    ['11500', 1_150_000],
    ['0.1', 10],
    ['£ 2,384.32', 238_432],
    ['nil', 0],
    ['None', 0],
    ['0', 0],
    ['', 0],
    ['£100,000,000', 10_000_000_000],
  ])('reads %s', (text, pence) => {
    expect(value(parseMoneyToPence(text))).toBe(pence);
  });

  it('keeps exact pence where floating point would not (0.29 * 100 = 28.999…)', () => {
    expect(value(parseMoneyToPence('£1,000,000.29'))).toBe(100_000_029);
    expect(value(parseMoneyToPence('4.35'))).toBe(435);
  });

  it.each([
    ['-50', 'negative'],
    ['(£50.00)', 'negative'],
    ['£-50', 'negative'],
    ['about fifty quid', 'not an amount'],
    ['12.345', 'more than two decimal places'],
    ['1,2345', 'not an amount'],
    ['£100,000,000.01', 'more than £100,000,000'],
  ])('refuses %s', (text, reason) => {
    expect(value(parseMoneyToPence(text))).toContain(reason);
  });
});

describe('parseAge', () => {
  it.each([
    ['87', { age: 87, band: '80-89' }],
    ['0', { age: 0, band: 'under 18' }],
    ['87 years', { age: 87, band: '80-89' }],
    ['late 50s', { age: null, band: '50-59' }],
    ['mid 70s', { age: null, band: '70-79' }],
    ['in her 80s', { age: null, band: '80-89' }],
    ['80s', { age: null, band: '80-89' }],
    ['70-79', { age: null, band: '70-79' }],
    ['20-29', { age: null, band: '18-29' }],
    ['90-99', { age: null, band: '90+' }],
    ['90+', { age: null, band: '90+' }],
    ['under 18', { age: null, band: 'under 18' }],
    ['', { age: null, band: 'unknown' }],
    ['Unknown', { age: null, band: 'unknown' }],
    ['not known', { age: null, band: 'unknown' }],
  ])('reads %s', (text, expected) => {
    expect(value(parseAge(text))).toEqual(expected);
  });

  it.each([['121'], ['-3'], ['eighty'], ['70+'], ['80-70']])('refuses %s', (text) => {
    expect(parseAge(text).ok).toBe(false);
  });
});

describe('parseOutcome', () => {
  it.each([
    ['Money lost', 'lost'],
    ['Loss', 'lost'],
    ['Lost', 'lost'],
    ['Victim', 'lost'],
    ['Attempt, no loss', 'attempted'],
    ['No Loss', 'attempted'],
    ['Attempted', 'attempted'],
    ['Not lost', 'attempted'],
    ['Stopped by bank', 'prevented'],
    ['Stopped by police', 'prevented'],
    ['Prevented', 'prevented'],
    ['Intervention', 'prevented'],
    ['Blocked', 'prevented'],
    ['', null],
  ])('reads %s', (text, outcome) => {
    expect(value(parseOutcome(text))).toBe(outcome);
  });

  it('refuses unknown wording and lists the accepted words', () => {
    const r = parseOutcome('Pending');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain('"Pending"');
      expect(r.reason).toContain('Stopped by bank');
    }
  });
});

describe('parsePayeeAccount', () => {
  it.each([
    ['20-00-00 12345678', '20-00-00 12345678'],
    ['200000 12345678', '20-00-00 12345678'],
    ['20 00 00  12345678', '20-00-00 12345678'],
    ['20000012345678', '20-00-00 12345678'],
    ['20-00-00/12345678', '20-00-00 12345678'],
    ['Sort code 20-00-00, account 12345678', '20-00-00 12345678'],
    ['s/c 200000 a/c 12345678', '20-00-00 12345678'],
    // Wallets and other accounts are kept as typed, spaces collapsed: their case can matter.
    ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
    ['  GB29 NWBK   6016 1331 9268 19 ', 'GB29 NWBK 6016 1331 9268 19'],
    ['Revolut @jsmith99', 'Revolut @jsmith99'],
    ['', null],
  ])('reads %j', (text, account) => {
    expect(value(parsePayeeAccount(text))).toBe(account);
  });

  it.each([['=HYPERLINK("http://x","click")'], ['@SUM(A1:A9)'], ['paid, then rang back (twice)'], ['n/a'], ['-'], ['x'.repeat(101)]])(
    'refuses %j, which cannot be an account',
    (text) => {
      const r = parsePayeeAccount(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/is not an account|at most 100/);
    },
  );
});

describe('hostile values', () => {
  it.each([['2 constructor 2023'], ['constructor 2, 2023'], ['2 toString 2023']])(
    'refuses %s as a date instead of reading a month from Object.prototype',
    (text) => {
      expect(value(parseDate(text, '2024-06-30'))).toBe(`ERROR: "${text}" is not a date; write it as DD/MM/YYYY, e.g. 16/07/2018`);
    },
  );

  it.each([
    ['a date', () => parseDate(`02/10/2023 ${'x'.repeat(5_000)}`, '2024-01-01')],
    ['an amount', () => parseMoneyToPence(`£${'9'.repeat(5_000)}`)],
    ['an age', () => parseAge(`aged ${'8'.repeat(5_000)}`)],
    ['an outcome', () => parseOutcome(`Pending ${'?'.repeat(5_000)}`)],
  ])('quotes only an excerpt of %s in its reason', (_, parse) => {
    const r = parse();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.length).toBeLessThan(EXCERPT_CHARS + 250);
      expect(r.reason).toContain('…"');
    }
  });

  it('reads an amount padded with thousands of spaces quickly (no quadratic currency match)', () => {
    const padded = `1${' '.repeat(9_998)}5`;
    const started = performance.now();
    for (let i = 0; i < 20; i++) expect(value(parseMoneyToPence(padded))).toBe(1500);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
