import { useSyncExternalStore } from 'react';
import { localToday } from '../utils/today';

/** A page left open past midnight moves its rolling periods on: checked each minute and on return to the tab. */
function subscribe(onChange: () => void): () => void {
  const timer = window.setInterval(onChange, 60_000);
  document.addEventListener('visibilitychange', onChange);
  return () => {
    window.clearInterval(timer);
    document.removeEventListener('visibilitychange', onChange);
  };
}

/** Today's date (YYYY-MM-DD, the analyst's calendar), re-rendering when it changes. */
export function useToday(): string {
  return useSyncExternalStore(
    subscribe,
    () => localToday(),
    () => localToday(),
  );
}
