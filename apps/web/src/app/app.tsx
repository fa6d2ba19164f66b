import { Suspense, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS, can } from '@scam/shared';
import type { Role } from '@scam/shared';
import { ErrorNotice, Loading } from '../components/status';
import { ProtectiveMarking, ReadOnlyBanner } from '../components/markings';
import { isDemoData, useMeta } from '../api/meta.queries';
import { sessionQueries, useSessionState } from '../api/session.queries';
import type { SignedIn } from '../api/session.queries';
import { Link, useLocation } from '../lib/router';
import { filterSearch as filterPart } from '../utils/filters';
import { AccountMenu } from '../features/session/components/account-menu';
import { SignInScreen } from '../features/session/components/sign-in-screen';
import { formatDate } from '../utils/format';
import { Providers } from './providers';
import { matchRoute, navRoutes } from './routes';

const PRODUCT = 'Phone Scam Series';

function Header({ session }: { session: SignedIn }) {
  const { pathname, search } = useLocation();
  const meta = useMeta();
  // On a phone the navigation folds behind a Menu button (CSS shows the button only there), so no
  // page falls off the side of the screen. Choosing a page folds it again.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [pathname]);
  // Moving between filtered pages keeps the filters (and drops page-only state such as table sort).
  const filterSearch = filterPart(search);
  const current = matchRoute(pathname);
  const printHref = current?.print?.(search) ?? null;
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="app-header__brand">
        <span className="app-header__product">{PRODUCT}</span>
        <span className="app-header__force">{meta.data?.forceArea ? `${meta.data.forceArea} Constabulary` : 'Fraud unit dashboard'}</span>
      </div>
      <button
        type="button"
        className="app-nav__toggle"
        aria-expanded={menuOpen}
        aria-controls="main-nav"
        data-testid="nav-toggle"
        onClick={() => setMenuOpen((o) => !o)}
      >
        <span aria-hidden="true">{menuOpen ? '✕' : '☰'}</span> Menu
      </button>
      <nav aria-label="Main" id="main-nav" className={menuOpen ? 'app-nav app-nav--open' : 'app-nav'}>
        <ul>
          {navRoutes(session.user.role).map((r) => (
            <li key={r.path}>
              <Link
                to={r.path + (r.filtered ? filterSearch : '')}
                aria-current={current?.path === r.path ? 'page' : undefined}
                data-testid={`nav-${r.title.toLowerCase()}`}
              >
                {r.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="app-header__end">
        {isDemoData(meta.data) ? (
          <span
            className="demo-marker"
            data-testid="demo-marker"
            title="Invented incidents generated for demonstration; none is a real report"
          >
            DEMO DATA
          </span>
        ) : null}
        {meta.data?.dataRange ? (
          <p className="app-header__data small">
            Data to <strong>{formatDate(meta.data.dataRange.last)}</strong>
          </p>
        ) : null}
        {printHref ? (
          <Link className="app-header__print" to={printHref} data-testid="print-link">
            Print
          </Link>
        ) : null}
        <AccountMenu user={session.user} />
      </div>
    </header>
  );
}

function NotFound() {
  return (
    <section className="panel">
      <h1 className="page-title">Page not found</h1>
      <p>
        <Link to="/">Go to the overview</Link>
      </p>
    </section>
  );
}

/** A page the role may not open: said plainly, instead of a page whose every request is refused. */
function NotForRole({ role }: { role: Role }) {
  return (
    <section className="panel not-for-role" data-testid="not-for-role">
      <h1 className="page-title">Not available</h1>
      <p>Your role ({ROLE_LABELS[role]}) cannot open this page.</p>
      <p className="small muted">If your work needs it, ask an administrator to change your role.</p>
      {can(role, 'aggregates') ? (
        <p>
          <Link to="/">Go to the overview</Link>
        </p>
      ) : null}
    </section>
  );
}

function Outlet({ role, focusOnMount }: { role: Role; focusOnMount: boolean }) {
  const { pathname } = useLocation();
  const route = matchRoute(pathname);
  const allowed = route ? can(role, route.permission) : true;
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(!focusOnMount);

  useEffect(() => {
    document.title = `${route ? (allowed ? route.title : 'Not available') : 'Not found'} · ${PRODUCT}`;
    // On navigation (not first load), move focus to the new page so screen readers announce it; the
    // same after signing in, when the focused sign-in button has just gone.
    if (first.current) {
      first.current = false;
      return;
    }
    // A new page opens at its top, header and marking in view: focusing <main> would scroll it up to
    // the top of the window, hiding them (72 px on a laptop).
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname, route, allowed]);

  const Page = route?.component ?? NotFound;
  return (
    <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
      {allowed ? (
        <Suspense fallback={<Loading label="Loading page…" height={240} />}>
          <Page />
        </Suspense>
      ) : (
        <NotForRole role={role} />
      )}
    </main>
  );
}

/** When the audit trail can be written again, the screens that were refused load again by themselves. */
function RecordsBack({ auditUnavailable }: { auditUnavailable: boolean }) {
  const client = useQueryClient();
  const was = useRef(auditUnavailable);
  useEffect(() => {
    if (was.current && !auditUnavailable) void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== sessionQueries.all()[0] });
    was.current = auditUnavailable;
  }, [auditUnavailable, client]);
  return null;
}

/** Nothing but the sign-in form until there is a session; the dashboard once there is one. */
function SessionGate() {
  const session = useSessionState();
  const [askedToSignIn, setAskedToSignIn] = useState(false);
  if (session.data && !session.data.signedIn && !askedToSignIn) setAskedToSignIn(true);
  if (session.data?.signedIn) {
    return (
      <>
        <Header session={session.data} />
        {session.data.readOnly ? (
          <ReadOnlyBanner auditUnavailable={session.data.auditUnavailable} reason={session.data.readOnlyReason} />
        ) : null}
        <RecordsBack auditUnavailable={session.data.auditUnavailable === true} />
        <Outlet role={session.data.user.role} focusOnMount={askedToSignIn} />
      </>
    );
  }
  if (session.data) {
    return <SignInScreen product={PRODUCT} expired={session.data.expired} previousUser={session.data.previousUser} />;
  }
  return (
    <main id="main" className="app-main">
      {session.isError ? (
        <ErrorNotice error={session.error} title="Could not reach the dashboard" onRetry={() => void session.refetch()} />
      ) : (
        <Loading label="Checking your session…" height={240} />
      )}
    </main>
  );
}

export function App() {
  return (
    <Providers>
      <ProtectiveMarking />
      <SessionGate />
    </Providers>
  );
}
