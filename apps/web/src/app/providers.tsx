import { useState } from 'react';
import type { ReactNode } from 'react';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from '../lib/api-client';
import { endsSession, markSessionEnded, sessionQueries } from '../api/session.queries';

function makeClient(): QueryClient {
  // Every request can find the session gone (idle timeout) or the role changed by an administrator;
  // both are handled here once rather than in each feature.
  const onError = (error: unknown) => {
    if (endsSession(error)) markSessionEnded(client);
    // A role changed, or records refused because the audit trail cannot be written: the session says
    // which (and the banner why).
    else if (error instanceof ApiError && (error.status === 403 || error.code === 'audit_unavailable'))
      void client.invalidateQueries({ queryKey: sessionQueries.all() });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        // A 4xx will not fix itself; only network and server failures are worth one more try.
        // (audit_unavailable is not retried either: the session poll brings the screens back.)
        retry: (count, error) =>
          count < 1 && !(error instanceof ApiError && ((error.status >= 400 && error.status < 500) || error.code === 'audit_unavailable')),
      },
    },
  });
  return client;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
