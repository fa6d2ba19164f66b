import { useCallback, useSyncExternalStore } from 'react';
import type { AnchorHTMLAttributes, MouseEvent } from 'react';

/**
 * A deliberately tiny router over `window.location` and the History API. The dashboard has a handful
 * of flat pages and keeps its view state in the query string, so a router library would add weight
 * without adding anything we use.
 */

const NAVIGATE_EVENT = 'app:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

export interface Location {
  pathname: string;
  search: string;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot, () => '/');
  const q = href.indexOf('?');
  return q === -1 ? { pathname: href, search: '' } : { pathname: href.slice(0, q), search: href.slice(q) };
}

/**
 * Goes to `to`, as a new history entry or (`replace`) in place of this one. `mark` names the entry, so a
 * page can tell later whether it made the entry it is on (`isMarked`) and may step Back out of it.
 */
export function navigate(to: string, options: { replace?: boolean; mark?: string } = {}): void {
  if (to === snapshot()) return;
  const state = options.mark ? { mark: options.mark } : null;
  if (options.replace) window.history.replaceState(state, '', to);
  else window.history.pushState(state, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** Whether the current history entry was made by `navigate(…, { mark })` (it survives a reload). */
export function isMarked(mark: string): boolean {
  const state: unknown = window.history.state;
  return typeof state === 'object' && state !== null && (state as { mark?: unknown }).mark === mark;
}

export function useNavigate(): typeof navigate {
  return useCallback(navigate, []);
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/**
 * Follows a link's plain click in-app, leaving ctrl/shift/middle clicks (new tab, new window) to the
 * browser. For anchors other than Link's own, such as an SVG `<a>`.
 */
export function followInApp(event: MouseEvent<Element>, to: string, target?: string): void {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey ||
    target === '_blank'
  ) {
    return;
  }
  event.preventDefault();
  navigate(to);
}

/** An ordinary link that navigates in-app, leaving ctrl/shift/middle clicks to the browser. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    followInApp(event, to, rest.target);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}
