import { plainTextProblem, ROUTES } from '@scam/shared';
import { routeUrl } from '../../../lib/api-client';

/** The server's rule for a recipient (trimmed, 1–200 characters, the shared free-text policy), said before asking. */
export function recipientProblem(recipient: string): string | null {
  const r = recipient.normalize('NFC').trim();
  if (r.length === 0) return 'Name the recipient first.';
  if (r.length > 200) return 'At most 200 characters.';
  if (plainTextProblem(r)) return 'No control, direction-changing or invisible characters.';
  return null;
}

/** The pack's download address for saved series `id`, carrying assessment `seq` (the latest when null). */
export function handoverPackUrl(id: number, recipient: string, seq: number | null): string {
  return routeUrl(ROUTES.savedSeriesPack, {
    params: { id },
    query: { recipient: recipient.trim(), ...(seq === null ? {} : { assessment: seq }) },
  });
}
