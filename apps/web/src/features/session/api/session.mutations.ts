import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import { SIGNED_OUT, endsSession, forgetCachedData, sessionQueries, signedInFrom } from '../../../api/session.queries';
import type { SessionState } from '../../../api/session.queries';
import { sendJson } from '../../../lib/api-client';
import { navigate } from '../../../lib/router';

export interface Credentials {
  username: string;
  password: string;
}

/**
 * `POST /api/session`. The URL is left alone: whatever the person was looking at when asked to sign
 * in is what they see afterwards.
 */
export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: Credentials): Promise<SessionState> => {
      const body = await sendJson('POST', ROUTES.session, { body: credentials });
      if (typeof body.readOnly === 'boolean') return signedInFrom(body);
      // An answer without the read-only flag: ask for the whole session, so the banner is right.
      return client.fetchQuery({ ...sessionQueries.current(), staleTime: 0 });
    },
    onSuccess: (state) => {
      forgetCachedData(client);
      client.setQueryData(sessionQueries.current().queryKey, state);
    },
  });
}

/** `DELETE /api/session`. Back to the overview's address, so the next person starts there. */
export function useSignOut() {
  const client = useQueryClient();
  const signedOut = () => {
    client.setQueryData<SessionState>(sessionQueries.current().queryKey, SIGNED_OUT);
    forgetCachedData(client);
    navigate('/');
  };
  return useMutation({
    mutationFn: () => sendJson('DELETE', ROUTES.session),
    onSuccess: signedOut,
    // Already signed out on the server (timed out meanwhile): the person still asked to leave.
    onError: (err) => {
      if (endsSession(err)) signedOut();
    },
  });
}
