import { ageBandOf, canonicalSortCodeAccount, payeeAccountKey } from '@scam/shared';
import { describeRule, dominatedBy, lossMagnitudeWords, statedAmounts } from './dominance.js';
import { lostMoney } from './lost-money.js';
import type { AppealIncident, DisclosureCode, DisclosureFinding } from './types.js';

/** Areas with fewer reports than this are never named: they go into "other parts of the county". */
export const MIN_AREA_REPORTS = 3;

/**
 * Numbers the public is told to call. They look like phone numbers but are never a disclosure.
 * Compared as digits only.
 */
const PUBLIC_NUMBERS = new Set(['101', '999', '159', '03001232040', '08450700707']);

/** Two-letter UK postcode areas. One-letter areas (B, E, M, N…) are matched only from the incidents'
 * own postcode districts, because patterns like M25 or A1 are mostly roads. */
const POSTCODE_AREAS =
  'AB|AL|BA|BB|BD|BH|BL|BN|BR|BS|BT|CA|CB|CF|CH|CM|CO|CR|CT|CV|CW|DA|DD|DE|DG|DH|DL|DN|DT|DY|EC|EH|EN|EX|FK|FY|GL|GU|GY|HA|HD|HG|HP|HR|HS|HU|HX|IG|IM|IP|IV|JE|KA|KT|KW|KY|LA|LD|LE|LL|LN|LS|LU|ME|MK|ML|NE|NG|NN|NP|NR|NW|OL|OX|PA|PE|PH|PL|PO|PR|RG|RH|RM|SA|SE|SG|SK|SL|SM|SN|SO|SP|SR|SS|ST|SW|SY|TA|TD|TF|TN|TQ|TR|TS|TW|UB|WA|WC|WD|WF|WN|WR|WS|WV|YO|ZE';

const FULL_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/g;
const POSTCODE_DISTRICT = new RegExp(`\\b(?:${POSTCODE_AREAS})\\d{1,2}[A-Z]?\\b`, 'g');

const REFERENCE_PATTERNS = [
  /\b[A-Z]{1,5}\/\d{2,4}\/\d{3,}\b/g, // HC/23/40002
  /\b\d{1,4}\/\d{4,}\/\d{2,4}\b/g, // 41/12345/19
  /\b[A-Z]{2,6}\d{6,}[A-Z]?\b/g, // NFRC231000005 (Action Fraud)
];

/** A run of digits that may be a phone number: spaces, brackets, dashes and a leading + allowed. */
const DIGIT_RUN = /\+?\d[\d\s()-]{1,18}\d/g;

/** "account", "a/c no.", "acc number:" before an account number. */
const ACCOUNT_LABEL = String.raw`(?:account|acct|acc|a\/c)(?:\s*(?:number|no\.?|#))?[\s:.]*`;
/** A UK sort code and account number in the usual layouts ("20-00-00 12345678", "200000, a/c 12345678"). */
const SORT_CODE_ACCOUNT = new RegExp(String.raw`\b\d{2}[-\s]?\d{2}[-\s]?\d{2}[\s,;/]*(?:${ACCOUNT_LABEL})?\d{8}\b`, 'gi');
/** A sort code on its own, as it is always written (six bare digits are too common to flag). */
const SORT_CODE = /\b\d{2}-\d{2}-\d{2}\b/g;
/** An account number called one: "account 12345678", "a/c no. 12345678". */
const NAMED_ACCOUNT = new RegExp(String.raw`\b${ACCOUNT_LABEL}\d{6,10}\b`, 'gi');
const IBAN = /\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,3})?\b/g;
/** Cryptocurrency wallet addresses: Bitcoin (bech32 and legacy), Ethereum, Tron. */
const WALLETS = [
  /\b(?:bc1|tb1)[02-9ac-hj-np-z]{25,87}\b/gi,
  /\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\b/g,
  /\b0x[0-9a-fA-F]{40}\b/g,
  /\bT[1-9A-HJ-NP-Za-km-z]{33}\b/g,
];
const BANK_DETAILS: readonly { pattern: RegExp; what: string }[] = [
  { pattern: SORT_CODE_ACCOUNT, what: 'a bank sort code and account number' },
  { pattern: IBAN, what: 'a bank account number (IBAN)' },
  { pattern: NAMED_ACCOUNT, what: 'a bank account number' },
  { pattern: SORT_CODE, what: 'a bank sort code' },
  ...WALLETS.map((pattern) => ({ pattern, what: 'a cryptocurrency wallet address' })),
];

