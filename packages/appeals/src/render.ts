import type { AppealDraft } from '@scam/shared';

/** The parts of a draft that are published; warnings are for staff and never exported. */
type Publishable = Pick<AppealDraft, 'title' | 'highlights' | 'body'>;

/** Title, bullets and body as plain text for email or a CMS text box. */
export function toPlainText(d: Publishable): string {
  const bullets = d.highlights.map((h) => `- ${h}`).join('\n');
  return [d.title, bullets, d.body].filter((part) => part.length > 0).join('\n\n') + '\n';
}

/** Markdown with `# title` and `* ` bullets, as the force's web releases are laid out. */
export function toMarkdown(d: Publishable): string {
  const bullets = d.highlights.map((h) => `* ${escapeMarkdown(h)}`).join('\n');
  const body = d.body
    .split(/\n{2,}/)
    .map(escapeMarkdown)
    .join('\n\n');
  return [`# ${escapeMarkdown(d.title)}`, bullets, body].filter((part) => part.length > 0).join('\n\n') + '\n';
}

/** Only what would change the layout: emphasis markers, and a line that would read as a heading or list. */
function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\*_`[\]])/g, '\\$1')
    .replace(/^(\s*)([#>+-]\s)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(\s)/gm, '$1\\.$2');
}
