import { describe, expect, it } from 'vitest';
import { charCount, excerpt, refusedCharacter, stripHidden, toNfc, trimLineSpace } from './cell-text.js';
import { EXCERPT_CHARS } from './limits.js';

/** The characters the security issue names: bidi embeddings, overrides, isolates and marks, zero-width ones, BOM. */
const BIDI_AND_ZERO_WIDTH = [
  0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff,
];
const label = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

describe('excerpt', () => {
  it('quotes a short value as written', () => {
    expect(excerpt('HC/23/40017')).toBe('HC/23/40017');
  });

  it(`cuts a long value to ${EXCERPT_CHARS} characters and an ellipsis`, () => {
    const pasted = 'Caller said the victim must pay now or be arrested; '.repeat(40);
    expect(excerpt(pasted)).toBe(`${pasted.slice(0, EXCERPT_CHARS)}…`);
    expect(excerpt(pasted.slice(0, EXCERPT_CHARS))).toBe(pasted.slice(0, EXCERPT_CHARS));
  });

  it('writes out hidden characters so a message shows them and cannot be reordered by them', () => {
    expect(excerpt('HC/23/1\u202E01')).toBe('HC/23/1<U+202E>01');
    expect(excerpt('Ware\u200B\u0007\u0085\t\n')).toBe('Ware<U+200B><U+0007><U+0085><U+0009><U+000A>');
  });

  it('never splits a character made of two UTF-16 units', () => {
    const cut = excerpt('💷'.repeat(EXCERPT_CHARS + 5));
    expect(cut).toBe(`${'💷'.repeat(EXCERPT_CHARS)}…`);
  });
});

describe('refusedCharacter', () => {
  it.each(BIDI_AND_ZERO_WIDTH.map((cp) => [label(cp), cp] as const))('refuses %s as invisible or direction-changing', (_, cp) => {
    expect(refusedCharacter(`HC/23/1${String.fromCodePoint(cp)}01`)).toBe(
      `contains an invisible or direction-changing character (${label(cp)})`,
    );
  });

  it.each([0x00, 0x07, 0x1b, 0x7f, 0x85, 0x9b].map((cp) => [label(cp), cp] as const))('refuses the control character %s', (_, cp) => {
    expect(refusedCharacter(`Ware${String.fromCodePoint(cp)}`)).toBe(`contains a control character (${label(cp)})`);
  });

  it('refuses a line break inside a one-line value, naming it as one', () => {
    expect(refusedCharacter('HC/23/1\nHC/23/2')).toBe('contains a line break (U+000A)');
    expect(refusedCharacter('HC/23/1\u2028')).toBe('contains a line break (U+2028)');
  });

  it('allows tabs, accents, non-breaking spaces and £', () => {
    expect(refusedCharacter('HC/23\t1')).toBeNull();
    expect(refusedCharacter('Café St\u00a0Albans £1,201.10')).toBeNull();
  });
});

describe('stripHidden, toNfc, charCount, trimLineSpace', () => {
  it('drops hidden characters from free text but keeps its tabs and line breaks', () => {
    expect(stripHidden('Met\u200B online,\u202E moved\tto\r\nphone\u2066 calls\uFEFF')).toBe('Met online, moved\tto\r\nphone calls');
  });

  it('composes decomposed accents', () => {
    expect(toNfc('Cafe\u0301')).toBe('Caf\u00e9');
    expect(toNfc('plain ascii')).toBe('plain ascii');
  });

  it('counts characters as SQLite does, a surrogate pair as one', () => {
    expect(charCount('💷'.repeat(100))).toBe(100);
    expect(charCount('HC/23/40017')).toBe(11);
  });

  it('trims spaces and line breaks but leaves a BOM at the ends to be seen', () => {
    expect(trimLineSpace(' \tHC/1\r\n')).toBe('HC/1');
    expect(trimLineSpace('HC/1\uFEFF ')).toBe('HC/1\uFEFF');
  });
});
