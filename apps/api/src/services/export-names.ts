/**
 * File names of everything that leaves the system carry the protective marking and the date, so a
 * file found on a desktop says what it is and how it must be handled.
 */
export const PROTECTIVE_MARKING = 'OFFICIAL-SENSITIVE';

export function exportFileName(what: string, day: string, ext: 'csv' | 'txt' | 'md' | 'xlsx' | 'docx' | 'zip'): string {
  const safe = what
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}/\\:*?"<>|]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return `${PROTECTIVE_MARKING} ${safe} ${day}.${ext}`;
}
