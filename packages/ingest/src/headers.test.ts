import { describe, expect, it } from 'vitest';
import { IngestFileError, mapHeaders, REQUIRED_FIELDS } from './index.js';

function fieldsOf(headers: string[], explicit?: Record<string, string>) {
  return Object.fromEntries(mapHeaders(headers, explicit).map((m) => [m.header, m.field]));
}

function refusal(headers: string[], explicit?: Record<string, string>): IngestFileError {
  try {
    mapHeaders(headers, explicit);
  } catch (err) {
    if (err instanceof IngestFileError) return err;
    throw err;
  }
  throw new Error('expected the mapping to be refused');
}

describe('mapHeaders', () => {
  it('maps the force weekly return layout', () => {
    expect(fieldsOf(['Reference', 'Date', 'Town', 'Method', 'Loss (£)', 'Victim age', 'Outcome', 'Notes'])).toEqual({
      Reference: 'reference',
      Date: 'offenceDate',
      Town: 'town',
      Method: 'method',
      'Loss (£)': 'loss',
      'Victim age': 'age',
      Outcome: 'outcome',
      Notes: 'summary',
    });
  });

  it('maps the NFIB layout', () => {
    expect(
      fieldsOf([
        'NFIB Reference',
        'Date of Offence',
        'Date Reported',
        'Victim Town',
        'Victim Postcode District',
        'Fraud Type',
        'Amount Lost',
        'Victim Age Band',
        'Status',
        'MO Summary',
      ]),
    ).toEqual({
      'NFIB Reference': 'reference',
      'Date of Offence': 'offenceDate',
      'Date Reported': 'reportDate',
      'Victim Town': 'town',
      'Victim Postcode District': 'postcodeDistrict',
      'Fraud Type': 'method',
      'Amount Lost': 'loss',
      'Victim Age Band': 'age',
      Status: 'outcome',
      'MO Summary': 'summary',
    });
  });

  it('maps other plausible returns, whatever the case and punctuation', () => {
    expect(
      fieldsOf([
        'CRIME REF',
        'Offence Date',
        'Reported Date',
        'Town/City',
        'MO / Offence',
        'Loss Amount',
        'Result',
        'Details',
        'Telephone Number Used',
        'Postcode District',
        'Posing As',
        'Payment Method',
        'Age',
      ]),
    ).toEqual({
      'CRIME REF': 'reference',
      'Offence Date': 'offenceDate',
      'Reported Date': 'reportDate',
      'Town/City': 'town',
      'MO / Offence': 'method',
      'Loss Amount': 'loss',
      Result: 'outcome',
      Details: 'summary',
      'Telephone Number Used': 'callerNumber',
      'Postcode District': 'postcodeDistrict',
      'Posing As': 'impersonated',
      'Payment Method': 'channel',
      Age: 'age',
    });
    expect(
      fieldsOf([
        'URN',
        'Date of Incident',
        'Victim Location',
        'Scam Type',
        'Value',
        'Summary',
        'Caller Number',
        'Impersonating',
        'Collection Method',
        'Age Band',
      ]),
    ).toEqual({
      URN: 'reference',
      'Date of Incident': 'offenceDate',
      'Victim Location': 'town',
      'Scam Type': 'method',
      Value: 'loss',
      Summary: 'summary',
      'Caller Number': 'callerNumber',
      Impersonating: 'impersonated',
      'Collection Method': 'channel',
      'Age Band': 'age',
    });
    expect(fieldsOf(['Crime No', 'Date', 'Location', 'Offence Type'])).toMatchObject({
      'Crime No': 'reference',
      Location: 'town',
      'Offence Type': 'method',
    });
    expect(fieldsOf(['Crime Reference', 'Date', 'Town', 'Method'])['Crime Reference']).toBe('reference');
  });

  it.each([
    'Payee Account',
    'Beneficiary Account',
    'Account Number',
    'Sort Code and Account',
    'Sort code & account no.',
    'Wallet',
    'Crypto Wallet',
    'Receiving Account',
    'Payee',
  ])('maps "%s" to the payee account', (header) => {
    expect(fieldsOf(['Reference', 'Date', 'Town', 'Method', 'Caller Number', header])).toMatchObject({
      'Caller Number': 'callerNumber',
      [header]: 'payeeAccount',
    });
  });

  it.each(['Tel No Used', 'Tel. No. Used', 'Suspect Tel', 'Suspect Tel No', 'Offender Number', 'Offender Mobile', 'Suspect Phone No.'])(
    'maps "%s", as record-system exports write it, to the caller number',
    (header) => {
      expect(fieldsOf(['Occurrence Number', 'Committed From', 'Town/Village', 'Offence Description', header])).toMatchObject({
        [header]: 'callerNumber',
      });
    },
  );

  it.each([
    'Beneficiary Account',
    'Beneficiary Account No',
    'Sort Code / Account',
    'Beneficiary Sort Code / Account',
    'Suspect Bank Account',
  ])('maps "%s", as record-system exports write it, to the payee account', (header) => {
    expect(fieldsOf(['Occurrence Number', 'Committed From', 'Town/Village', 'Offence Description', 'Tel No Used', header])).toMatchObject({
      'Tel No Used': 'callerNumber',
      [header]: 'payeeAccount',
    });
  });

  it("does not take the victim's own telephone number for the caller's", () => {
    expect(fieldsOf(['Reference', 'Date', 'Town', 'Method', 'Victim Tel No'])['Victim Tel No']).toBeNull();
  });

  it("never takes the victim's own account for the payee", () => {
    expect(fieldsOf(['Reference', 'Date', 'Victim Town', 'Method', 'Victim Account Number'])['Victim Account Number']).toBeNull();
  });

  it('lets a specific date header beat a lone "Date" column', () => {
    expect(fieldsOf(['Ref', 'Date', 'Offence Date', 'Town', 'Method'])).toMatchObject({ Date: null, 'Offence Date': 'offenceDate' });
  });

  it('keeps the first of two headers for the same field and leaves the second unmapped', () => {
    const m = mapHeaders(['Reference', 'Date', 'Town', 'Location', 'Method']);
    expect(m[3]).toEqual({ header: 'Location', field: null, source: 'none' });
    expect(m[2]).toEqual({ header: 'Town', field: 'town', source: 'auto' });
  });

  it('lets an explicit mapping override the synonyms, including dropping a column', () => {
    const m = mapHeaders(['Ref', 'When', 'Where', 'What', 'Notes', 'Extra'], {
      When: 'offenceDate',
      Where: 'town',
      What: 'method',
      Notes: 'ignore',
    });
    expect(m).toEqual([
      { header: 'Ref', field: 'reference', source: 'auto' },
      { header: 'When', field: 'offenceDate', source: 'explicit' },
      { header: 'Where', field: 'town', source: 'explicit' },
      { header: 'What', field: 'method', source: 'explicit' },
      { header: 'Notes', field: null, source: 'none' },
      { header: 'Extra', field: null, source: 'none' },
    ]);
  });

  it('gives a field mapped explicitly to that header, not to the auto-matched one', () => {
    const m = mapHeaders(['Reference', 'Date', 'Town', 'Method', 'Station'], { Station: 'town' });
    expect(m.find((c) => c.field === 'town')?.header).toBe('Station');
    expect(m.find((c) => c.header === 'Town')?.field).toBeNull();
  });

  it('refuses a mapping naming an unknown header or field', () => {
    const err = refusal(['Reference', 'Date', 'Town', 'Method'], { Twon: 'town', Method: 'modus' });
    expect(err.code).toBe('bad_mapping');
    expect(err.message).toContain('"Twon"');
    expect(err.message).toContain('"modus"');
  });

  it('refuses a header line with nothing recognisable', () => {
    expect(refusal(['HC/23/40002', '02/10/2023', 'Hatfield']).code).toBe('no_header');
  });

  it('names every required column that is missing', () => {
    const err = refusal(['Reference', 'Loss', 'Notes']);
    expect(err.code).toBe('missing_columns');
    expect(err.message).toContain('offence date');
    expect(err.message).toContain('town');
    expect(err.message).toContain('method');
    expect(err.message).not.toContain('reference (');
    expect(REQUIRED_FIELDS).toEqual(['reference', 'offenceDate', 'town', 'method']);
  });

  it('quotes only excerpts of the names in a refused mapping and lists at most ten columns', () => {
    const headers = ['Reference', 'Date', 'Town', 'Method', ...Array.from({ length: 26 }, (_, i) => `Extra ${i + 1}`)];
    const typed = `Town of offence ${'(see notes) '.repeat(400)}`;
    const err = refusal(headers, { [typed]: 'town', Method: `method ${'x'.repeat(5_000)}` });
    expect(err.code).toBe('bad_mapping');
    expect(err.message).toContain(`no column called "${typed.slice(0, 60)}…" in this file`);
    expect(err.message).toContain('"Extra 6" and 20 more)');
    expect(err.message).not.toContain('"Extra 7"');
    expect(err.message.length).toBeLessThan(800);
  });

  it('quotes only an excerpt of each column name when no header is recognisable', () => {
    const err = refusal([`HC/23/40002 ${'z'.repeat(150)}`, '02/10/2023', 'Hatfield']);
    expect(err.code).toBe('no_header');
    expect(err.message).toContain(`("HC/23/40002 ${'z'.repeat(48)}…", "02/10/2023", "Hatfield")`);
  });

  it('finds a header named in a mapping typed with a decomposed accent or a zero-width space', () => {
    const headers = ['Reference', 'Date', 'Localit\u00e9', 'Method', 'Notes'];
    expect(fieldsOf(headers, { 'Localite\u0301': 'town' })['Localit\u00e9']).toBe('town');
    expect(fieldsOf(headers, { 'Localit\u00e9\u200b': 'town' })['Localit\u00e9']).toBe('town');
  });
});
