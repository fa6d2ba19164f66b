import type { ColumnMapping, ImportField } from '@scam/shared';
import { IMPORT_FIELDS } from '@scam/shared';
import { quoted, stripHidden, toNfc } from './cell-text.js';
import { IngestFileError } from './errors.js';

export const REQUIRED_FIELDS: readonly ImportField[] = ['reference', 'offenceDate', 'town', 'method'];

/** What each field is called in messages, and the headers a clerk could use for it. */
const FIELD_LABELS: Record<ImportField, string> = {
  reference: 'reference (e.g. "Reference", "Crime Ref", "URN")',
  offenceDate: 'offence date (e.g. "Date", "Offence Date", "Committed From")',
  offenceDateTo: 'last possible offence date (e.g. "Committed To")',
  reportDate: 'report date (e.g. "Date Reported")',
  town: 'town (e.g. "Town", "Victim Location")',
  method: 'method (e.g. "Method", "Offence Type", "Scam Type")',
  loss: 'loss (e.g. "Loss (£)", "Amount Lost")',
  outcome: 'outcome (e.g. "Outcome", "Status")',
  age: 'age (e.g. "Victim age", "Age Band")',
  summary: 'summary (e.g. "Notes", "MO Summary")',
  impersonated: 'impersonated (e.g. "Posing As")',
  channel: 'channel (e.g. "Payment Method")',
  postcodeDistrict: 'postcode district (e.g. "Postcode District")',
  callerNumber: 'caller number (e.g. "Caller Number", "Tel No Used", "Suspect Tel")',
  payeeAccount: 'payee account (e.g. "Payee Account", "Beneficiary Account", "Sort Code / Account", "Wallet")',
};

/**
 * Headers are compared after lower-casing and dropping everything but letters and digits, so
 * "Loss (£)", "LOSS" and "loss" are one key. Strong synonyms name the field outright; weak ones
 * ("Date", "Value", "Status") are generic words that only claim a field no strong header has claimed.
 */
