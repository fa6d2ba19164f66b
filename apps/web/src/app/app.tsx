import { Suspense, useEffect, useRef } from 'react';
import { Loading } from '../components/status';
import { useMeta } from '../api/meta.queries';
import { Link, useLocation } from '../lib/router';
import { toQueryString } from '../lib/api-client';
import { parseFilters, toFilterQuery } from '../features/filters/utils/url-state';
import { formatDate } from '../utils/format';
import { Providers } from './providers';
import { ROUTE_DEFS, matchRoute } from './routes';

const PRODUCT = 'Phone Scam Series';

function Header() {
  const { pathname, search } = useLocation();
  const meta = useMeta();
  // Moving between filtered pages keeps the filters (and drops page-only state such as table sort).
  const filterSearch = toQueryString(toFilterQuery(parseFilters(search)));
  const current = matchRoute(pathname);
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="app-header__brand">
        <span className="app-header__product">{PRODUCT}</span>
        <span className="app-header__force">{meta.data?.forceArea ? `${meta.data.forceArea} Constabulary` : 'Fraud unit dashboard'}</span>
      </div>
      <nav aria-label="Main" className="app-nav">
        <ul>
          {ROUTE_DEFS.filter((r) => !r.hidden).map((r) => (
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
      {meta.data?.dataRange ? (
        <p className="app-header__data small">
          Data to <strong>{formatDate(meta.data.dataRange.last)}</strong>
        </p>
      ) : null}
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

function Outlet() {
  const { pathname } = useLocation();
  const route = matchRoute(pathname);
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    document.title = `${route?.title ?? 'Not found'} · ${PRODUCT}`;
    // On navigation (not first load), move focus to the new page so screen readers announce it.
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [pathname, route]);

  const Page = route?.component ?? NotFound;
  return (
    <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
      <Suspense fallback={<Loading label="Loading page…" height={240} />}>
        <Page />
      </Suspense>
    </main>
  );
}

export function App() {
  return (
    <Providers>
      <Header />
      <Outlet />
    </Providers>
  );
}
