import { useCallback, useState } from 'react';
import { useSession } from '../api/session.queries';
import { browserStore, readAnchorPreference, saveAnchorPreference } from '../utils/anchor-preference';
import type { PeriodAnchor } from '../utils/filters';

/** The signed-in user's remembered anchor for rolling periods, and a setter that remembers a new one. */
export function useAnchorPreference(): [PeriodAnchor, (anchor: PeriodAnchor) => void] {
  const user = useSession()?.user.name ?? null;
  // Re-read when the user changes; a save updates the state so the control follows at once.
  const [saved, setSaved] = useState<{ user: string | null; anchor: PeriodAnchor } | null>(null);
  const anchor = saved && saved.user === user ? saved.anchor : readAnchorPreference(browserStore(), user);
  const remember = useCallback(
    (next: PeriodAnchor) => {
      saveAnchorPreference(browserStore(), user, next);
      setSaved({ user, anchor: next });
    },
    [user],
  );
  return [anchor, remember];
}