const STRONG: Record<ImportField, string[]> = {
  reference: [
    'reference',
    'ref',
    'refno',
    'referencenumber',
    'referenceno',
    'crimeref',
    'crimereference',
    'crimereferencenumber',
    'crimeno',
    'crimenumber',
    'crimerefno',
    'urn',
    'nfibreference',
    'nfibref',
    'nfibno',
    'nfibnumber',
    'incidentref',
    'incidentreference',
    'incidentnumber',
    'incidentno',
    'occurrencenumber',
    'occurrenceref',
    'occurrencereference',
    'caseref',
    'casereference',
    'casenumber',
    'caseno',
    'crn',
    'crimeid',
    'crimereportnumber',
    'reportnumber',
    'reportreference',
  ],
  offenceDate: [
    'offencedate',
    'dateofoffence',
    'offensedate',
    'dateofoffense',
    'dateofincident',
    'incidentdate',
    'dateofcrime',
    'crimedate',
    'datecommitted',
    'committeddate',
    'dateoccurred',
    'occurreddate',
    'occurrencedate',
    'offencedatetime',
    'offencestartdate',
    'dateoffraud',
    'frauddate',
    'dateofcall',
    'calldate',
    'eventdate',
    // Record systems give a range when the day is not known: the first possible day is the offence date.
    'committedfrom',
    'datecommittedfrom',
    'committedfromdate',
    'offencefrom',
    'offencedatefrom',
    'offencestart',
  ],
  offenceDateTo: ['committedto', 'datecommittedto', 'committedtodate', 'offenceto', 'offencedateto', 'offenceend', 'offenceenddate'],
  reportDate: [
    'datereported',
    'reporteddate',
    'reportdate',
    'dateofreport',
    'reportedon',
    'daterecorded',
    'recordeddate',
    'datereceived',
    'receiveddate',
    'reportingdate',
  ],
  town: [
    'town',
    'victimtown',
    'towncity',
    'city',
    'citytown',
    'townvillage',
    'location',
    'victimlocation',
    'place',
    'locality',
    'victimtowncity',
    'offencelocation',
    'incidentlocation',
    'villagetown',
    'townname',
    'placename',
    'victimstown',
    'victimaddresstown',
    'addresstown',
    'posttown',
  ],
  method: [
    'method',
    'mo',
    'mooffence',
    'offencemo',
    'offencetype',
    'scamtype',
    'fraudtype',
    'crimetype',
    'typeofscam',
    'typeoffraud',
    'typeofoffence',
    'scamcategory',
    'fraudcategory',
    'offencecategory',
    'modusoperandi',
    'methodtype',
    'offence',
    'scam',
    'scammethod',
    'fraudmethod',
    'crimecategory',
    'offencedescription',
    'offencedesc',
    'crimedescription',
  ],
  loss: [
    'loss',
    'lossamount',
    'amountlost',
    'lossvalue',
    'valuelost',
    'moneylost',
    'totalloss',
    'financialloss',
    'lossgbp',
    'amountlostgbp',
    'lossamountgbp',
    'lostamount',
    'sumlost',
    'amountofloss',
    'victimloss',
  ],
  outcome: ['outcome', 'result', 'lossstatus', 'outcomestatus', 'attemptorloss', 'lossorattempt', 'finaloutcome'],
  age: [
    'age',
    'victimage',
    'ageband',
    'victimageband',
    'agerange',
    'victimagerange',
    'ageofvictim',
    'agegroup',
    'victimagegroup',
    'victimsage',
    'agebracket',
  ],
  summary: [
    'summary',
    'details',
    'notes',
    'mosummary',
    'description',
    'narrative',
    'comments',
    'comment',
    'incidentsummary',
    'circumstances',
    'synopsis',
    'modetails',
    'modescription',
    'remarks',
    'briefdetails',
    'offencesummary',
    'crimesummary',
    'freetext',
    'note',
    'monotes',
    'modusoperandinotes',
  ],
  impersonated: [
    'impersonating',
    'impersonated',
    'impersonation',
    'posingas',
    'posedas',
    'claimedtobe',
    'callerclaimedtobe',
    'pretendingtobe',
    'impersonatedorganisation',
    'impersonatedparty',
    'suspectclaimedtobe',
    'callerposingas',
  ],
  channel: [
    'paymentmethod',
    'collectionmethod',
    'channel',
    'paymenttype',
    'methodofpayment',
    'paymentchannel',
    'howpaid',
    'lossmethod',
    'collection',
    'paidby',
    'whatwastaken',
    'paymentmode',
    'lossthrough',
  ],
  postcodeDistrict: [
    'postcodedistrict',
    'victimpostcodedistrict',
    'postcode',
    'victimpostcode',
    'pcd',
    'postcodearea',
    'outwardcode',
    'postcodeoutward',
    'postcodesector',
  ],
  callerNumber: [
    'callernumber',
    'telephonenumberused',
    'callerphonenumber',
    'callertelephone',
    'callertelephonenumber',
    'numberused',
    'phonenumberused',
    'callerno',
    'callerid',
    'cli',
    'offendernumber',
    'suspectnumber',
    'suspecttelephone',
    'suspectphonenumber',
    'offendertelephone',
    'telephonenumber',
    'phonenumber',
    'numbercalledfrom',
    'incomingnumber',
    // Record-system and Action Fraud exports abbreviate: "Tel No Used", "Suspect Tel", "Offender Mobile".
    'telnoused',
    'telnumberused',
    'telephonenoused',
    'phonenoused',
    'mobilenoused',
    'mobilenumberused',
    'telused',
    'phoneused',
    'suspecttel',
    'suspecttelno',
    'suspecttelnumber',
    'suspecttelephoneno',
    'suspecttelephonenumber',
    'suspectphone',
    'suspectphoneno',
    'suspectmobile',
    'suspectmobileno',
    'suspectmobilenumber',
    'offendertel',
    'offendertelno',
    'offendertelephoneno',
    'offendertelephonenumber',
    'offenderphone',
    'offenderphoneno',
    'offenderphonenumber',
    'offendermobile',
    'offendermobilenumber',
    'offendernumberused',
    'callertel',
    'callertelno',
    'callerphone',
    'callersnumber',
    'callingnumber',
    'numberusedbysuspect',
    'numberusedbyoffender',
  ],
  payeeAccount: [
    'payeeaccount',
    'payeeaccountnumber',
    'payeeaccountdetails',
    'payee',
    'payeedetails',
    'beneficiaryaccount',
    'beneficiaryaccountnumber',
    'beneficiarydetails',
    'beneficiary',
    'accountnumber',
    'accountno',
    'sortcodeandaccount',
    'sortcodeandaccountnumber',
    'sortcodeaccount',
    'sortcodeaccountnumber',
    'sortcodeandaccountno',
    'sortcodeaccountno',
    'receivingaccount',
    'recipientaccount',
    'destinationaccount',
    'accountpaidto',
    'accountpaidinto',
    'paidto',
    'paidinto',
    'muleaccount',
    'suspectaccount',
    'offenderaccount',
    'wallet',
    'walletaddress',
    'cryptowallet',
    'cryptowalletaddress',
    'cryptoaddress',
    'bitcoinwallet',
    'bitcoinaddress',
    // "Sort Code / Account" is `sortcodeaccount` above; these are the beneficiary, suspect and offender forms.
    'beneficiaryaccountno',
    'beneficiaryaccountdetails',
    'beneficiarybankaccount',
    'beneficiarybankdetails',
    'beneficiarysortcodeaccount',
    'beneficiarysortcodeandaccount',
    'beneficiarysortcodeaccountnumber',
    'payeebankdetails',
    'payeebankaccount',
    'payeesortcodeaccount',
    'payeesortcodeandaccount',
    'suspectaccountnumber',
    'suspectaccountno',
    'suspectbankaccount',
    'suspectbankdetails',
    'suspectsortcodeaccount',
    'offenderaccountnumber',
    'offenderaccountno',
    'offenderbankaccount',
    'offenderbankdetails',
    'receivingaccountnumber',
    'recipientaccountnumber',
    'muleaccountnumber',
    'accountpaid',
    'accountmoneysentto',
    'moneysentto',
  ],
};

