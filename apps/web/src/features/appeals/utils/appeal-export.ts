import type { AppealDraft } from '@scam/shared';
import { appealSearch } from '../../../utils/appeal-source';
import type { AppealSource } from '../../../utils/appeal-source';

export const PURPOSE_MAX = 200;

/** Who a disclosure goes to and why, as recorded: trimmed, one line, capped; null when not given. */
export function disclosurePurpose(text: string | null): string | null {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim().slice(0, PURPOSE_MAX);
  return clean || null;
}

/**
 * The print page records its own export when it opens, so the purpose typed in the drafter travels
 * with its link, and so does the saved version it prints (without one it prints the generated draft).
 */
export function printSearch(source: AppealSource, purpose: string | null, version: number | null = null): string {
  const extra = [...(version !== null ? [`version=${version}`] : []), ...(purpose ? [`purpose=${encodeURIComponent(purpose)}`] : [])];
  const base = appealSearch(source);
  if (extra.length === 0) return base;
  return `${base}${base ? '&' : '?'}${extra.join('&')}`;
}

export function parsePurpose(search: string): string | null {
  return disclosurePurpose(new URLSearchParams(search).get('purpose'));
}

/** The saved version a print link names, or null (then the generated draft is printed). */
export function parseVersion(search: string): number | null {
  const raw = new URLSearchParams(search).get('version');
  if (raw === null || !/^[1-9]\d{0,15}$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}

/** The request body of POST /api/appeals/draft, and the `seriesId`/`filters` of an export record. */
export function appealRequest(source: AppealSource): { seriesId: string } | { filters: Record<string, string> } {
  if (source.kind === 'series') return { seriesId: source.seriesId };
  const filters: Record<string, string> = {};
  for (const [key, value] of Object.entries(source.filters)) if (typeof value === 'string' && value) filters[key] = value;
  return { filters };
}

/** The parts of a draft that are published; the disclosure warnings are for staff and never exported. */
export type Publishable = Pick<AppealDraft, 'title' | 'highlights' | 'body'>;

/** Paragraphs of the body as the API writes them: separated by blank lines. */
export function bodyParagraphs(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** Title, bullets and body as plain text for email or a CMS text box. */
export function toPlainText(d: Publishable): string {
  const bullets = d.highlights.map((h) => `- ${h}`).join('\n');
  return [d.title, bullets, bodyParagraphs(d.body).join('\n\n')].filter((part) => part.length > 0).join('\n\n') + '\n';
}

/** Only what would change the layout: emphasis markers, and a line that would read as a heading or list. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\*_`[\]<>])/g, '\\$1')
    .replace(/^(\s*)([#>+-]\s)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(\s)/gm, '$1\\.$2');
}

/** Markdown laid out like the force's web releases: `# title`, bold headline bullets, paragraphs. */
export function toMarkdown(d: Publishable): string {
  const bullets = d.highlights.map((h) => `* **${escapeMarkdown(h)}**`).join('\n');
  const body = bodyParagraphs(d.body).map(escapeMarkdown).join('\n\n');
  return [`# ${escapeMarkdown(d.title)}`, bullets, body].filter((part) => part.length > 0).join('\n\n') + '\n';
}

export type ExportFormat = 'text' | 'markdown';
/** What a downloaded file can be: the browser's own text exports, or the server's Word file. */
export type FileFormat = ExportFormat | 'docx';
const EXTENSIONS: Record<FileFormat, string> = { text: 'txt', markdown: 'md', docx: 'docx' };

/**
 * "OFFICIAL-SENSITIVE-advice-issued-following-courier-fraud-series-2026-11-23.md": readable, safe on
 * every file system, and marked — a draft is not public until the press office releases it.
 */
export function exportFilename(title: string, format: FileFormat, day: string): string {
  const slug =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '') || 'appeal';
  return `OFFICIAL-SENSITIVE-${slug}-${day}.${EXTENSIONS[format]}`;
}

/** "14 of 63 lost money; 40 recognised the scam; 9 stopped by a bank or police" as the figures panel words it. */
export function lostVersusRecognised(f: Pick<AppealDraft['figures'], 'reports' | 'victimsLost' | 'recognised' | 'prevented'>): string {
  const stopped = f.prevented > 0 ? `; ${f.prevented} stopped by a bank or police` : '';
  return `${f.victimsLost} of ${f.reports} lost money; ${f.recognised} recognised the scam${stopped}`;
}
