import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useSignIn } from '../api/session.mutations';
import { checkCredentials, signInProblem } from '../utils/sign-in';
import type { SignInProblem } from '../utils/sign-in';

/**
 * Shown instead of the dashboard whenever there is no session. It never changes the address, so after
 * signing in the person is back on the page (and filters) they had open.
 */
export function SignInScreen({ product, expired, previousUser }: { product: string; expired: boolean; previousUser?: string }) {
  const signIn = useSignIn();
  const [username, setUsername] = useState(previousUser ?? '');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<SignInProblem | null>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const ids = { username: useId(), password: useId(), problem: useId(), title: useId() };

  useEffect(() => {
    document.title = `Sign in · ${product}`;
    // A returning person only needs their password; everyone else starts at the username.
    (previousUser ? passwordRef : usernameRef).current?.focus();
  }, [product, previousUser]);

  const showProblem = (next: SignInProblem) => {
    setProblem(next);
    if (next.field === 'password') setPassword('');
    (next.field === 'password' ? passwordRef : usernameRef).current?.focus();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (signIn.isPending) return;
    const missing = checkCredentials(username, password);
    if (missing) {
      showProblem(missing);
      return;
    }
    setProblem(null);
    signIn.mutate({ username: username.trim(), password }, { onError: (err) => showProblem(signInProblem(err)) });
  };

  const invalid = (field: SignInProblem['field']) =>
    problem?.field === field ? { 'aria-invalid': true, 'aria-describedby': ids.problem } : {};

  return (
    <main id="main" className="sign-in" data-testid="sign-in">
      <section className="sign-in__card" aria-labelledby={ids.title}>
        <p className="sign-in__product">{product}</p>
        <h1 id={ids.title} className="sign-in__title">
          Sign in
        </h1>
        {expired ? (
          <p className="notice notice--warn" role="status" data-testid="session-ended">
            Your session has ended. Sign in again to carry on where you left off.
          </p>
        ) : null}
        {problem ? (
          <p id={ids.problem} className="notice notice--error sign-in__problem" role="alert" data-testid="sign-in-error">
            {problem.message}
          </p>
        ) : null}
        <form className="sign-in__form" onSubmit={onSubmit} noValidate>
          <div className="field">
            <label className="field__label" htmlFor={ids.username}>
              Username
            </label>
            <input
              ref={usernameRef}
              id={ids.username}
              name="username"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              maxLength={64}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              data-testid="sign-in-username"
              {...invalid('username')}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={ids.password}>
              Password
            </label>
            <input
              ref={passwordRef}
              id={ids.password}
              name="password"
              type="password"
              autoComplete="current-password"
              maxLength={256}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              data-testid="sign-in-password"
              {...invalid('password')}
            />
          </div>
          <button type="submit" className="button button--primary sign-in__submit" disabled={signIn.isPending} data-testid="sign-in-submit">
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="small muted sign-in__note">
          For authorised staff only; what you open and export is recorded. If you have forgotten your password, ask an administrator to set
          a new one.
        </p>
      </section>
    </main>
  );
}
