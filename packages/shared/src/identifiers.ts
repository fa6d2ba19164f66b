/**
 * Caller numbers and payee accounts: the identifiers that tie phone-fraud reports together. How a payee
 * account is written when stored, and the keys two values are compared by, are decided here once, for
 * the import, the search, the link view and the dashboard alike.
 *
 * The keys must equal the generated columns `caller_key` and `payee_key` of migration
 * 0007_payee_account.sql, which index the same comparison in SQLite; a test holds the two together.
 */

/**
 * A UK sort code and account number in the layouts clerks type: "20-00-00 12345678", "200000 12345678",
 * "20 00 00 / 12345678", "20000012345678", "Sort code 20-00-00, account 12345678".
 */
const SORT_CODE_ACCOUNT =
  /^(?:(?:sort\s*code|s\/c)[\s:.]*)?(\d{2})[\s-]?(\d{2})[\s-]?(\d{2})[\s,;/-]*(?:(?:account(?:\s*(?:number|no\.?))?|acc(?:t|ount)?\.?|a\/c)[\s:.]*)?(\d{8})$/i;

/** What may appear in a payee account: letters, digits and the punctuation account and wallet references use. */
const ACCOUNT_CHARACTERS = /^[\p{L}\p{N} .\-/:@_#]+$/u;
const ALPHANUMERIC = /[\p{L}\p{N}]/gu;
/** Separators people type inside phone numbers; removed before comparing. */
const PHONE_SEPARATORS = /[ \-().+]/g;
const PHONE_LIKE = /^\+?[\d \-().]+$/;
/** ITU-T E.164 allows at most 15 digits; fewer than 6 is "withheld", "101" or a typing slip. */
const MIN_PHONE_DIGITS = 6;
const MAX_PHONE_DIGITS = 15;
export const MAX_IDENTIFIER_CHARS = 100;

/** Spaces, tabs and line breaks collapsed to one space, ends trimmed. */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** "20-00-00 12345678" for a sort code and account in any of the usual layouts, otherwise null. */
export function canonicalSortCodeAccount(text: string): string | null {
  const m = SORT_CODE_ACCOUNT.exec(collapseSpaces(text));
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}` : null;
}

export type PayeeAccountReading = { ok: true; value: string } | { ok: false; reason: string };

/**
 * A payee account as stored: a sort code and account number in the one canonical layout, anything else
 * (a crypto wallet, an IBAN, a payment handle) as typed with its spaces collapsed. Text that cannot be an
 * account — a formula, a sentence with commas or brackets, a value without a letter or digit — is refused.
 */
export function readPayeeAccount(text: string): PayeeAccountReading {
  const value = collapseSpaces(text);
  const canonical = canonicalSortCodeAccount(value);
  if (canonical !== null) return { ok: true, value: canonical };
  if (value.length > MAX_IDENTIFIER_CHARS) {
    return { ok: false, reason: `is ${value.length} characters long; an account or wallet is at most ${MAX_IDENTIFIER_CHARS}` };
  }
  if (!ACCOUNT_CHARACTERS.test(value) || (value.match(ALPHANUMERIC)?.length ?? 0) < 4) {
    return {
      ok: false,
      reason:
        'is not an account: give the sort code and account number (20-00-00 12345678) or the wallet or account reference, ' +
        'with letters, digits, spaces and . - / : @ _ # only',
    };
  }
  return { ok: true, value };
}

/**
 * The key caller numbers are compared by: the digits without spaces, dashes, brackets, dots or "+", with
 * the UK country code written as a leading 0 ("+44 20 7946 0123" is "02079460123"). Null when what is
 * left is not 6 to 15 digits ("withheld", "101", text).
 */
export function callerNumberKey(number: string | null): string | null {
  if (number === null) return null;
  const digits = number.replace(PHONE_SEPARATORS, '');
  if (digits.length < MIN_PHONE_DIGITS || !/^[0-9]+$/.test(digits)) return null;
  if (digits.startsWith('0044')) return `0${digits.slice(4)}`;
  if (digits.startsWith('44') && digits.length === 12) return `0${digits.slice(2)}`;
  return digits;
}

/** The key payee accounts are compared by: the stored value without spaces, ASCII letters upper-cased. */
export function payeeAccountKey(account: string | null): string | null {
  if (account === null) return null;
  const key = account.replace(/ /g, '').replace(/[a-z]+/g, (s) => s.toUpperCase());
  return key === '' ? null : key;
}

/** What a typed identifier is searched as: a caller number, a payee account, or both. */
export interface IdentifierSearch {
  callerKey: string | null;
  payeeKey: string | null;
}

/**
 * Reads what someone typed into an identifier search: a phone number (6 to 15 digits), a sort code and
 * account number, or a wallet or account reference. Null when it is none of these.
 */
export function readIdentifier(text: string): IdentifierSearch | null {
  const value = collapseSpaces(text);
  if (value === '' || value.length > MAX_IDENTIFIER_CHARS) return null;
  const sortCode = canonicalSortCodeAccount(value);
  const digits = value.replace(PHONE_SEPARATORS, '');
  const phone = PHONE_LIKE.test(value) && digits.length <= MAX_PHONE_DIGITS ? callerNumberKey(value) : null;
  if (sortCode !== null) return { callerKey: phone, payeeKey: payeeAccountKey(sortCode) };
  if (phone !== null) return { callerKey: phone, payeeKey: null };
  // A wallet or account reference: long enough not to match half the store, with a digit in it.
  const account = readPayeeAccount(value);
  const alphanumerics = value.match(ALPHANUMERIC)?.length ?? 0;
  if (account.ok && alphanumerics >= 8 && /\p{N}/u.test(value)) return { callerKey: null, payeeKey: payeeAccountKey(account.value) };
  return null;
}