const EXACT_AGE_PATTERNS = [
  /\b\d{1,3}[\s-]*(?:years?|yrs?)[\s-]*old\b/gi,
  // "aged 87", but not the band ranges appeals use ("aged between 60 and 90", "aged 90 or over").
  /\bage[d]?\s+\d{1,3}\b(?!\s*(?:-|–|\+|to\b|and\b|or\b|plus\b))/gi,
];

const TITLE_NAME = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Rev|Sir|Dame|Lord|Lady)\.?\s+[A-Z][A-Za-z'’-]+/g;
const RANK_NAME =
  /\b(?:PC|DC|DS|DI|DCI|DSI|PCSO|Constable|Sergeant|Inspector|Superintendent)\s+(?!(?:Constable|Sergeant|Inspector|Superintendent)\b)[A-Z][a-z'’-]+/g;
/** Forenames common among the people these scams target (and officers quoted in old releases); a forename
 * followed by a capitalised word is treated as a full name. */
const FORENAMES =
  'Alan|Andrew|Ann|Anne|Anthony|Arthur|Barbara|Barry|Betty|Brenda|Brian|Carol|Charles|Christine|Colin|David|Dennis|Derek|Doris|Dorothy|Edward|Elizabeth|Frank|Geoffrey|George|Graham|Harry|Helen|Ian|Irene|Jack|James|Jane|Janet|Jason|Jean|Joan|John|Jon|Joyce|Julie|Karen|Keith|Kenneth|Linda|Margaret|Mary|Maureen|Michael|Patricia|Paul|Pauline|Peter|Raymond|Richard|Robert|Ronald|Roy|Sarah|Sheila|Stephen|Steven|Susan|Sylvia|Thomas|Tony|Trevor|Valerie|William';
const FORENAME_SURNAME = new RegExp(`\\b(?:${FORENAMES})\\s+[A-Z][a-z'’-]+`, 'g');

const STREET_SUFFIXES =
  'Street|Road|Lane|Avenue|Close|Drive|Way|Crescent|Gardens|Grove|Terrace|Mews|Place|Court|Row|Walk|Hill|Rise|Square|Parade|Park|View|Green|Rd|Ave|Ln|St';
const NUMBERED_STREET = new RegExp(`\\b\\d{1,4}[A-Za-z]?,?\\s+(?:[A-Z][a-z'’-]+\\s+){1,3}(?:${STREET_SUFFIXES})\\b`, 'g');
/** Without a house number only the unmistakable suffixes count; "St" must not be followed by a
 * capitalised word, because "St Albans" is a city (Saint), not a street. */
const NAMED_STREET =
  /\b[A-Z][a-z'’-]+\s+(?:Street|Road|Lane|Avenue|Close|Drive|Way|Crescent|Gardens|Grove|Terrace|Mews|Rd|Ave|St(?!\.?\s+[A-Z]))\b/g;

const ONE_PERSON =
  /\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:(?:[A-Z\d][\w'’-]*|elderly|older|young|vulnerable|local|retired|disabled)\s+){0,2}(?:woman|man|lady|gentleman|pensioner|widow|widower|grandmother|grandfather|resident|victim|person|mother|father|OAP)\b/g;
/** "if you are a victim of a scam" speaks to the reader, not about someone. */
const GENERIC_BEFORE = /\b(?:you are|you're|you’re|becoming|become|being|not)\s+$/i;
const SINGULAR_AGE =
  /\bin (?:his|her) (?:early |mid-?|late )?(?:\d0s|teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b/gi;
const SINGULAR_POSSESSIVE = /\b(?:his|her) (?:husband|wife|son|daughter|partner|carer|home|house|savings|bank card|bank account)\b/gi;
const LOSS_WORDS = /£\s?\d|\bpounds\b|\blost\b|\blos(?:e|es|ing)\b|\bconned\b/i;

interface Hit {
  code: DisclosureCode;
  start: number;
  end: number;
  message: string;
}

/**
 * Finds what an appeal must not say about the incidents it describes.
 *
 * Messages say where in words ("Paragraph 2: …", or as `where` names the place) and give a masked form of personal data ("HC/••/•••••") rather than the
 * value itself: warnings are shown only to staff, but they travel with the draft (API responses, saved
 * exports, logs, screenshots sent to the press office), so they must not become a second copy of what
 * they warn about. Area names and the words that describe a single person are quoted in full: they are
 * not personal data on their own, and staff need them to fix the text.
 */
export function checkDisclosure(
  text: string,
  incidents: readonly AppealIncident[],
  where: (offset: number) => string = paragraphOf(text),
): DisclosureFinding[] {
  const hits: Hit[] = [];
  const areas = areaCounts(incidents);
  const areaNames = new Set([...areas.keys()]);
  const add = (code: DisclosureCode, start: number, end: number, message: string): void => {
    if (hits.some((h) => h.code === code && h.start < end && start < h.end)) return;
    hits.push({ code, start, end, message });
  };

  // A regex per reference over the whole text was most of a draft's time with thousands of incidents;
  // one that cannot match (its ASCII text is nowhere in the release, whatever the case) is skipped.
  const lower = text.toLowerCase();
  const absent = (needle: string) => /^[\x20-\x7e]*$/.test(needle) && !lower.includes(needle.toLowerCase());
  for (const ref of new Set(incidents.map((i) => i.reference.trim()).filter((r) => r.length >= 3))) {
    if (absent(ref)) continue;
    for (const m of matchAll(text, wholeWord(ref, 'gi'))) {
      add(
        'reference',
        m.index,
        m.index + m[0].length,
        `the crime reference of one of these incidents ("${mask(m[0])}"). Appeals never quote crime references.`,
      );
    }
  }
  for (const pattern of REFERENCE_PATTERNS) {
    for (const m of matchAll(text, pattern)) {
      add(
        'reference',
        m.index,
        m.index + m[0].length,
        `what looks like a crime reference ("${mask(m[0])}"). Appeals never quote crime references.`,
      );
    }
  }

  const callerDigits = new Set(incidents.map((i) => normalisePhone(i.callerNumber ?? '')).filter((d) => d.length >= 6));
  for (const m of matchAll(text, DIGIT_RUN)) {
    const digits = normalisePhone(m[0]);
    if (PUBLIC_NUMBERS.has(digits)) continue;
    if (callerDigits.has(digits)) {
      add(
        'phone',
        m.index,
        m.index + m[0].length,
        `the caller's number from one of these incidents ("${mask(m[0])}"). Never publish caller numbers.`,
      );
    } else if (/^0\d{9,10}$/.test(digits) || (m[0].startsWith('+') && digits.length >= 8)) {
      add('phone', m.index, m.index + m[0].length, `a phone number that is not 101, 999 or Action Fraud ("${mask(m[0])}").`);
    }
  }

  // Accounts and wallets money was paid into: the set's own in any layout, then anything shaped like one.
  const payees = incidents.map((i) => i.payeeAccount?.trim() ?? '').filter((a) => a.length > 0);
  const payeeKeys = new Set(payees.map((a) => payeeAccountKey(canonicalSortCodeAccount(a) ?? a)));
  const ownPayee = (found: string): boolean => payeeKeys.has(payeeAccountKey(canonicalSortCodeAccount(found) ?? found));
  const ownMessage = (offset: number, found: string) =>
    `the account or wallet money was paid into in one of these incidents ("${mask(found)}"). Appeals never give payee accounts: they can identify the holder and warn the offenders.`;
  for (const payee of new Set(payees)) {
    if (payee.replace(/[^\p{L}\p{N}]/gu, '').length < 6) continue;
    for (const m of matchAll(text, wholeWord(payee, 'gi', true))) add('account', m.index, m.index + m[0].length, ownMessage(m.index, m[0]));
  }
  for (const { pattern, what } of BANK_DETAILS) {
    for (const m of matchAll(text, pattern)) {
      add(
        'account',
        m.index,
        m.index + m[0].length,
        ownPayee(m[0])
          ? ownMessage(m.index, m[0])
          : `what looks like ${what} ("${mask(m[0])}"). Appeals never give bank details or wallet addresses.`,
      );
    }
  }

  for (const m of matchAll(text, FULL_POSTCODE)) {
    add('postcode', m.index, m.index + m[0].length, `a full postcode ("${mask(m[0])}"). Name the town or district instead.`);
  }
  const knownDistricts = new Set(incidents.map((i) => i.postcodeDistrict?.trim() ?? '').filter((d) => d.length > 0));
  const districtPatterns = [POSTCODE_DISTRICT, ...[...knownDistricts].map((d) => wholeWord(d, 'g'))];
  for (const pattern of districtPatterns) {
    for (const m of matchAll(text, pattern)) {
      if (hits.some((h) => h.code === 'postcode' && h.start <= m.index && m.index < h.end)) continue;
      add('postcode', m.index, m.index + m[0].length, `a postcode district ("${mask(m[0])}"). Name the town or district instead.`);
    }
  }

  for (const pattern of EXACT_AGE_PATTERNS) {
    for (const m of matchAll(text, pattern)) {
      const age = Number(/\d+/.exec(m[0])?.[0]);
      add(
        'exact_age',
        m.index,
        m.index + m[0].length,
        `an exact age ("${m[0].replace(/\d/g, '•')}"). Use the age band instead, such as "in their ${decadeWords(age)}".`,
      );
    }
  }

  const surnames = new Set<string>();
  for (const incident of incidents) {
    for (const m of matchAll(incident.summary, TITLE_NAME)) {
      const surname = m[0].split(/\s+/).pop() ?? '';
      if (surname.length >= 2 && !areaNames.has(surname)) surnames.add(surname);
    }
  }
  const namePatterns = [TITLE_NAME, RANK_NAME, FORENAME_SURNAME, ...[...surnames].map((s) => wholeWord(s, 'g'))];
  for (const pattern of namePatterns) {
    for (const m of matchAll(text, pattern)) {
      if (areaNames.has(m[0])) continue;
      add(
        'name',
        m.index,
        m.index + m[0].length,
        `what looks like a person's name ("${mask(m[0])}"). Appeals never name victims, suspects or officers.`,
      );
    }
  }

  for (const pattern of [NUMBERED_STREET, NAMED_STREET]) {
    for (const m of matchAll(text, pattern)) {
      if (areaNames.has(m[0])) continue;
      add('street', m.index, m.index + m[0].length, `what looks like a street address ("${mask(m[0])}"). Name the town or district only.`);
    }
  }

  for (const [name, count] of areas) {
    if (count.reports >= MIN_AREA_REPORTS) continue;
    for (const m of matchAll(withoutLongerNames(text, name, areas), wholeWord(name, 'g'))) {
      add(
        'small_area',
        m.index,
        m.index + m[0].length,
        `"${name}" is named but has only ${count.reports} ${count.reports === 1 ? 'report' : 'reports'}. Fold it into "other parts of the county".`,
      );
    }
  }

  for (const pattern of [ONE_PERSON, SINGULAR_AGE, SINGULAR_POSSESSIVE]) {
    for (const m of matchAll(text, pattern)) {
      if (pattern === ONE_PERSON && GENERIC_BEFORE.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
      add('single_victim', m.index, m.index + m[0].length, `"${m[0]}" describes a single person, who may be identifiable from it.`);
    }
  }
  for (const sentence of sentences(text)) {
    if (!LOSS_WORDS.test(sentence.text)) continue;
    for (const [name, count] of areas) {
      if (count.lost !== 1 || !wholeWord(name, '').test(withoutLongerNames(sentence.text, name, areas))) continue;
      add(
        'single_victim',
        sentence.start,
        sentence.start + sentence.text.length,
        `a loss is tied to "${name}", where only one person lost money, so it describes that person.`,
      );
    }
  }

  // After the single-victim checks: a total that is one person's loss is already theirs to warn about.
  for (const hit of dominatedTotals(text, incidents, areas)) {
    if (hits.some((h) => h.code === 'single_victim' && h.start < hit.sentenceEnd && hit.sentenceStart < h.end)) continue;
    add('loss_dominance', hit.start, hit.end, hit.message);
  }

  const findings: DisclosureFinding[] = hits
    .sort((a, b) => a.start - b.start || a.code.localeCompare(b.code))
    .map(({ code, start, end, message }) => ({ code, message: `${where(start)}: ${message}`, start, end }));

  const lostCount = incidents.filter(lostMoney).length;
  if (incidents.length === 1) {
    findings.push({
      code: 'single_victim',
      message: 'This appeal covers a single incident, so everything it says describes one person.',
    });
  } else if (lostCount === 1 && /£\s?\d|\bpounds\b/.test(text)) {
    findings.push({
      code: 'single_victim',
      message: "Only one person lost money, so the amount quoted is that person's own loss.",
    });
  }
  // With no incidents there is no figure to disclose; the check then covers the text alone.
  if (incidents.length > 0 && incidents.length < MIN_AREA_REPORTS) {
    findings.push({
      code: 'small_numbers',
      message: `Only ${incidents.length} ${incidents.length === 1 ? 'report' : 'reports'}: figures this small can identify the people involved.`,
    });
  }
  return findings;
}

interface DominatedTotal {
  start: number;
  end: number;
  sentenceStart: number;
  sentenceEnd: number;
  message: string;
}

/**
 * Amounts in the text that stand for a total of these incidents' losses which one or two people's losses
 * dominate (see dominance.ts). An amount stands for a total when the total lies in the range its words
 * allow (`statedAmounts`: "more than £70,000" is £70,000 to £80,000). The totals tried are those the
 * text can be talking about: all the incidents' losses, and, when the amount's sentence names areas, each
 * named area's losses and the named areas' together. Any other amount (what a courier asks for, a limit
 * the bank sets) matches none of them and is left alone. A set in which a single person lost money is the
 * single-victim check's concern, so it is not tried here.
 */
function dominatedTotals(text: string, incidents: readonly AppealIncident[], areas: Map<string, AreaCount>): DominatedTotal[] {
  const amounts = statedAmounts(text);
  if (amounts.length === 0 || incidents.length === 0) return [];
  const byArea = incidentsByArea(incidents);
  const found: DominatedTotal[] = [];
  for (const sentence of sentences(text)) {
    const sentenceEnd = sentence.start + sentence.text.length;
    const inSentence = amounts.filter((a) => a.start >= sentence.start && a.start < sentenceEnd);
    if (inSentence.length === 0) continue;
    const named = [...byArea.keys()].filter((name) => wholeWord(name, '').test(withoutLongerNames(sentence.text, name, areas)));
    const sets: { where: string; incidents: readonly AppealIncident[] }[] = [{ where: '', incidents }];
    for (const name of named) sets.push({ where: ` in ${name}`, incidents: byArea.get(name) ?? [] });
    if (named.length > 1) {
      const union = new Set(named.flatMap((name) => byArea.get(name) ?? []));
      sets.push({ where: ` in ${named.join(' and ')}`, incidents: [...union] });
    }
    for (const amount of inSentence) {
      for (const set of sets) {
        const losers = set.incidents.filter(lostMoney);
        if (losers.length < 2) continue;
        const total = losers.reduce((sum, i) => sum + Math.max(0, i.lossPence), 0);
        if (total < amount.low || total > amount.high) continue;
        const rule = dominatedBy(losers.map((i) => i.lossPence));
        if (!rule) continue;
        found.push({
          start: amount.start,
          end: amount.end,
          sentenceStart: sentence.start,
          sentenceEnd,
          message: `"${amount.text}" is the total lost${set.where}, and ${describeRule(rule)}, so anyone who knows one of those losses can work out roughly what the others lost (the dominance rule for published totals). Say "${lossMagnitudeWords(total)}" instead.`,
        });
        break;
      }
    }
  }
  return found;
}

/** The incidents under each area name, at the level `areaCounts` takes the name to mean (the largest). */
function incidentsByArea(incidents: readonly AppealIncident[]): Map<string, AppealIncident[]> {
  const result = new Map<string, AppealIncident[]>();
  const levels: ((i: AppealIncident) => string)[] = [(i) => i.district, (i) => i.place, (i) => i.townRaw];
  for (const level of levels) {
    const groups = new Map<string, AppealIncident[]>();
    for (const incident of incidents) {
      const name = level(incident).trim();
      if (name.length < 3) continue;
      const group = groups.get(name) ?? [];
      group.push(incident);
      groups.set(name, group);
    }
    for (const [name, group] of groups) {
      const known = result.get(name);
      if (!known || group.length > known.length) result.set(name, group);
    }
  }
  return result;
}

/** "Paragraph 3" for an offset, counting blocks separated by a blank line (as the text is read, not as a file is numbered). */
export function paragraphOf(text: string): (offset: number) => string {
  return (offset) => `Paragraph ${text.slice(0, offset).split(/\n\s*\n/).length}`;
}

export interface AreaCount {
  reports: number;
  lost: number;
}

/**
 * Reports and losses per area name, over districts, places and the towns as reported. A name used at
 * more than one level ("Watford" the district and the town) takes its largest count, because that is
 * the area a reader takes it to mean.
 */
export function areaCounts(incidents: readonly AppealIncident[]): Map<string, AreaCount> {
  const result = new Map<string, AreaCount>();
  const levels: ((i: AppealIncident) => string)[] = [(i) => i.district, (i) => i.place, (i) => i.townRaw];
  for (const level of levels) {
    const counts = new Map<string, AreaCount>();
    for (const incident of incidents) {
      const name = level(incident).trim();
      if (name.length < 3) continue;
      const count = counts.get(name) ?? { reports: 0, lost: 0 };
      count.reports += 1;
      if (lostMoney(incident)) count.lost += 1;
      counts.set(name, count);
    }
    for (const [name, count] of counts) {
      const known = result.get(name);
      if (!known || count.reports > known.reports) result.set(name, count);
    }
  }
  return result;
}

/** Hides longer area names that contain `name`, so "Hatfield" is not found inside "Welwyn Hatfield".
 * Offsets are kept. */
function withoutLongerNames(text: string, name: string, areas: Map<string, AreaCount>): string {
  let result = text;
  const longer = [...areas.keys()].filter((other) => other.length > name.length && other.includes(name));
  for (const other of longer.sort((a, b) => b.length - a.length)) {
    result = result.replace(wholeWord(other, 'g'), (m) => ' '.repeat(m.length));
  }
  return result;
}

function sentences(text: string): { text: string; start: number }[] {
  return matchAll(text, /[^.!?\n]+[.!?]*/g).map((m) => ({ text: m[0], start: m.index }));
}

function matchAll(text: string, pattern: RegExp): RegExpExecArray[] {
  const global = pattern.flags.includes('g') ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
  global.lastIndex = 0;
  return [...text.matchAll(global)] as RegExpExecArray[];
}

/** `literal` as a whole word; with `anySpacing`, its spaces match any spacing, or none. */
function wholeWord(literal: string, flags: string, anySpacing = false): RegExp {
  const escaped = literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const spaced = anySpacing ? escaped.replace(/\s+/g, '\\s*') : escaped;
  return new RegExp(`(?<![\\w'’])${spaced}(?![\\w])`, flags);
}

function normalisePhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  return raw.trim().startsWith('+44') ? `0${digits.slice(2)}` : digits;
}

/** Keeps the first character or two so staff can find the value; hides the rest. */
function mask(value: string): string {
  const keep = value.replace(/[^A-Za-z0-9]/g, '').length <= 4 ? 1 : 2;
  let seen = 0;
  return [...value]
    .map((ch) => {
      if (!/[A-Za-z0-9]/.test(ch)) return ch;
      seen += 1;
      return seen <= keep ? ch : '•';
    })
    .join('');
}

function decadeWords(age: number): string {
  const band = ageBandOf(Number.isFinite(age) ? age : null);
  if (band === '90+') return '90s';
  if (band === 'under 18') return 'teens';
  if (band === '18-29') return '20s';
  return band === 'unknown' ? '…s' : `${band.slice(0, 2)}s`;
}
