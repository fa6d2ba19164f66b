import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import type { Role } from '@scam/shared';
import { getJson, sendJson } from '../../../lib/api-client';
import { auditQueries } from './audit.queries';

export interface NewUser {
  name: string;
  role: Role;
  password: string;
}

export interface UserPatch {
  role?: Role;
  disabled?: boolean;
  password?: string;
}

export const userQueries = {
  all: () => ['admin', 'users'] as const,
  list: () =>
    queryOptions({
      queryKey: [...userQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => getJson(ROUTES.users, { signal }),
    }),
};

/** Account changes are audit events themselves, so the trail is refreshed with the list. */
function useRefreshAfterChange() {
  const client = useQueryClient();
  return () =>
    Promise.all([client.invalidateQueries({ queryKey: userQueries.all() }), client.invalidateQueries({ queryKey: auditQueries.all() })]);
}

export function useCreateUser() {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: (user: NewUser) => sendJson('POST', ROUTES.users, { body: user }),
    onSuccess: refresh,
  });
}

export function useUpdateUser(name: string) {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: (patch: UserPatch) => sendJson('PATCH', ROUTES.user, { params: { name }, body: patch }),
    onSuccess: refresh,
  });
}