const WEAK: Partial<Record<ImportField, string[]>> = {
  offenceDate: ['date', 'datetime', 'when'],
  loss: ['value', 'amount', 'gbp', 'sum'],
  outcome: ['status', 'state'],
  method: ['type', 'category'],
  reference: ['id'],
};

function buildLookup(table: Partial<Record<ImportField, string[]>>): Map<string, ImportField> {
  const map = new Map<string, ImportField>();
  for (const field of IMPORT_FIELDS) for (const key of table[field] ?? []) map.set(key, field);
  return map;
}
const STRONG_LOOKUP = buildLookup(STRONG);
const WEAK_LOOKUP = buildLookup(WEAK);

const NON_ALNUM = /[^a-z0-9]+/g;
const PARENTHESISED = /\([^)]*\)|\[[^\]]*\]/g;
const VICTIM_PREFIX = /^victims?/;

function headerKey(header: string): string {
  return header.toLowerCase().replace(NON_ALNUM, '');
}

/** A victim's own account is not where the money went: "Victim Account Number" is not the payee. */
const NOT_THE_VICTIMS: ReadonlySet<ImportField> = new Set(['payeeAccount']);

/** Tries the header as written, then without a bracketed unit ("Date (dd/mm/yyyy)"), then without "Victim". */
function keysFor(header: string): { key: string; victim: boolean }[] {
  const whole = headerKey(header);
  const unbracketed = headerKey(header.replace(PARENTHESISED, ' '));
  const keys = [whole, unbracketed].map((key) => ({ key, victim: false }));
  for (const k of [whole, unbracketed]) if (VICTIM_PREFIX.test(k)) keys.push({ key: k.replace(VICTIM_PREFIX, ''), victim: true });
  return keys.filter((k) => k.key !== '');
}

function lookup(header: string, table: Map<string, ImportField>): ImportField | null {
  for (const { key, victim } of keysFor(header)) {
    const field = table.get(key);
    if (field && !(victim && NOT_THE_VICTIMS.has(field))) return field;
  }
  return null;
}

const IGNORE = new Set(['', 'ignore']);
const FIELD_SET: ReadonlySet<string> = new Set(IMPORT_FIELDS);

function isImportField(value: string): value is ImportField {
  return FIELD_SET.has(value);
}

/** How many names a refusal lists before "and N more"; a header may have hundreds of columns. */
const LISTED_NAMES = 10;

function quoteList(items: string[]): string {
  const shown = items.slice(0, LISTED_NAMES).map(quoted).join(', ');
  return items.length > LISTED_NAMES ? `${shown} and ${items.length - LISTED_NAMES} more` : shown;
}

function fieldOrIgnore(raw: string): ImportField | 'ignore' | undefined {
  const field = raw.trim();
  if (IGNORE.has(field.toLowerCase())) return 'ignore';
  return isImportField(field) ? field : undefined;
}

/**
 * The part of a remembered mapping that still applies beside what was chosen now: entries for headers the
 * file has, with a known field, for a header and a field `explicit` does not already set. What was chosen
 * now wins; a remembered entry never makes a file fail.
 */
function applicableRemembered(
  headers: string[],
  explicit: Record<string, string>,
  remembered: Record<string, string>,
): Record<string, string> {
  const chosenHeaders = new Set(Object.keys(explicit).map((h) => h.trim().toLowerCase()));
  const chosenFields = new Set(Object.values(explicit).map(fieldOrIgnore));
  const present = new Set(headers);
  const out: Record<string, string> = {};
  for (const [header, raw] of Object.entries(remembered)) {
    const field = fieldOrIgnore(raw);
    if (field === undefined || !present.has(header) || chosenHeaders.has(header.trim().toLowerCase())) continue;
    if (field !== 'ignore' && chosenFields.has(field)) continue;
    out[header] = field;
  }
  return out;
}

