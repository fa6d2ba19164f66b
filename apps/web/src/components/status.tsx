import type { ReactNode } from 'react';
import { errorMessage } from '../lib/api-client';

/** A placeholder with the shape of what is loading, announced politely to screen readers. */
export function Loading({ label = 'Loading…', height, inline = false }: { label?: string; height?: number | string; inline?: boolean }) {
  if (inline) {
    return (
      <span className="loading-inline" role="status">
        {label}
      </span>
    );
  }
  return (
    <div className="skeleton" role="status" style={height !== undefined ? { height } : undefined}>
      <span className="skeleton__label">{label}</span>
    </div>
  );
}

/** Shows the API's own error message, with a retry where retrying can help. */
export function ErrorNotice({ error, title = 'Could not load this', onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">{title}</p>
      <p className="notice__body">{errorMessage(error)}</p>
      {onRetry ? (
        <button type="button" className="button button--small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function EmptyState({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty" role="status">
      <p>{children}</p>
      {action}
    </div>
  );
}

/** A "fetching newer data" hint that keeps the old figures visible instead of flashing a skeleton. */
export function Refreshing({ active }: { active: boolean }) {
  return active ? (
    <span className="refreshing" role="status">
      Updating…
    </span>
  ) : null;
}
