import type { Channel, Impersonated, Method } from '@scam/shared';

export interface MethodClassification {
  method: Method;
  /** Which rule decided, e.g. `keyword:courier`, so an analyst can audit a surprising code. */
  rule: string;
}

/**
 * First match wins, so the order carries meaning: "Courier fraud (bank impersonation)" is courier fraud,
 * and police impersonation counts as courier fraud because the police story ends with a courier collection.
 */
const METHOD_RULES: readonly { pattern: RegExp; method: Method; rule: string }[] = [
  { pattern: /courier|\btaxi\b/, method: 'courier', rule: 'keyword:courier' },
  { pattern: /romance|dating|\blove\b/, method: 'romance', rule: 'keyword:romance' },
  { pattern: /invest|trading|\bshares\b|\bbonds?\b|\bpension\b/, method: 'investment', rule: 'keyword:investment' },
  { pattern: /\bhmrc\b|\btax\b|inland revenue/, method: 'hmrc', rule: 'keyword:hmrc' },
  {
    pattern: /computer|software|broadband|\bbt\b|tech(?:nical)? support|remote access|microsoft|internet|\bwi-?fi\b/,
    method: 'tech_support',
    rule: 'keyword:tech support',
  },
  { pattern: /safe account/, method: 'bank_impersonation', rule: 'keyword:safe account' },
  { pattern: /\bbank\b|\bbanking\b/, method: 'bank_impersonation', rule: 'keyword:bank impersonation' },
  { pattern: /\bpolice\b|\bofficer\b|\bdetective\b/, method: 'courier', rule: 'keyword:police impersonation' },
  { pattern: /\bother\b/, method: 'other', rule: 'keyword:other' },
];

const DEFAULT_METHOD: MethodClassification = { method: 'other', rule: 'default:other' };

/** Maps method wording to a method code; unrecognised wording is `other` by rule `default:other`, not an error. */
export function classifyMethod(text: string): MethodClassification {
  const s = text.toLowerCase();
  for (const r of METHOD_RULES) if (r.pattern.test(s)) return { method: r.method, rule: r.rule };
  return DEFAULT_METHOD;
}

const TELECOM =
  /\bbt\b|broadband|openreach|virgin media|talktalk|\bsky\b|vodafone|\bo2\b|internet (?:provider|company)|phone (?:company|provider)|telecom/;

const IMPERSONATION_RULES: readonly { pattern: RegExp; value: Impersonated }[] = [
  { pattern: /\bpolice\b|\bofficers?\b|\bdetectives?\b|\b101\b|scotland yard|fraud squad/, value: 'police' },
  { pattern: /\bhmrc\b|\btax\b|inland revenue/, value: 'hmrc' },
  {
    pattern:
      /safe account|bank\W+impersonat|impersonat\w*\W+(?:\w+\W+)?bank\b|(?:from|posing as|pretend\w* to be|claim\w* to be(?: from)?)\s+(?:the |their |her |his |your )?bank\b|\bbank (?:staff|official|employee|security|fraud)/,
    value: 'bank',
  },
  { pattern: TELECOM, value: 'telecom' },
  { pattern: /microsoft|amazon|apple|\bdwp\b|council|\bnhs\b|energy supplier|utility|solicitor|\bcourt\b/, value: 'other' },
];

/** What a value in an explicit "Posing As" column means; the column is about who, so a bare "Bank" is enough. */
const IMPERSONATION_COLUMN_RULES: readonly { pattern: RegExp; value: Impersonated }[] = [
  { pattern: /police|officer|detective|\b101\b/, value: 'police' },
  { pattern: /\bhmrc\b|\btax\b|revenue/, value: 'hmrc' },
  { pattern: /bank|building society/, value: 'bank' },
  { pattern: TELECOM, value: 'telecom' },
];
const UNKNOWN_WORDS = /^(?:|unknown|not known|n\/?k|none|n\/?a|-|\?)$/;

function firstMatch<T>(text: string, rules: readonly { pattern: RegExp; value: T }[]): T | null {
  for (const r of rules) if (r.pattern.test(text)) return r.value;
  return null;
}

