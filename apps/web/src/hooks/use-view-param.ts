import { useCallback } from 'react';
import { navigate, useLocation } from '../lib/router';
import { readViewParam, withViewParam } from '../utils/view-params';

/**
 * A chart or map option kept in the URL (see utils/view-params). Changing it replaces the history
 * entry, so Back leaves the page rather than stepping through every toggle.
 */
export function useViewParam<T extends string>(key: string, allowed: readonly T[], fallback: T): [T, (next: T) => void] {
  const { pathname, search } = useLocation();
  const value = readViewParam(search, key, allowed, fallback);
  const set = useCallback(
    (next: T) => navigate(pathname + withViewParam(search, key, next === fallback ? null : next), { replace: true }),
    [pathname, search, key, fallback],
  );
  return [value, set];
}
