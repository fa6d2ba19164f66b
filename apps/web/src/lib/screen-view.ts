import { isAuditScreen, SCREEN_HEADER, VIEW_ID_HEADER } from '@scam/shared';

/**
 * Which screen view an API call is made for, so the audit trail can show one line per screen a person
 * opened ("viewed the overview: courier fraud, Watford, Oct 2026") instead of one per call. A view is a
 * screen with its filters: the page's path and query string. A new one starts whenever the address
 * changes; every call made while it stands carries the same id.
 */
let current: { location: string; id: string } | null = null;

/** 16 random bytes as hex: getRandomValues works on plain http too, where randomUUID does not. */
function newViewId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The headers naming the current screen view; none outside a browser. */
export function screenViewHeaders(): Record<string, string> {
  if (typeof window === 'undefined') return {};
  const { pathname, search } = window.location;
  const location = pathname + search;
  if (current?.location !== location) current = { location, id: newViewId() };
  const screen = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return isAuditScreen(screen) ? { [VIEW_ID_HEADER]: current.id, [SCREEN_HEADER]: screen } : { [VIEW_ID_HEADER]: current.id };
}