/**
 * Who the caller claimed to be: an explicit column wins; otherwise the method wording (which names the
 * impersonation on both sample layouts), then the summary, then what the method code implies.
 * A filled-in column naming someone outside the vocabulary (e.g. "Amazon") is `other`.
 */
export function deriveImpersonated(methodRaw: string, summary: string, column?: string | null): Impersonated {
  const col = (column ?? '').trim().toLowerCase();
  if (!UNKNOWN_WORDS.test(col)) {
    if (col === 'other') return 'other';
    return firstMatch(col, IMPERSONATION_COLUMN_RULES) ?? 'other';
  }
  const method = methodRaw.toLowerCase();
  const fromText = firstMatch(method, IMPERSONATION_RULES) ?? firstMatch(summary.toLowerCase(), IMPERSONATION_RULES);
  if (fromText) return fromText;
  const code = classifyMethod(methodRaw).method;
  if (code === 'bank_impersonation') return 'bank';
  if (code === 'hmrc') return 'hmrc';
  return 'unknown';
}

/** Most specific first: "withdrew cash to buy gold" is goods, "gift cards" are vouchers, not bank cards. */
const CHANNEL_RULES: readonly { pattern: RegExp; value: Channel }[] = [
  { pattern: /remote (?:access|desktop|control)|anydesk|teamviewer|logmein|quick ?support|screen ?shar/, value: 'remote_access' },
  { pattern: /bitcoin|crypto|\bbtc\b|ethereum|\busdt\b|tether/, value: 'crypto' },
  {
    pattern:
      /gift ?cards?|vouchers?|itunes|apple cards?|google play|steam (?:cards?|wallet)|amazon (?:cards?|vouchers?)|paysafe|read (?:out )?(?:the )?codes/,
    value: 'vouchers',
  },
  { pattern: /foreign currency|\beuros?\b|\bdollars?\b|currency exchange|bureau de change/, value: 'foreign_currency' },
  { pattern: /\bwatch(?:es)?\b|rolex|\bgold\b|bullion|jewell?e?ry|designer|luxury|\bgoods\b|handbags?/, value: 'goods' },
  {
    pattern:
      /\b(?:bank|debit|credit) ?cards?\b|\bcards? (?:and|&) pin|\bcards? (?:in|into) (?:an? )?envelope|\bpin (?:number|code)s?\b|\bcards? (?:were |was )?collected/,
    value: 'bank_card',
  },
  {
    pattern:
      /safe account|bank transfer|\btransferr?(?:ed|ing)?\b|move (?:savings|money|funds)|faster payments?|online banking|\bchaps\b|\bbacs\b/,
    value: 'bank_transfer',
  },
  { pattern: /\bcash\b|withdr[ae]wn?\b|withdrawal|withdraw/, value: 'cash' },
];

/** Column words that map straight to a channel without a sentence around them. */
const CHANNEL_COLUMN_RULES: readonly { pattern: RegExp; value: Channel }[] = [
  ...CHANNEL_RULES,
  { pattern: /\bcards?\b/, value: 'bank_card' },
  { pattern: /transfer|online|bank/, value: 'bank_transfer' },
];

/**
 * How money or goods left the victim: an explicit column wins when it says something we recognise; then the
 * summary (it describes what was handed over), then the method wording; a safe-account scam is a transfer by
 * definition. Otherwise `unknown`: guessing a channel would distort the channel breakdown.
 */
export function deriveChannel(methodRaw: string, summary: string, column?: string | null): Channel {
  const col = (column ?? '').trim().toLowerCase();
  if (!UNKNOWN_WORDS.test(col)) {
    const fromColumn = firstMatch(col, CHANNEL_COLUMN_RULES);
    if (fromColumn) return fromColumn;
  }
  const fromText = firstMatch(summary.toLowerCase(), CHANNEL_RULES) ?? firstMatch(methodRaw.toLowerCase(), CHANNEL_RULES);
  if (fromText) return fromText;
  return classifyMethod(methodRaw).method === 'bank_impersonation' ? 'bank_transfer' : 'unknown';
}
