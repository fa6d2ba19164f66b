import { z } from 'zod';

/**
 * One policy for free text that people type and others read (names, titles, notes, appeal text):
 * NFC-normalised, trimmed, and refused — never silently cleaned — when it holds characters a reader
 * cannot see or that reorder what they see: control characters (C0, DEL, C1; line feeds and tabs only
 * where the field is multi-line), bidirectional-text controls (U+202A–U+202E, U+2066–U+2069, U+200E,
 * U+200F, U+061C), zero-width and other format characters (U+200B–U+200D, U+2060, U+FEFF, soft hyphen…)
 * and line/paragraph separators. A name with U+202E can show as something it is not in the dashboard,
 * a Word release or an audit line; a NUL would also be cut short by SQLite's length() in a CHECK.
 *
 * Emoji stay welcome, including the sequences that need a format character to draw: a zero-width
 * joiner between pictographs (👩‍💻) and the tag letters of a subdivision flag (🏴󠁧󠁢󠁥󠁮󠁧󠁿).
 */

const EMOJI_JOINER = /(?<=[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D(?=\p{Extended_Pictographic})/gu;
const FLAG_TAGS = /(?<=\u{1F3F4})[\u{E0020}-\u{E007E}]+\u{E007F}/gu;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const BIDI = /^[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]$/u;

export interface PlainTextOptions {
  /** Characters after trimming; 1 or more makes an all-blank value fail with `required`. */
  min?: number;
  max: number;
  /** Allows line feeds and tabs (notes, an appeal's body); a CR LF is read as a line feed. */
  multiline?: boolean;
  /** The message when the value is missing, or shorter than `min` once trimmed. */
  required?: string;
}

/** What a character is, in the words a 400 uses. */
function kindOf(c: string): string {
  if (BIDI.test(c)) return 'a bidirectional-text control';
  if (/^\p{Cc}$/u.test(c)) return 'a control character';
  if (/^[\p{Zl}\p{Zp}]$/u.test(c)) return 'a line separator';
  return 'an invisible formatting character';
}

const codePoint = (c: string): string => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why `text` breaks the policy ("must not contain U+202E (a bidirectional-text control)…"), or null
 * when it does not. Exported for the importer and scripts, which hold text that arrives another way.
 */
export function plainTextProblem(text: string, opts: { multiline?: boolean } = {}): string | null {
  const rest = text.replace(EMOJI_JOINER, '').replace(FLAG_TAGS, '');
  for (const [c] of rest.matchAll(INVISIBLE)) {
    if (opts.multiline && (c === '\n' || c === '\t')) continue;
    return `must not contain ${codePoint(c)} (${kindOf(c)}); control, bidirectional and zero-width characters are refused`;
  }
  return null;
}

/** A zod string under the free-text policy: `plainText({ min: 1, max: 200 })`. */
export function plainText(opts: PlainTextOptions) {
  const { min = 0, max, multiline = false } = opts;
  let s = opts.required ? z.string({ error: opts.required }) : z.string();
  if (multiline) s = s.overwrite((v) => v.replace(/\r\n?/g, '\n'));
  s = s
    .normalize('NFC')
    // Checked before trimming: String.prototype.trim would quietly drop a leading U+FEFF or U+2028.
    .superRefine((v, ctx) => {
      const problem = plainTextProblem(v, { multiline });
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: v });
    })
    .trim()
    .max(max, `is at most ${max} characters`);
  return min > 0 ? s.min(min, opts.required ?? (min === 1 ? 'must not be empty' : `is at least ${min} characters`)) : s;
}
