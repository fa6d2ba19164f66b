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

/**
 * The store takes no writes. When the reason is that the audit trail cannot be written, records are
 * refused too (each view must be recorded), and the banner says so, with the server's reason.
 */
export function ReadOnlyBanner({ auditUnavailable = false, reason }: { auditUnavailable?: boolean; reason?: string }) {
  return (
    <p className="banner banner--read-only" role="status" data-testid="read-only-banner">
      {auditUnavailable
        ? `Records cannot be shown: ${reason ?? 'the audit trail cannot be written'}. Every view must be recorded, so screens stay empty until it can be; the administrator has been told.`
        : 'The database is read-only: imports and edits are disabled'}
    </p>
  );
}
