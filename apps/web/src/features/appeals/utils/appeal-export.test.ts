import { describe, expect, it } from 'vitest';
import {
  PURPOSE_MAX,
  appealRequest,
  bodyParagraphs,
  disclosurePurpose,
  exportFilename,
  lostVersusRecognised,
  parsePurpose,
  printSearch,
  toMarkdown,
  toPlainText,
} from './appeal-export';
import { appealSearch, parseAppealSource } from '../../../utils/appeal-source';

const draft = {
  title: 'Advice issued following courier fraud series',
  highlights: ['Police received 63 reports.', 'Victims have lost more than £100,000.'],
  body: 'First paragraph.\n\nSecond *paragraph* with [brackets].\n\n\n# not a heading',
};

describe('appeal exports', () => {
  it('writes plain text with dashes for bullets and blank lines between paragraphs', () => {
    expect(toPlainText(draft)).toBe(
      'Advice issued following courier fraud series\n\n- Police received 63 reports.\n- Victims have lost more than £100,000.\n\nFirst paragraph.\n\nSecond *paragraph* with [brackets].\n\n# not a heading\n',
    );
  });
  it('writes Markdown with bold headline bullets and escapes text that would change the layout', () => {
    const md = toMarkdown(draft);
    expect(md.startsWith('# Advice issued following courier fraud series\n\n* **Police received 63 reports.**\n')).toBe(true);
    expect(md).toContain('Second \\*paragraph\\* with \\[brackets\\].');
    expect(md).toContain('\n\\# not a heading\n');
  });
  it('splits the body on blank lines', () => {
    expect(bodyParagraphs('a\n\n b \n \nc')).toEqual(['a', 'b', 'c']);
  });
  it('names files from the title and the day, with the protective marking', () => {
    expect(exportFilename('Advice issued following courier fraud series', 'markdown', '2026-11-23')).toBe(
      'OFFICIAL-SENSITIVE-advice-issued-following-courier-fraud-series-2026-11-23.md',
    );
    expect(exportFilename('Café / HMRC: “vouchers”!', 'text', '2026-01-02')).toBe('OFFICIAL-SENSITIVE-cafe-hmrc-vouchers-2026-01-02.txt');
    expect(exportFilename('***', 'text', '2026-01-02')).toBe('OFFICIAL-SENSITIVE-appeal-2026-01-02.txt');
    expect(exportFilename('Courier fraud series', 'docx', '2026-12-07')).toBe('OFFICIAL-SENSITIVE-courier-fraud-series-2026-12-07.docx');
  });
});

describe('appealRequest', () => {
  it('sends the filters of a filters source as strings', () => {
    const source = parseAppealSource('?source=filters&method=hmrc&from=2025-03-01&district=St%20Albans&bogus=1');
    expect(appealRequest(source!)).toEqual({ filters: { method: 'hmrc', from: '2025-03-01', district: 'St Albans' } });
    expect(appealRequest({ kind: 'series', seriesId: 'saved:4' })).toEqual({ seriesId: 'saved:4' });
  });
});

describe('lostVersusRecognised', () => {
  it('keeps those who recognised the scam apart from those a bank or police stopped', () => {
    expect(lostVersusRecognised({ reports: 36, victimsLost: 8, recognised: 20, prevented: 8 })).toBe(
      '8 of 36 lost money; 20 recognised the scam; 8 stopped by a bank or police',
    );
    expect(lostVersusRecognised({ reports: 30, victimsLost: 6, recognised: 24, prevented: 0 })).toBe(
      '6 of 30 lost money; 24 recognised the scam',
    );
  });
});

describe('recipient / purpose of a disclosure', () => {
  it('records what was typed on one line, and nothing when the box was left empty', () => {
    expect(disclosurePurpose('  Press office\n for release 12 Dec ')).toBe('Press office for release 12 Dec');
    expect(disclosurePurpose('   ')).toBeNull();
    expect(disclosurePurpose(null)).toBeNull();
    expect(disclosurePurpose('x'.repeat(500))).toHaveLength(PURPOSE_MAX);
  });

  it('travels with the print link, which records the export when it opens, without changing the source', () => {
    const source = { kind: 'series', seriesId: 'saved:4' } as const;
    const search = printSearch(source, 'Press office & partners');
    expect(parseAppealSource(search)).toEqual(source);
    expect(parsePurpose(search)).toBe('Press office & partners');
    expect(printSearch(source, null)).toBe(appealSearch(source));
    const filters = { kind: 'filters', filters: { method: 'courier' } } as const;
    expect(parseAppealSource(printSearch(filters, 'BBC Three Counties'))).toEqual(filters);
  });
});
