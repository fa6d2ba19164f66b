/**
 * The Government Security Classification of what the dashboard shows. On every screen, the sign-in
 * screen included, and at the top of anything printed.
 */
export function ProtectiveMarking() {
  return (
    <p className="protective-marking" data-testid="protective-marking">
      OFFICIAL-SENSITIVE
    </p>
  );
}

export function ReadOnlyBanner() {
  return (
    <p className="banner banner--read-only" role="status" data-testid="read-only-banner">
      The database is read-only: imports and edits are disabled
    </p>
  );
}
