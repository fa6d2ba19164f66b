import { appealParagraphs, fillOfficer } from '@scam/shared';
import type { AppealDocument, AppealPart } from '@scam/shared';
import { formatDate } from '../../../utils/format';
import { markPieces, marksFor } from '../utils/appeal-editor';
import type { NumberedMark } from '../utils/appeal-editor';

function Marked({ text, marks, officer }: { text: string; marks: readonly NumberedMark[]; officer: string }) {
  return (
    <>
      {markPieces(text, marks).map((piece, i) =>
        piece.mark === null ? (
          <span key={i}>{fillOfficer(piece.text, officer)}</span>
        ) : (
          <mark key={i} className={`appeal-mark appeal-mark--${piece.kind ?? 'warning'}`} data-testid="appeal-mark" data-mark={piece.mark}>
            {piece.text}
            <sup className="appeal-mark__number">{piece.mark}</sup>
          </mark>
        ),
      )}
    </>
  );
}

/**
 * The press release laid out as it is issued: date of issue and reference line, title, headlines, the
 * text with the officer named, ENDS and the notes to editors. The editor's preview (with the checked
 * words marked) and the print page (unmarked) are the same rendering, so what was checked is what prints.
 */
export function ReleaseView({
  doc,
  marks = [],
  titleLevel = 3,
  testId = 'appeal-preview',
}: {
  doc: AppealDocument;
  marks?: readonly NumberedMark[];
  /** The title's heading level where the release sits; the notes heading is one below it. */
  titleLevel?: 2 | 3;
  testId?: string;
}) {
  const at = (part: AppealPart, index: number) => marksFor(marks, part, index);
  const notes = appealParagraphs(doc.notesToEditors);
  const Title = titleLevel === 2 ? 'h2' : 'h3';
  const NotesHeading = titleLevel === 2 ? 'h3' : 'h4';
  let highlightIndex = -1;
  return (
    <div className="appeal-text appeal-release" data-testid={testId}>
      <p className="appeal-release__meta">
        <span data-testid="appeal-issue">Date of issue: {formatDate(doc.issueDate)}</span>
        {doc.reference.trim() ? (
          <span data-testid="appeal-reference">
            <Marked text={doc.reference.trim()} marks={at('reference', 0)} officer={doc.officer} />
          </span>
        ) : null}
      </p>
      <Title className="appeal-text__title" data-testid="appeal-title">
        <Marked text={doc.title.trim()} marks={at('title', 0)} officer={doc.officer} />
      </Title>
      <ul className="appeal-text__highlights">
        {doc.highlights.map((h) => {
          highlightIndex += 1;
          return h.trim() ? (
            <li key={highlightIndex}>
              <Marked text={h.trim()} marks={at('highlight', highlightIndex)} officer={doc.officer} />
            </li>
          ) : null;
        })}
      </ul>
      <div className="appeal-text__body" data-testid="appeal-body">
        {appealParagraphs(doc.body).map((p, i) => (
          <p key={i}>
            <Marked text={p} marks={at('body', i)} officer={doc.officer} />
          </p>
        ))}
      </div>
      <p className="appeal-release__ends" data-testid="appeal-ends">
        ENDS
      </p>
      {notes.length > 0 ? (
        <div className="appeal-release__notes" data-testid="appeal-notes">
          <NotesHeading className="appeal-release__notes-title">Notes to editors</NotesHeading>
          {notes.map((p, i) => (
            <p key={i}>
              <Marked text={p} marks={at('notes', i)} officer={doc.officer} />
            </p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
