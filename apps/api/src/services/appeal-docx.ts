import {
  AlignmentType,
  convertMillimetersToTwip,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  TabStopPosition,
  TabStopType,
  TextRun,
} from 'docx';
import { appealParagraphs, dayParts, fillOfficer, ukTimestamp } from '@scam/shared';
import type { AppealDocument } from '@scam/shared';

/** Who made the file and for which force: the printed sheet's source line and "Printed … by …". */
export interface AppealDocxMeta {
  marking: string;
  forceArea: string;
  demo: boolean;
  /** ISO timestamp of the export. */
  exportedAt: string;
  /** "alice (Inspector)". */
  exportedBy: string;
}

/**
 * Only the characters XML 1.0 can carry (its Char production): a pasted control character or lone
 * surrogate would make Word refuse the whole file, so it goes.
 */
function xmlChars(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000) out += ch;
  }
  return out;
}

/** One paragraph's words as the printed release shows them: the officer named, line breaks and runs of space as one space. */
function words(text: string, officer: string): string {
  return xmlChars(fillOfficer(text, officer)).replace(/\s+/g, ' ').trim();
}

/** "7 Dec 2026", as the printed release writes the date of issue. */
function issueDay(iso: string): string {
  const p = dayParts(iso);
  return `${p.day} ${p.month.slice(0, 3)} ${p.year}`;
}

function markingParagraph(marking: string): Paragraph {
  // As print.css sets it in the page margins: centred, heavy, spaced out.
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text: marking, bold: true, size: 18, characterSpacing: 24 })],
  });
}

/**
 * The press release as a Word document, laid out as the print page lays it out: the marking at the top
 * and bottom of every page (the header and footer), the source line and who exported it when, then date
 * of issue and reference line, the title as a Heading 1, the headlines as bullets, the body, ENDS and the
 * notes to editors under a Heading 2. Real heading styles, so the press office's own template restyles it.
 */
export async function appealDocx(doc: AppealDocument, meta: AppealDocxMeta): Promise<Buffer> {
  const officer = doc.officer;
  const title = words(doc.title, officer);
  const reference = words(doc.reference, officer);
  const highlights = doc.highlights.map((h) => words(h, officer)).filter((h) => h.length > 0);
  const body = appealParagraphs(doc.body).map((p) => words(p, officer));
  const notes = appealParagraphs(doc.notesToEditors).map((p) => words(p, officer));
  const source = `Press appeal · ${words(meta.forceArea, '')} Constabulary · Phone Scam Series${meta.demo ? ' · DEMO DATA' : ''}`;
  const stamp = `Exported ${ukTimestamp(meta.exportedAt)} by ${words(meta.exportedBy, '')}`;
  const small = 16;

  const document = new Document({
    title,
    subject: 'Press appeal',
    creator: `${words(meta.forceArea, '')} Constabulary · Phone Scam Series`,
    keywords: meta.marking,
    customProperties: [{ name: 'Protective marking', value: meta.marking }],
    sections: [
      {
        properties: {
          page: {
            margin: {
              top: convertMillimetersToTwip(22),
              bottom: convertMillimetersToTwip(22),
              left: convertMillimetersToTwip(20),
              right: convertMillimetersToTwip(20),
              header: convertMillimetersToTwip(8),
              footer: convertMillimetersToTwip(8),
            },
          },
        },
        headers: {
          default: new Header({
            children: [
              markingParagraph(meta.marking),
              new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: source, size: small })] }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                tabStops: [{ type: TabStopType.RIGHT, position: TabStopPosition.MAX }],
                children: [
                  new TextRun({ text: stamp, size: small }),
                  new TextRun({ children: [new Tab(), 'Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: small }),
                ],
              }),
              markingParagraph(meta.marking),
            ],
          }),
        },
        children: [
          new Paragraph({
            tabStops: [{ type: TabStopType.RIGHT, position: TabStopPosition.MAX }],
            children: [
              new TextRun({ text: `Date of issue: ${issueDay(doc.issueDate)}`, size: 18 }),
              ...(reference ? [new TextRun({ children: [new Tab(), reference], size: 18 })] : []),
            ],
          }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, text: title }),
          ...highlights.map((h) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: h, bold: true })] })),
          ...body.map((p) => new Paragraph({ text: p, spacing: { after: 160 } })),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 160, after: 160 },
            children: [new TextRun({ text: 'ENDS', bold: true })],
          }),
          ...(notes.length > 0
            ? [
                new Paragraph({ heading: HeadingLevel.HEADING_2, text: 'Notes to editors' }),
                ...notes.map((p) => new Paragraph({ text: p, spacing: { after: 120 } })),
              ]
            : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
