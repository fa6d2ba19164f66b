import { queryOptions, useQuery } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { ROUTES, can } from '@scam/shared';
import type { Permission, SessionInfo, SessionUser } from '@scam/shared';
import { ApiError, getJson } from '../lib/api-client';

export type { SessionUser };

export interface SignedIn {
  signedIn: true;
  user: SessionUser;
  /** The server opened the database read-only: every write will be refused. */
  readOnly: boolean;
  /** Why, in the server's words. */
  readOnlyReason?: string;
  /** The audit trail cannot be written: records are refused too (each view must be recorded). */
  auditUnavailable?: boolean;
}

/** The session as the page keeps it, from the server's answer. */
export function signedInFrom(body: SessionInfo): SignedIn {
  return {
    signedIn: true,
    user: body.user,
    readOnly: body.readOnly,
    ...(body.readOnlyReason ? { readOnlyReason: body.readOnlyReason } : {}),
    ...(body.auditUnavailable ? { auditUnavailable: true } : {}),
  };
}

export interface SignedOut {
  signedIn: false;
  /** True when a session this page was using ended (idle timeout, disabled account), not on first visit. */
  expired: boolean;
  /** Who that session belonged to, so the form can offer the name again. */
  previousUser?: string;
}

export type SessionState = SignedIn | SignedOut;

export const SIGNED_OUT: SignedOut = { signedIn: false, expired: false };

/**
 * A 401 from anything but the sign-in form itself means the session is gone: the page has to ask for
 * credentials again. A wrong password on the form is a 401 too, and must not be read as that.
 */
export function endsSession(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.code !== 'invalid_credentials';
}

export const sessionQueries = {
  all: () => ['session'] as const,
  current: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'current'] as const,
      queryFn: async ({ signal, client, queryKey }): Promise<SessionState> => {
        try {
          return signedInFrom(await getJson(ROUTES.session, {}, signal));
        } catch (err) {
          // Signed out is an answer, not a failure: the page shows the sign-in form instead of an error.
          if (!endsSession(err)) throw err;
          return endedFrom(client.getQueryData<SessionState>(queryKey));
        }
      },
      staleTime: Infinity,
      // Coming back to the tab after the idle timeout shows the sign-in form at once, rather than
      // after the next click fails ('always', because an answer that never goes stale is otherwise
      // never refetched on focus).
      refetchOnWindowFocus: 'always',
      // While records are refused for want of an audit trail, ask now and then, so the banner goes
      // (and the screens load again) as soon as the server can record views again.
      refetchInterval: (query) => (query.state.data?.signedIn && query.state.data.auditUnavailable ? 10_000 : false),
    }),
};

/** What a 401 turns the session into: "expired" only if this page was signed in a moment ago. */
export function endedFrom(previous: SessionState | undefined): SignedOut {
  if (previous?.signedIn) return { signedIn: false, expired: true, previousUser: previous.user.name };
  return previous ?? SIGNED_OUT;
}

/** Called when any request answers 401: the session this page was using has ended. */
export function markSessionEnded(client: QueryClient): void {
  const key = sessionQueries.current().queryKey;
  const previous = client.getQueryData<SessionState>(key);
  if (previous?.signedIn) client.setQueryData<SessionState>(key, endedFrom(previous));
}

/**
 * Drops every cached answer except the session itself: what one person fetched must not be shown to
 * the next one at this browser, nor a role's old data after a change of role.
 */
export function forgetCachedData(client: QueryClient): void {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionQueries.all()[0] });
}

export function useSessionState() {
  return useQuery(sessionQueries.current());
}

/** The signed-in user; the app renders its pages only inside a session, so null means "not yet". */
export function useSession(): SignedIn | null {
  const { data } = useSessionState();
  return data?.signedIn ? data : null;
}

/** Whether the signed-in role has a permission, from the same table the server enforces. */
export function useCan(permission: Permission): boolean {
  return can(useSession()?.user.role, permission);
}
