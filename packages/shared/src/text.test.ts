import { describe, expect, it } from 'vitest';
import { plainText, plainTextProblem } from './text.js';

const name = plainText({ min: 1, max: 40 });
const notes = plainText({ max: 200, multiline: true });

describe('plainText', () => {
  it('keeps accents, dashes and emoji, NFC-normalised and trimmed', () => {
    const typed = '  Ope\u0301ration Faucon – Hitchin 🚨 ';
    expect(name.parse(typed)).toBe('Opération Faucon – Hitchin 🚨');
    expect(name.parse(typed).normalize('NFC')).toBe(name.parse(typed));
    for (const emoji of ['👩‍💻', '👩🏽‍💻', '🏳️‍🌈', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', 'مرحبا', 'Łódź']) expect(name.parse(emoji)).toBe(emoji);
  });

  it.each([
    ['a NUL', '\u0000', 'U+0000 (a control character)'],
    ['a right-to-left override', 'evil\u202Efdp.exe', 'U+202E (a bidirectional-text control)'],
    ['a right-to-left isolate', 'x\u2067y', 'U+2067 (a bidirectional-text control)'],
    ['a left-to-right mark', 'x\u200Ey', 'U+200E (a bidirectional-text control)'],
    ['an Arabic letter mark', 'x\u061Cy', 'U+061C (a bidirectional-text control)'],
    ['a zero-width space', 'Wat\u200Bford', 'U+200B (an invisible formatting character)'],
    ['a zero-width joiner between letters', 'Wat\u200Dford', 'U+200D (an invisible formatting character)'],
    ['a word joiner', 'Wat\u2060ford', 'U+2060 (an invisible formatting character)'],
    ['a leading byte-order mark', '\uFEFFWatford', 'U+FEFF (an invisible formatting character)'],
    ['a C1 control', 'x\u0085y', 'U+0085 (a control character)'],
    ['DEL', 'x\u007Fy', 'U+007F (a control character)'],
    ['a line separator', 'x\u2028y', 'U+2028 (a line separator)'],
    ['a line feed in a one-line field', 'two\nlines', 'U+000A (a control character)'],
    ['a tab in a one-line field', 'a\tb', 'U+0009 (a control character)'],
  ])('refuses %s, naming the character', (_what, text, found) => {
    const r = name.safeParse(text);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain(`must not contain ${found}`);
  });

  it('allows line feeds and tabs in a multi-line field (CR LF read as LF), and nothing else invisible', () => {
    expect(notes.parse('first\r\n\tsecond\rthird')).toBe('first\n\tsecond\nthird');
    expect(notes.safeParse('first\n\u202Esecond').success).toBe(false);
    expect(notes.safeParse('first\u0000').success).toBe(false);
  });

  it('counts length after trimming: blank fails min, and max is checked on what is kept', () => {
    expect(name.safeParse('   ').success).toBe(false);
    expect(plainText({ min: 1, max: 5, required: 'give it a name' }).safeParse(' ').error?.issues[0]?.message).toBe('give it a name');
    expect(plainText({ max: 3 }).parse('  abc  ')).toBe('abc');
    expect(plainText({ max: 3 }).safeParse('abcd').success).toBe(false);
    expect(plainText({ max: 3 }).parse('')).toBe('');
  });

  it('plainTextProblem is null for clean text', () => {
    expect(plainTextProblem('HC/26/44019 – Watford')).toBeNull();
    expect(plainTextProblem('a\nb', { multiline: true })).toBeNull();
  });
});
