import { ROLE_LABELS } from '@scam/shared';
import type { SessionUser } from '../../../api/session.queries';
import { errorMessage } from '../../../lib/api-client';
import { useSignOut } from '../api/session.mutations';

/** Who is signed in, as what, and the way out. */
export function AccountMenu({ user }: { user: SessionUser }) {
  const signOut = useSignOut();
  return (
    <div className="account no-print" data-testid="account">
      <p className="account__who">
        <span className="visually-hidden">Signed in as </span>
        <strong data-testid="account-name">{user.name}</strong>
        <span className="account__role" data-testid="account-role">
          {ROLE_LABELS[user.role]}
        </span>
      </p>
      <button
        type="button"
        className="button button--small account__sign-out"
        onClick={() => signOut.mutate()}
        disabled={signOut.isPending}
        data-testid="sign-out"
      >
        {signOut.isPending ? 'Signing out…' : 'Sign out'}
      </button>
      {signOut.isError ? (
        <p className="account__problem small" role="alert">
          Not signed out: {errorMessage(signOut.error)}
        </p>
      ) : null}
    </div>
  );
}
