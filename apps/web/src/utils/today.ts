/**
 * "Today" for the dashboard is the analyst's own calendar date (the browser's local date, which for a
 * UK unit is the UK date), not the UTC date: at 00:30 in British Summer Time it is already tomorrow for
 * the analyst while UTC is still on yesterday. Rolling periods resolve against it.
 */
export function localToday(now: Date = new Date()): string {
  const y = String(now.getFullYear()).padStart(4, '0');
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
