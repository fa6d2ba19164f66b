import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ROLES, ROLE_LABELS } from '@scam/shared';
import type { Role, UserInfo } from '@scam/shared';
import { useSession } from '../../../api/session.queries';
import { EmptyState, ErrorNotice, Loading } from '../../../components/status';
import { formatTimestamp } from '../../../utils/format';
import { useCreateUser, useUpdateUser, userQueries } from '../api/users.queries';

/** The server's rule, said before anyone types: it refuses shorter or commonly used passwords. */
const PASSWORD_RULE = 'At least 12 characters, and not a commonly used password.';

/** Accounts: who may sign in, as what. The server checks every change; its refusals are shown as sent. */
export function UsersPanel() {
  const users = useQuery(userQueries.list());
  const me = useSession()?.user.name ?? null;
  return (
    <section className="panel admin-users" aria-labelledby="users-title" data-testid="users-panel">
      <div className="panel__head">
        <h2 id="users-title" className="panel__heading">
          Users
        </h2>
      </div>
      {users.isPending ? (
        <Loading label="Loading users…" height={120} />
      ) : users.isError ? (
        <ErrorNotice error={users.error} title="Could not load the users" onRetry={() => void users.refetch()} />
      ) : users.data.users.length === 0 ? (
        <EmptyState>No accounts yet.</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table table--compact table--stack admin-users__table" data-testid="users-table">
            <caption className="visually-hidden">User accounts</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Last signed in</th>
                <th scope="col">Created</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((u) => (
                <UserRow key={u.name} user={u} isMe={u.name.toLowerCase() === me?.toLowerCase()} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddUserForm />
    </section>
  );
}

function StatusBadges({ user }: { user: UserInfo }) {
  if (user.disabled) return <span className="badge badge--off">Disabled</span>;
  return (
    <>
      <span className="badge badge--ok">Active</span>
      {user.locked ? (
        <>
          {' '}
          <span
            className="badge badge--warn"
            title="Repeated wrong passwords from one address: that address waits before each attempt. The account itself still works from other addresses."
          >
            Sign-ins slowed
          </span>
        </>
      ) : null}
    </>
  );
}

function UserRow({ user, isMe }: { user: UserInfo; isMe: boolean }) {
  const update = useUpdateUser(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [settingPassword, setSettingPassword] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const roleId = useId();

  const change = (patch: Parameters<typeof update.mutate>[0], message: string, after?: () => void) => {
    setDone(null);
    update.mutate(patch, {
      onSuccess: () => {
        setDone(message);
        after?.();
      },
    });
  };

  const roleChanged = role !== user.role;
  return (
    <>
      <tr data-testid="user-row" data-name={user.name} data-role={user.role} data-disabled={user.disabled}>
        <th scope="row" className="admin-users__name">
          {user.name}
          {isMe ? <span className="muted small"> (you)</span> : null}
        </th>
        <td data-label="Role">
          <label className="visually-hidden" htmlFor={roleId}>
            Role of {user.name}
          </label>
          {/* Your own role and account stay as they are here: one slip would lock every administrator out. */}
          <div className="admin-users__role">
            <select
              id={roleId}
              value={role}
              disabled={isMe || update.isPending}
              onChange={(e) => setRole(e.target.value as Role)}
              data-testid="user-role"
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
            {roleChanged ? (
              <>
                <button
                  type="button"
                  className="button button--small button--primary"
                  disabled={update.isPending}
                  onClick={() => change({ role }, `${user.name} is now ${ROLE_LABELS[role]}.`)}
                  data-testid="user-role-save"
                >
                  Save role
                </button>
                <button type="button" className="button button--small button--quiet" onClick={() => setRole(user.role)}>
                  Cancel
                </button>
              </>
            ) : null}
          </div>
        </td>
        <td className="nowrap" data-label="Status">
          <StatusBadges user={user} />
        </td>
        <td className="nowrap" data-label="Last signed in">
          {user.lastSignInAt ? formatTimestamp(user.lastSignInAt) : <span className="muted">Never</span>}
        </td>
        <td className="nowrap" data-label="Created">
          {formatTimestamp(user.createdAt)}
        </td>
        <td>
          <div className="actions">
            {isMe ? null : (
              <button
                type="button"
                className={`button button--small${user.disabled ? '' : ' button--quiet'}`}
                disabled={update.isPending}
                onClick={() =>
                  change(
                    { disabled: !user.disabled },
                    user.disabled ? `${user.name} can sign in again.` : `${user.name} can no longer sign in.`,
                  )
                }
                data-testid="user-toggle"
              >
                {user.disabled ? 'Enable' : 'Disable'}
              </button>
            )}
            <button
              type="button"
              className="button button--small button--quiet"
              aria-expanded={settingPassword}
              onClick={() => {
                update.reset();
                setDone(null);
                setSettingPassword((open) => !open);
              }}
              data-testid="user-password-open"
            >
              Set password…
            </button>
          </div>
        </td>
      </tr>
      {settingPassword || update.isError || done ? (
        <tr className="admin-users__detail">
          <td colSpan={6}>
            {settingPassword ? (
              <PasswordForm
                name={user.name}
                pending={update.isPending}
                onCancel={() => {
                  update.reset();
                  setSettingPassword(false);
                }}
                onSubmit={(password) => change({ password }, `New password set for ${user.name}.`, () => setSettingPassword(false))}
              />
            ) : null}
            {update.isError ? <ErrorNotice error={update.error} title={`Could not change ${user.name}`} /> : null}
            {done ? (
              <p className="notice notice--ok" role="status">
                {done}
              </p>
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}

function PasswordForm({
  name,
  pending,
  onSubmit,
  onCancel,
}: {
  name: string;
  pending: boolean;
  onSubmit: (password: string) => void;
  onCancel: () => void;
}) {
  const [password, setPassword] = useState('');
  const id = useId();
  const hintId = useId();
  return (
    <form
      className="admin-inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (password) onSubmit(password);
      }}
      data-testid="user-password-form"
    >
      {/* A hidden username lets password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={name} readOnly hidden />
      <div className="field">
        <label className="field__label" htmlFor={id}>
          New password for {name}
        </label>
        <input
          id={id}
          type="password"
          autoComplete="new-password"
          value={password}
          maxLength={256}
          aria-describedby={hintId}
          onChange={(e) => setPassword(e.target.value)}
          autoFocus
          data-testid="user-password"
        />
        <span id={hintId} className="small muted">
          {PASSWORD_RULE}
        </span>
      </div>
      <div className="button-row">
        <button
          type="submit"
          className="button button--small button--primary"
          disabled={pending || !password}
          data-testid="user-password-save"
        >
          {pending ? 'Saving…' : 'Set password'}
        </button>
        <button type="button" className="button button--small button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function AddUserForm() {
  const create = useCreateUser();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [password, setPassword] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const ids = { name: useId(), role: useId(), password: useId(), hint: useId(), title: useId() };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    create.mutate(
      { name: name.trim(), role, password },
      {
        onSuccess: ({ user }) => {
          setAdded(`Added ${user.name} as ${ROLE_LABELS[user.role]}.`);
          setName('');
          setPassword('');
        },
      },
    );
  };

  return (
    <form className="admin-add-user" onSubmit={onSubmit} aria-labelledby={ids.title} data-testid="add-user">
      <h3 id={ids.title} className="admin-add-user__title">
        Add a user
      </h3>
      <div className="admin-add-user__fields">
        <div className="field">
          <label className="field__label" htmlFor={ids.name}>
            Username
          </label>
          <input
            id={ids.name}
            type="text"
            value={name}
            maxLength={64}
            required
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            onChange={(e) => setName(e.target.value)}
            data-testid="add-user-name"
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.role}>
            Role
          </label>
          <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="add-user-role">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.password}>
            Password
          </label>
          <input
            id={ids.password}
            type="password"
            value={password}
            maxLength={256}
            required
            autoComplete="new-password"
            aria-describedby={ids.hint}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="add-user-password"
          />
        </div>
        <button
          type="submit"
          className="button button--primary"
          disabled={create.isPending || !name.trim() || !password}
          data-testid="add-user-submit"
        >
          {create.isPending ? 'Adding…' : 'Add user'}
        </button>
      </div>
      <p id={ids.hint} className="small muted">
        {PASSWORD_RULE} Give it to the person in a separate message from their username.
      </p>
      {create.isError ? <ErrorNotice error={create.error} title="The user was not added" /> : null}
      {added ? (
        <p className="notice notice--ok" role="status" data-testid="add-user-done">
          {added}
        </p>
      ) : null}
    </form>
  );
}
