import { METHOD_LABELS } from '@scam/shared';
import type { AppealDraft } from '@scam/shared';
import { ApiError } from '../../../lib/api-client';
import { formatCount, formatDate, plural } from '../../../utils/format';

/** The period, the areas and which text is printed, in words, for the sheet's header lines. */
export function printSheetLines(
  figures: Pick<AppealDraft['figures'], 'method' | 'reports' | 'since' | 'until' | 'areas' | 'otherAreasReports'>,
  version: { version: number; savedAt: string } | null,
): string[] {
  const areas = figures.areas.map((a) => `${a.name} (${formatCount(a.reports)})`);
  if (figures.otherAreasReports > 0) areas.push(`other areas (${formatCount(figures.otherAreasReports)})`);
  return [
    `${METHOD_LABELS[figures.method]}: ${plural(figures.reports, 'report')}, ${formatDate(figures.since)} – ${formatDate(figures.until)}`,
    ...(areas.length > 0 ? [`Areas: ${areas.join(', ')}`] : []),
    version ? `Edited release, version ${version.version} saved ${version.savedAt}` : 'The release as drafted, not edited',
  ];
}

/** Why the print page may not print, in plain words, or null when it may. */
export interface PrintHold {
  title: string;
  reasons: string[];
  /** What to do about it. */
  advice: string;
  /** Whether asking again could help (a failure to record, not a refusal). */
  retry: boolean;
}

/**
 * The answer to the print page's export, as the inspector reads it. A refusal by the export check
 * (422 `export_blocked`) lists each gap and warning the server named; any other failure says the print
 * could not be recorded, which holds the printing just the same.
 */
export function printHold(error: unknown): PrintHold {
  if (error instanceof ApiError && error.code === 'export_blocked') {
    const reasons = error.issues.map((i) => i.message).filter((m) => m.length > 0);
    return {
      title: 'This appeal cannot be printed yet.',
      reasons: reasons.length > 0 ? reasons : [error.message],
      advice:
        'Printing is an export and is checked like one. Go back to the editor: fill in each gap, and fix each warning or tick “I have checked this” beside it, then open the print-ready page again.',
      retry: false,
    };
  }
  if (error instanceof ApiError && error.status === 404) {
    return {
      title: 'This saved version cannot be printed.',
      reasons: ['It is not one of your saved versions of this appeal.'],
      advice: 'Go back to the editor and open the print-ready page from there.',
      retry: false,
    };
  }
  const message = error instanceof Error && error.message ? error.message : 'The server did not answer.';
  return {
    title: 'The print could not be recorded, so it is held.',
    reasons: [message],
    advice: 'Every print is recorded in the audit trail before it can be made. Try again in a moment.',
    retry: true,
  };
}
