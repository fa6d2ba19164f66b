import { isPeriodAnchor } from './filters';
import type { PeriodAnchor } from './filters';

/**
 * Which end a user's rolling periods are anchored to when they pick one, kept in this browser per
 * signed-in name: two analysts sharing a machine keep their own choice, and nothing about it is
 * personal enough to need the server. A link carries its own anchor (`anchor=data`), so this only
 * decides what a freshly chosen preset ends on.
 */
const KEY_PREFIX = 'scam-dashboard:period-anchor:';

type PreferenceStore = Pick<Storage, 'getItem' | 'setItem'>;

export function anchorPreferenceKey(user: string): string {
  return KEY_PREFIX + user;
}

/** The user's remembered anchor; today for a user who never chose, or where storage is refused. */
export function readAnchorPreference(store: PreferenceStore | null, user: string | null): PeriodAnchor {
  if (!store || !user) return 'today';
  try {
    const value = store.getItem(anchorPreferenceKey(user));
    return isPeriodAnchor(value) ? value : 'today';
  } catch {
    // Storage can throw (disabled, private mode): the choice is a convenience, so fall back quietly.
    return 'today';
  }
}

export function saveAnchorPreference(store: PreferenceStore | null, user: string | null, anchor: PeriodAnchor): void {
  if (!store || !user) return;
  try {
    store.setItem(anchorPreferenceKey(user), anchor);
  } catch {
    // As above: without storage the choice lasts for this link only.
  }
}

/** The browser's storage, or null where reading it is refused. */
export function browserStore(): PreferenceStore | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}