/**
 * Maps each header to an import field. `explicit` ({ header: field }, field "" or "ignore" to drop a column)
 * overrides the synonyms for the headers it names; `remembered` (a mapping confirmed by hand for this
 * header line before) applies where `explicit` says nothing; every other header is matched automatically.
 */
export function mapHeaders(headers: string[], explicit: Record<string, string> = {}, remembered?: Record<string, string>): ColumnMapping[] {
  if (remembered) {
    const kept = applicableRemembered(headers, explicit, remembered);
    const mapping = mapHeaders(headers, { ...kept, ...explicit });
    return mapping.map((m) => (Object.hasOwn(kept, m.header) && m.source !== 'auto' ? { ...m, source: 'remembered' } : m));
  }
  const explicitByIndex = new Map<number, ImportField | null>();
  const unknownHeaders: string[] = [];
  const unknownFields: string[] = [];
  for (const [header, rawField] of Object.entries(explicit)) {
    let index = headers.indexOf(header);
    if (index === -1) {
      // Headers from parseCsv are NFC with hidden characters removed; a name typed for the mapping is read the same way.
      const wanted = stripHidden(toNfc(header)).trim().toLowerCase();
      index = headers.findIndex((h) => h.trim().toLowerCase() === wanted);
    }
    if (index === -1) unknownHeaders.push(header);
    const field = rawField.trim();
    let target: ImportField | null = null;
    if (!IGNORE.has(field.toLowerCase())) {
      if (isImportField(field)) target = field;
      else unknownFields.push(rawField);
    }
    if (index !== -1) explicitByIndex.set(index, target);
  }
  const problems: string[] = [];
  if (unknownHeaders.length > 0) {
    problems.push(`no column called ${quoteList(unknownHeaders)} in this file (its columns are ${quoteList(headers)})`);
  }
  if (unknownFields.length > 0) {
    problems.push(`unknown field ${quoteList(unknownFields)}; fields are ${IMPORT_FIELDS.join(', ')} or "ignore"`);
  }
  const explicitFields = new Map<ImportField, number>();
  for (const [index, field] of explicitByIndex) {
    if (field === null) continue;
    const other = explicitFields.get(field);
    if (other !== undefined) {
      problems.push(`${quoted(headers[other] ?? '')} and ${quoted(headers[index] ?? '')} are both mapped to ${field}`);
    } else {
      explicitFields.set(field, index);
    }
  }
  if (problems.length > 0) throw new IngestFileError('bad_mapping', `column mapping refused: ${problems.join('; ')}`);

  const mapping: ColumnMapping[] = headers.map((header, index) => {
    const forced = explicitByIndex.get(index);
    if (forced !== undefined) return { header, field: forced, source: forced === null ? 'none' : 'explicit' };
    return { header, field: null, source: 'none' };
  });
  const taken = new Set<ImportField>(explicitFields.keys());
  for (const table of [STRONG_LOOKUP, WEAK_LOOKUP]) {
    headers.forEach((header, index) => {
      const m = mapping[index];
      if (!m || explicitByIndex.has(index) || m.field !== null) return;
      const field = lookup(header, table);
      // A second header for a field already taken stays unmapped rather than silently overwriting the first.
      if (field && !taken.has(field)) {
        taken.add(field);
        mapping[index] = { header, field, source: 'auto' };
      }
    });
  }

  if (taken.size === 0) {
    const shown = headers.slice(0, 4).map(quoted).join(', ');
    throw new IngestFileError(
      'no_header',
      `the first line (${shown}${headers.length > 4 ? ', …' : ''}) is not a recognisable header; ` +
        'expected column names such as Reference, Date, Town, Method, Loss, Outcome',
    );
  }
  const missing = REQUIRED_FIELDS.filter((f) => !taken.has(f));
  if (missing.length > 0) {
    throw new IngestFileError(
      'missing_columns',
      `required column${missing.length > 1 ? 's' : ''} missing: ${missing.map((f) => FIELD_LABELS[f]).join('; ')}`,
    );
  }
  return mapping;
}

/** The header line of the force's own weekly return, as its record system writes it. */
export const FORCE_RETURN_HEADER = 'Reference,Date,Town,Method,Loss (£),Victim age,Outcome,Notes';
