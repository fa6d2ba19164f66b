import { EXCERPT_CHARS } from './limits.js';

/**
 * Characters a reader cannot see, or that change the order of what they see: C0 and C1 controls, format
 * characters (bidi embeddings, overrides, isolates and marks, zero-width space and joiners, word joiner, BOM,
 * soft hyphen) and the rest of Unicode's default-ignorable set (variation selectors, Hangul fillers, tags).
 * Unpaired surrogates cannot come from a decoded file but are escaped in case a caller passes one.
 */
const HIDDEN_CLASS = String.raw`\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029\p{Cs}`;
const SHOWN_ESCAPED = new RegExp(`[${HIDDEN_CLASS}]`, 'u');
/** In a value that must be one line (a reference, a town, a date), only a tab is allowed among these. */
const REFUSED = new RegExp(`(?!\\t)[${HIDDEN_CLASS}]`, 'u');
/** Free text keeps its tabs and line breaks; everything else hidden goes. */
const STRIPPED = new RegExp(`(?![\\t\\n\\r\\u2028\\u2029])[${HIDDEN_CLASS}]`, 'gu');
const LINE_BREAK = /[\n\r\u2028\u2029]/;
const CONTROL = /\p{Cc}/u;
/** NFC leaves text below U+0300 as it is, which is nearly every cell of a return, so skip the call. */
const MAY_CHANGE_UNDER_NFC = /[\u0300-\uffff]/;

export function toNfc(value: string): string {
  return MAY_CHANGE_UNDER_NFC.test(value) ? value.normalize('NFC') : value;
}

function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * At most EXCERPT_CHARS characters of `value` for a message, with every hidden character written out as
 * `<U+202E>` so the message shows what the eye would miss and cannot itself be reordered or hidden.
 */
export function excerpt(value: string): string {
  let out = '';
  let count = 0;
  for (const ch of value) {
    if (count === EXCERPT_CHARS) return `${out}…`;
    out += SHOWN_ESCAPED.test(ch) ? `<${codePointLabel(ch.codePointAt(0) ?? 0)}>` : ch;
    count++;
  }
  return out;
}

/** `"excerpt"`: how messages quote input. */
export function quoted(value: string): string {
  return `"${excerpt(value)}"`;
}

/** Characters as SQLite's length() counts them: a surrogate pair is one. */
export function charCount(value: string): number {
  let n = value.length;
  for (let i = 1; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) {
      const prev = value.charCodeAt(i - 1);
      if (prev >= 0xd800 && prev <= 0xdbff) n--;
    }
  }
  return n;
}

export function exceedsChars(value: string, limit: number): boolean {
  return value.length > limit && charCount(value) > limit;
}

/** Drops hidden characters from free text (summaries, headers), keeping tabs and line breaks. */
export function stripHidden(value: string): string {
  return value.replace(STRIPPED, '');
}

/** Why a one-line value is refused, e.g. "contains a line break (U+000A)", or null when it is clean. */
export function refusedCharacter(value: string): string | null {
  const m = REFUSED.exec(value);
  if (!m) return null;
  const label = codePointLabel(value.codePointAt(m.index) ?? 0);
  if (LINE_BREAK.test(m[0])) return `contains a line break (${label})`;
  if (CONTROL.test(m[0])) return `contains a control character (${label})`;
  return `contains an invisible or direction-changing character (${label})`;
}

function isLineSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * Trims spaces, tabs and line breaks only. String.prototype.trim would also remove a BOM or a line separator
 * from the ends, and those must be seen (and refused), not silently dropped.
 */
export function trimLineSpace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isLineSpace(value.charCodeAt(start))) start++;
  while (end > start && isLineSpace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/**
 * A leading apostrophe is a spreadsheet's "store as text" mark, never part of a value: Excel hides it, and
 * the rejected-rows file puts one before cells that look like formulas. A corrected cell keeps it
 * ("'-£450.00" fixed to "'£450.00"), so a value read as a date, amount, age, reference, number or account
 * is read without it.
 */
export function withoutTextMark(value: string): string {
  return value.charCodeAt(0) === 0x27 ? value.slice(1).trimStart() : value;
}
